import type { DB } from "~/db/client.server.ts";
import type { ReminderKind } from "~/db/types.ts";
import { recordAudit } from "~/models/audit.server.ts";
import {
  insertReminderClaim,
  listLoggedPatientDays,
  listReminderCandidates,
  listReminderClaims,
  markReminderSent,
  retakeReminderClaim,
} from "~/models/reminder-claim.server.ts";
import { DEFAULT_REMINDER_TIME } from "~/schemas/reminder-settings.ts";
import { todayIn } from "~/utils/dates.ts";
import { sendEmail } from "~/utils/email.server.ts";
import { dailyLogReminderEmail } from "~/utils/email-templates.server.ts";
import { unsubscribeTokenFor } from "./reminder-setting.server.ts";

/**
 * The daily-log reminder (docs/decisions/050-reminder-sweep.md). Quiet hours are our own choice, not a standard:
 * nothing is sent from 21:00 to 08:00 in the patient's time zone. A claim whose send never finished may be taken
 * over after `leaseMinutes` (longer than the SMTP timeouts), at most `maxAttempts` times a day.
 */
export const REMINDER = { quietFrom: "21:00", quietUntil: "08:00", leaseMinutes: 5, maxAttempts: 3 } as const;

const KIND: ReminderKind = "daily-log";

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
 * outside quiet hours, who has not logged today and has not been reminded today gets one email. Safe to run at the
 * same time on any number of instances: a reminder is claimed (its row inserted) before it is sent, and only the
 * sweep whose claim landed sends it.
 */
export async function sweepReminders(db: DB, options: { baseUrl: string; now?: Date }): Promise<SweepReport> {
  const now = options.now ?? new Date();
  const due = [];
  for (const patient of await listReminderCandidates(db)) {
    if (patient.enabled === 0) continue;
    const localTime = localTimeIn(patient.time_zone, now);
    if (inQuietHours(localTime) || localTime < (patient.remind_at ?? DEFAULT_REMINDER_TIME)) continue;
    due.push({ ...patient, localDate: todayIn(patient.time_zone, now) });
  }
  const report: SweepReport = { due: 0, sent: 0, failed: 0 };
  if (!due.length) return report;

  const dates = [...new Set(due.map((p) => p.localDate))];
  const [logged, claims] = await Promise.all([listLoggedPatientDays(db, dates), listReminderClaims(db, KIND, dates)]);
  const nowIso = now.toISOString();
  const leaseExpiredBefore = new Date(now.getTime() - REMINDER.leaseMinutes * 60_000).toISOString();

  for (const patient of due) {
    const dayKey = `${patient.id}|${patient.localDate}`;
    if (logged.has(dayKey)) continue;
    const seen = claims.get(dayKey);
    if (seen?.sent_at) continue;
    report.due += 1;
    const key = { patientId: patient.id, kind: KIND, localDate: patient.localDate };
    const claimed = seen
      ? await retakeReminderClaim(db, key, seen, { nowIso, leaseExpiredBefore, maxAttempts: REMINDER.maxAttempts })
      : await insertReminderClaim(db, key, nowIso);
    if (!claimed) continue; // another sweep has it

    const unsubscribeUrl = `${options.baseUrl}/unsubscribe/${unsubscribeTokenFor(patient.id)}`;
    const result = await sendEmail({
      to: patient.email,
      senderName: patient.clinic_name,
      unsubscribeUrl,
      ...dailyLogReminderEmail({
        clinicName: patient.clinic_name,
        patientName: patient.name,
        logUrl: `${options.baseUrl}/me/log`,
        settingsUrl: `${options.baseUrl}/me/account#reminders`,
        unsubscribeUrl,
      }),
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
      detail: { kind: KIND, localDate: patient.localDate, delivery: result.delivery },
    });
  }
  return report;
}
