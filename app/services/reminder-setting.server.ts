import { createHmac, timingSafeEqual } from "node:crypto";
import type { DB } from "~/db/client.server.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { disableReminders, getReminderSetting, upsertReminderSetting } from "~/models/reminder-setting.server.ts";
import { getUserById } from "~/models/user.server.ts";
import { DEFAULT_REMINDER_TIME } from "~/schemas/reminder-settings.ts";
import { nowIso } from "~/utils/dates.ts";
import { getEnv } from "~/utils/env.server.ts";

type Patient = { id: string; clinic_id: string; role: "patient" };

export type ReminderChoice = { enabled: boolean; remindAt: string };

/** The patient's choice, or the defaults (on, 19:00 local) when they have made none. */
export async function getReminderChoice(db: DB, patientId: string): Promise<ReminderChoice> {
  const row = await getReminderSetting(db, patientId);
  return row
    ? { enabled: row.enabled === 1, remindAt: row.remind_at }
    : { enabled: true, remindAt: DEFAULT_REMINDER_TIME };
}

/** Saves "off" or a time from the account page, audited. Turning them off keeps the last time chosen. */
export async function saveReminderChoice(db: DB, patient: Patient, remindAt: "off" | string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const enabled = remindAt !== "off";
    const time = enabled ? remindAt : (await getReminderChoice(trx, patient.id)).remindAt;
    await upsertReminderSetting(trx, { userId: patient.id, enabled, remindAt: time, updatedAt: nowIso() });
    await recordAudit(trx, {
      clinicId: patient.clinic_id,
      actor: patient,
      action: "patient.reminders_changed",
      entityType: "patient",
      entityId: patient.id,
      detail: { enabled, remindAt: time },
    });
  });
}

// The one-click unsubscribe link carries the patient's id and an HMAC of it under the session secret: it needs no
// row, never expires (an old reminder's link must still work) and cannot be made for another patient.
function signatureOf(patientId: string): string {
  return createHmac("sha256", getEnv().SESSION_SECRET).update(`unsubscribe:reminders:${patientId}`).digest("base64url");
}

export function unsubscribeTokenFor(patientId: string): string {
  return `${patientId}.${signatureOf(patientId)}`;
}

function patientIdFromToken(token: string): string | null {
  const [patientId, signature, ...rest] = token.split(".");
  if (!patientId || !signature || rest.length) return null;
  const expected = Buffer.from(signatureOf(patientId));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? patientId : null;
}

/** Whether an unsubscribe link is genuine (its page shows a button, or says the link does not work). */
export async function isUnsubscribeTokenValid(db: DB, token: string): Promise<boolean> {
  const patientId = patientIdFromToken(token);
  return Boolean(patientId && (await getUserById(db, patientId))?.role === "patient");
}

/** Turns a patient's reminders off from the link in a reminder email. False if the link is not genuine. */
export async function unsubscribeFromReminders(db: DB, token: string): Promise<boolean> {
  const patientId = patientIdFromToken(token);
  if (!patientId) return false;
  return db.transaction().execute(async (trx) => {
    const patient = await getUserById(trx, patientId);
    if (patient?.role !== "patient") return false;
    const { remindAt } = await getReminderChoice(trx, patientId);
    await disableReminders(trx, patientId, remindAt, nowIso());
    await recordAudit(trx, {
      clinicId: patient.clinic_id,
      actor: { id: patientId, role: "patient" },
      action: "patient.reminders_unsubscribed",
      entityType: "patient",
      entityId: patientId,
    });
    return true;
  });
}
