import type { DB } from "~/db/client.server.ts";
import type { Plan, Role } from "~/db/types.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { getClinicName } from "~/models/clinic.server.ts";
import {
  claimMessageNotice,
  countUnread,
  countUnreadFromPatients,
  insertMessage,
  listMessagesOfPlan,
  markMessagesRead,
} from "~/models/message.server.ts";
import { getCurrentPlanForPatient, getWorkingPlanOfPatient } from "~/models/plan.server.ts";
import { getUserById } from "~/models/user.server.ts";
import type { MessageForm } from "~/schemas/message.ts";
import { nowIso } from "~/utils/dates.ts";
import { sendEmail } from "~/utils/email.server.ts";
import { newMessageEmail } from "~/utils/email-templates.server.ts";
import { newId } from "~/utils/ids.server.ts";

// Messages between a patient and their clinic: one thread per plan (the current one). Either side writes while the
// plan is active or paused. Opening the thread marks the other side's messages read. The other side gets an email
// "you have a new message" at most once an hour per thread (docs/decisions/054-messages.md).

const NOTICE_QUIET_MS = 60 * 60 * 1000;

type Author = { id: string; clinic_id: string; name: string; role: Role; time_zone: string };
export type Thread = {
  planId: string | null;
  /** A plan that is over (discharged, completed) keeps its thread readable but closed. */
  canWrite: boolean;
  messages: Array<{
    id: string;
    fromPatient: boolean;
    /** Written by the one reading (not a colleague): shown as "You". */
    byReader: boolean;
    authorName: string;
    body: string;
    sentAt: string;
    /** "7 Dec, 17:40" in the reader's time zone. */
    sentAtLabel: string;
  }>;
  /** A fresh id for the next message's form (see MessageSchema). */
  nextMessageId: string;
};
export type SendResult =
  { ok: true; sent: boolean; notice: Promise<"emailed" | "not-needed" | "failed"> } | { ok: false; formError: string };

const isOpen = (plan: Pick<Plan, "status">) => plan.status === "active" || plan.status === "paused";

async function threadOf(db: DB, reader: Author, plan: Plan | undefined): Promise<Thread> {
  if (!plan) return { planId: null, canWrite: false, messages: [], nextMessageId: newId() };
  const writtenByOtherSide: Role = reader.role === "patient" ? "clinician" : "patient";
  await markMessagesRead(db, plan.id, writtenByOtherSide, nowIso());
  const rows = await listMessagesOfPlan(db, plan.clinic_id, plan.id);
  return {
    planId: plan.id,
    canWrite: isOpen(plan),
    messages: rows.map((m) => ({
      id: m.id,
      fromPatient: m.author_role === "patient",
      byReader: m.author_id === reader.id,
      authorName: m.author_name,
      body: m.body,
      sentAt: m.created_at,
      sentAtLabel: sentAtLabel(m.created_at, reader.time_zone),
    })),
    nextMessageId: newId(),
  };
}

function sentAtLabel(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  }).format(new Date(iso));
}

/** The signed-in patient's thread (their current plan's), marking their clinic's messages read. */
export async function openPatientThread(db: DB, patient: Author): Promise<Thread> {
  const plan = await getCurrentPlanForPatient(db, patient.id);
  return threadOf(db, patient, plan && plan.clinic_id === patient.clinic_id ? plan : undefined);
}

/** A patient's thread as a clinician of their clinic reads it (their latest plan's), marking it read. */
export async function openClinicThread(db: DB, clinician: Author, patientId: string): Promise<Thread> {
  const plan = await getWorkingPlanOfPatient(db, clinician.clinic_id, patientId);
  return threadOf(db, clinician, plan);
}

export async function sendPatientMessage(
  db: DB,
  patient: Author,
  form: MessageForm,
  origin: string,
): Promise<SendResult> {
  const plan = await getCurrentPlanForPatient(db, patient.id);
  if (!plan || plan.clinic_id !== patient.clinic_id)
    return { ok: false, formError: "You can send messages once your physio has started your plan." };
  return send(db, patient, plan, form, origin);
}

