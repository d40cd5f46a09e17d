import type { InviteEmailOutcome } from "~/content/invite-email.ts";
import type { DB } from "~/db/client.server.ts";
import { isUniqueViolation } from "~/db/errors.server.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { getClinicName } from "~/models/clinic.server.ts";
import { insertInvite, revokeOpenInvites } from "~/models/invite.server.ts";
import { insertPatientProfile } from "~/models/patient.server.ts";
import { emailExists, insertUser } from "~/models/user.server.ts";
import type { NewPatient } from "~/schemas/patient.ts";
import { nowIso } from "~/utils/dates.ts";
import { sendEmail } from "~/utils/email.server.ts";
import { inviteEmail } from "~/utils/email-templates.server.ts";
import { newToken } from "~/utils/ids.server.ts";

const INVITE_DAYS = 7;

type Clinician = { id: string; clinic_id: string; role: "clinician" };
/** The clinician who sends an invite: their name goes into the email. */
type InvitingClinician = Clinician & { name: string };

export type { InviteEmailOutcome };

export type CreatePatientResult =
  | { ok: true; patientId: string; inviteUrl: string; inviteEmail: InviteEmailOutcome }
  | { ok: false; fieldErrors: Record<string, string> };

/**
 * One answer for every email that cannot be used, whichever clinic (if any the clinician can see) holds it: the
 * answer must not tell a clinician anything about another clinic's patients.
 */
export const EMAIL_UNAVAILABLE =
  "This email address cannot be used for a new patient. Check it, or ask for another one.";

/**
 * Creates the patient's account (no password yet) and a one-time invite link, all or nothing; once that has
 * committed, emails the link. A failed send leaves the patient created and the link usable (the page shows it).
 */
export async function createPatientWithInvite(
  db: DB,
  clinician: InvitingClinician,
  input: NewPatient,
  origin: string,
): Promise<CreatePatientResult> {
  const unavailable = { ok: false as const, fieldErrors: { email: EMAIL_UNAVAILABLE } };
  if (await emailExists(db, input.email)) return unavailable;
  // A double submit: both pass the check above, the unique email lets one in, and the other gets the same answer.
  const created = await createPatient(db, clinician, input).catch((error: unknown) => {
    if (isUniqueViolation(error)) return null;
    throw error;
  });
  if (!created) return unavailable;
  const inviteUrl = `${origin}${created.invitePath}`;
  const patient = { id: created.patientId, email: input.email, name: input.name };
  const outcome = await emailInvite(db, clinician, patient, inviteUrl);
  return { ok: true, patientId: created.patientId, inviteUrl, inviteEmail: outcome };
}

/** The patient's account, profile, invite and audit entry: all or nothing. */
function createPatient(db: DB, clinician: Clinician, input: NewPatient) {
  return db.transaction().execute(async (trx) => {
    const createdAt = nowIso();
    const patientId = await insertUser(trx, {
      clinicId: clinician.clinic_id,
      role: "patient",
      email: input.email,
      name: input.name,
      timeZone: input.timeZone,
      passwordHash: null,
    });
    await insertPatientProfile(trx, {
      userId: patientId,
      clinicId: clinician.clinic_id,
      clinicianId: clinician.id,
      condition: input.condition,
      involvedSide: input.involvedSide,
      injuryDate: input.injuryDate ?? null,
      surgeryDate: input.surgeryDate ?? null,
      createdAt,
    });
    const token = await issueInvite(trx, patientId, clinician.id, createdAt);
    await recordAudit(trx, {
      clinicId: clinician.clinic_id,
      actor: clinician,
      action: "patient.created",
      entityType: "patient",
      entityId: patientId,
      detail: { condition: input.condition, involvedSide: input.involvedSide },
    });
    return { patientId, invitePath: `/invite/${token}` };
  });
}

/** A fresh one-time link (the previous unused one stops working). */
export async function reissueInvite(db: DB, clinician: Clinician, patientId: string): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    await revokeOpenInvites(trx, patientId, now);
    const token = await issueInvite(trx, patientId, clinician.id, now);
    await recordAudit(trx, {
      clinicId: clinician.clinic_id,
      actor: clinician,
      action: "patient.invite_reissued",
      entityType: "patient",
      entityId: patientId,
    });
    return `/invite/${token}`;
  });
}

/** "Resend invite": a fresh link (the previous one stops working), committed, then emailed. */
export async function resendInvite(
  db: DB,
  clinician: InvitingClinician,
  patient: { id: string; email: string; name: string },
  origin: string,
): Promise<{ inviteUrl: string; inviteEmail: InviteEmailOutcome }> {
  const inviteUrl = `${origin}${await reissueInvite(db, clinician, patient.id)}`;
  return { inviteUrl, inviteEmail: await emailInvite(db, clinician, patient, inviteUrl) };
}

/**
 * Sends the invite (outside any transaction: the link is already committed) and audits the attempt: who sent it,
 * to which patient, when and how it went. Never the message or the link.
 */
async function emailInvite(
  db: DB,
  clinician: InvitingClinician,
  patient: { id: string; email: string; name: string },
  inviteUrl: string,
): Promise<InviteEmailOutcome> {
  const clinicName = (await getClinicName(db, clinician.clinic_id)) ?? "Your clinic";
  const message = inviteEmail({
    clinicName,
    patientName: patient.name,
    clinicianName: clinician.name,
    inviteUrl,
    validDays: INVITE_DAYS,
  });
  const result = await sendEmail({ to: patient.email, senderName: clinicName, ...message });
  await recordAudit(db, {
    clinicId: clinician.clinic_id,
    actor: clinician,
    action: result.ok ? "patient.invite_emailed" : "patient.invite_email_failed",
    entityType: "patient",
    entityId: patient.id,
    detail: { delivery: result.delivery },
  });
  return result.ok ? { sent: true, delivery: result.delivery } : { sent: false };
}

async function issueInvite(db: DB, userId: string, createdBy: string, createdAt: string): Promise<string> {
  const token = newToken();
  const expiresAt = new Date(Date.parse(createdAt) + INVITE_DAYS * 24 * 60 * 60 * 1000).toISOString();
  await insertInvite(db, { userId, token, createdBy, createdAt, expiresAt });
  return token;
}
