import type { DB } from "~/db/client.server.ts";
import type { ReminderKind } from "~/db/types.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { addDays } from "~/engine/index.ts";
import { listActivePlansOfPatients } from "~/models/plan.server.ts";
import {
  insertReminderClaim,
  listLoggedPatientDays,
  listReminderCandidates,
  listReminderClaims,
  markReminderSent,
  retakeReminderClaim,
  type ReminderClaim,
} from "~/models/reminder-claim.server.ts";
import { DEFAULT_REMINDER_TIME } from "~/schemas/reminder-settings.ts";
import { todayIn } from "~/utils/dates.ts";
import { sendEmail } from "~/utils/email.server.ts";
import { dailyLogReminderEmail, questionnaireDueEmail, type RenderedEmail } from "~/utils/email-templates.server.ts";
import {
  dueQuestionnaireView,
  questionnairesDueForPlans,
  type DueQuestionnaire,
} from "./questionnaire-schedule.server.ts";
import { unsubscribeTokenFor } from "./reminder-setting.server.ts";

/**
 * The daily-log reminder (docs/decisions/050-reminder-sweep.md). Quiet hours are our own choice, not a standard:
 * nothing is sent from 21:00 to 08:00 in the patient's time zone. A claim whose send never finished may be taken
 * over after `leaseMinutes` (longer than the SMTP timeouts), at most `maxAttempts` times a day.
 */
export const REMINDER = { quietFrom: "21:00", quietUntil: "08:00", leaseMinutes: 5, maxAttempts: 3 } as const;

const DAILY_LOG: ReminderKind = "daily-log";
const QUESTIONNAIRE_DUE: ReminderKind = "questionnaire-due";
/** A questionnaire that fell due this many days ago is still reminded if its day's reminder never went out (ours). */
const QUESTIONNAIRE_CATCH_UP_DAYS = 1;

export type SweepReport = { due: number; sent: number; failed: number };

const clocks = new Map<string, Intl.DateTimeFormat>();

/** "HH:MM" it is now in a time zone. */
export function localTimeIn(timeZone: string, now: Date): string {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    clocks.set(timeZone, clock);
  }
  return clock.format(now);
}

export function inQuietHours(localTime: string): boolean {
  return localTime >= REMINDER.quietFrom || localTime < REMINDER.quietUntil;
}

/**
 * One pass: every patient with an active plan and reminders on whose chosen time has passed today (their day),
 * outside quiet hours, gets one email for each reminder that is due and not yet sent: the daily log when they have not
 * logged today, a scheduled questionnaire on the day it falls due (ADR 059). Safe to run at the same time on any
 * number of instances: a reminder is claimed (its row inserted) before it is sent, and only the sweep whose claim
 * landed sends it.
 */
export async function sweepReminders(db: DB, options: { baseUrl: string; now?: Date }): Promise<SweepReport> {
  const now = options.now ?? new Date();
  const due: ReminderPatient[] = [];
  for (const patient of await listReminderCandidates(db)) {
    if (patient.enabled === 0) continue;
    const localTime = localTimeIn(patient.time_zone, now);
    if (inQuietHours(localTime) || localTime < (patient.remind_at ?? DEFAULT_REMINDER_TIME)) continue;
    due.push({ ...patient, localDate: todayIn(patient.time_zone, now) });
  }
  const report: SweepReport = { due: 0, sent: 0, failed: 0 };
  if (!due.length) return report;
  const sweep = { db, baseUrl: options.baseUrl, now, report };
  await remindDailyLog(sweep, due);
  await remindQuestionnairesDue(sweep, due);
  return report;
}

type ReminderPatient = Awaited<ReturnType<typeof listReminderCandidates>>[number] & { localDate: string };
type Sweep = { db: DB; baseUrl: string; now: Date; report: SweepReport };

async function remindDailyLog(sweep: Sweep, due: ReminderPatient[]): Promise<void> {
  const dates = [...new Set(due.map((p) => p.localDate))];
  const [logged, claims] = await Promise.all([
    listLoggedPatientDays(sweep.db, dates),
    listReminderClaims(sweep.db, DAILY_LOG, dates),
  ]);
  for (const patient of due) {
    if (logged.has(`${patient.id}|${patient.localDate}`)) continue;
    await claimAndSend(sweep, patient, DAILY_LOG, patient.localDate, claims, (links) =>
      dailyLogReminderEmail({
        clinicName: patient.clinic_name,
        patientName: patient.name,
        logUrl: `${sweep.baseUrl}/me/log`,
        ...links,
      }),
    );
  }
}