export async function sendClinicMessage(
  db: DB,
  clinician: Author,
  patientId: string,
  form: MessageForm,
  origin: string,
): Promise<SendResult> {
  const plan = await getWorkingPlanOfPatient(db, clinician.clinic_id, patientId);
  if (!plan || !isOpen(plan))
    return { ok: false, formError: "Messages open when the patient has an active or paused plan." };
  return send(db, clinician, plan, form, origin);
}

async function send(db: DB, author: Author, plan: Plan, form: MessageForm, origin: string): Promise<SendResult> {
  if (!isOpen(plan)) return { ok: false, formError: "This plan has ended, so its thread is closed." };
  const now = new Date();
  const sent = await db.transaction().execute(async (trx) => {
    const added = await insertMessage(trx, {
      id: form.messageId,
      clinicId: plan.clinic_id,
      planId: plan.id,
      patientId: plan.patient_id,
      authorId: author.id,
      authorRole: author.role,
      body: form.body,
      createdAt: now.toISOString(),
    });
    if (!added) return false;
    // The audit keeps who wrote when, not the words (the thread itself is the record of those).
    await recordAudit(trx, {
      clinicId: plan.clinic_id,
      actor: author,
      action: "message.sent",
      entityType: "message",
      entityId: form.messageId,
      planId: plan.id,
      detail: { length: form.body.length },
    });
    return true;
  });
  // The email goes after the commit and is not waited for: the writer's page should not hang on a mail server.
  const notice = sent ? notifyOtherSide(db, author, plan, now, origin) : Promise.resolve("not-needed" as const);
  notice.catch(() => undefined);
  return { ok: true, sent, notice };
}

async function notifyOtherSide(
  db: DB,
  author: Author,
  plan: Plan,
  now: Date,
  origin: string,
): Promise<"emailed" | "not-needed" | "failed"> {
  const recipientRole: Role = author.role === "patient" ? "clinician" : "patient";
  if (!(await claimMessageNotice(db, plan.id, recipientRole, now, NOTICE_QUIET_MS))) return "not-needed";
  const recipient = await getUserById(db, recipientRole === "patient" ? plan.patient_id : plan.clinician_id);
  if (!recipient) return "not-needed";
  const clinicName = (await getClinicName(db, plan.clinic_id)) ?? "Your clinic";
  const threadUrl =
    recipientRole === "patient" ? `${origin}/me/messages` : `${origin}/clinic/patients/${plan.patient_id}/messages`;
  const message = newMessageEmail({
    recipientName: recipient.name,
    fromLabel: recipientRole === "patient" ? `${author.name} at ${clinicName}` : author.name,
    threadUrl,
  });
  const result = await sendEmail({ to: recipient.email, senderName: clinicName, ...message });
  await recordAudit(db, {
    clinicId: plan.clinic_id,
    actor: null,
    action: result.ok ? "message.notice_emailed" : "message.notice_email_failed",
    entityType: "plan",
    entityId: plan.id,
    planId: plan.id,
    detail: { to: recipientRole, delivery: result.delivery },
  });
  return result.ok ? "emailed" : "failed";
}

/** Messages from the clinic the patient has not opened yet: the badge in their menu, the line on Today. */
export async function unreadForPatient(db: DB, patient: Pick<Author, "id" | "clinic_id">): Promise<number> {
  return countUnread(db, patient.clinic_id, patient.id, "clinician");
}

/** Messages from one patient that no clinician of the clinic has opened yet: the patient page's Messages button. */
export async function unreadFromPatient(db: DB, clinicId: string, patientId: string): Promise<number> {
  return countUnread(db, clinicId, patientId, "patient");
}

/** Unread messages from patients, by patient id: triage's "sent you a message". */
export async function unreadFromPatients(db: DB, clinicId: string): Promise<Map<string, number>> {
  return countUnreadFromPatients(db, clinicId);
}