/**
 * A scheduled questionnaire is reminded once, on the day it falls due, or the day after when that day's reminder could
 * not go out (the app was down until the quiet hours). The claim's day is the day it fell due, so a questionnaire left
 * undone is never reminded again, and one email covers all that are due.
 */
async function remindQuestionnairesDue(sweep: Sweep, due: ReminderPatient[]): Promise<void> {
  const byPatient = new Map(due.map((p) => [p.id, p]));
  const plans = await listActivePlansOfPatients(
    sweep.db,
    due.map((p) => p.id),
  );
  const dueByPlan = await questionnairesDueForPlans(
    sweep.db,
    plans,
    (plan) => byPatient.get(plan.patient_id)!.localDate,
  );
  const toRemind: Array<{ patient: ReminderPatient; dueOn: string; questionnaires: DueQuestionnaire[] }> = [];
  for (const plan of plans) {
    const patient = byPatient.get(plan.patient_id)!;
    const fresh = (dueByPlan.get(plan.id) ?? []).filter(
      (q) => q.dueOn >= addDays(patient.localDate, -QUESTIONNAIRE_CATCH_UP_DAYS),
    );
    if (!fresh.length) continue;
    const dueOn = fresh
      .map((q) => q.dueOn)
      .sort()
      .at(-1)!;
    toRemind.push({ patient, dueOn, questionnaires: (dueByPlan.get(plan.id) ?? []).map(dueQuestionnaireView) });
  }
  if (!toRemind.length) return;
  const claims = await listReminderClaims(sweep.db, QUESTIONNAIRE_DUE, [...new Set(toRemind.map((r) => r.dueOn))]);
  for (const { patient, dueOn, questionnaires } of toRemind) {
    await claimAndSend(sweep, patient, QUESTIONNAIRE_DUE, dueOn, claims, (links) =>
      questionnaireDueEmail({
        clinicName: patient.clinic_name,
        patientName: patient.name,
        count: questionnaires.length,
        minutes: questionnaires.reduce((sum, q) => sum + q.minutes, 0),
        questionnairesUrl: `${sweep.baseUrl}/me/questionnaires`,
        ...links,
      }),
    );
  }
}

/**
 * Claims the (patient, kind, day) reminder, or takes over a claim whose lease has run out, and sends it; audited.
 * Does nothing when it was sent already or another sweep holds the claim.
 */
async function claimAndSend(
  sweep: Sweep,
  patient: ReminderPatient,
  kind: ReminderKind,
  localDate: string,
  claims: Map<string, ReminderClaim>,
  render: (links: { settingsUrl: string; unsubscribeUrl: string }) => RenderedEmail,
): Promise<void> {
  const { db, now, report } = sweep;
  const seen = claims.get(`${patient.id}|${localDate}`);
  if (seen?.sent_at) return;
  report.due += 1;
  const key = { patientId: patient.id, kind, localDate };
  const nowIso = now.toISOString();
  const leaseExpiredBefore = new Date(now.getTime() - REMINDER.leaseMinutes * 60_000).toISOString();
  const claimed = seen
    ? await retakeReminderClaim(db, key, seen, { nowIso, leaseExpiredBefore, maxAttempts: REMINDER.maxAttempts })
    : await insertReminderClaim(db, key, nowIso);
  if (!claimed) return; // another sweep has it

  const unsubscribeUrl = `${sweep.baseUrl}/unsubscribe/${unsubscribeTokenFor(patient.id)}`;
  const result = await sendEmail({
    to: patient.email,
    senderName: patient.clinic_name,
    unsubscribeUrl,
    ...render({ settingsUrl: `${sweep.baseUrl}/me/account#reminders`, unsubscribeUrl }),
  });
  // A failed send leaves the claim unsent: a later sweep takes it over once the lease has run out.
  if (result.ok) {
    await markReminderSent(db, key, new Date().toISOString(), result.delivery);
    report.sent += 1;
  } else report.failed += 1;
  await recordAudit(db, {
    clinicId: patient.clinic_id,
    actor: null,
    action: result.ok ? "patient.reminder_emailed" : "patient.reminder_email_failed",
    entityType: "patient",
    entityId: patient.id,
    detail: { kind, localDate, delivery: result.delivery },
  });
}
