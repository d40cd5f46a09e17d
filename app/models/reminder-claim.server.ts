import type { DB } from "~/db/client.server.ts";
import type { ReminderKind } from "~/db/types.ts";

/**
 * Patients who could be reminded: every patient with an active plan (none while paused, discharged or completed),
 * with their reminder choice (null columns: no choice made, the defaults apply) and their clinic's name.
 */
export async function listReminderCandidates(db: DB) {
  return db
    .selectFrom("app_user")
    .innerJoin("clinic", "clinic.id", "app_user.clinic_id")
    .leftJoin("reminder_setting", "reminder_setting.user_id", "app_user.id")
    .select([
      "app_user.id",
      "app_user.email",
      "app_user.name",
      "app_user.time_zone",
      "app_user.clinic_id",
      "clinic.name as clinic_name",
      "reminder_setting.enabled",
      "reminder_setting.remind_at",
    ])
    .where("app_user.role", "=", "patient")
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("plan")
          .select("plan.id")
          .whereRef("plan.patient_id", "=", "app_user.id")
          .where("plan.status", "=", "active"),
      ),
    )
    .execute();
}

/** "patient|date" for every patient who has a daily log on one of `dates` (their local days). */
export async function listLoggedPatientDays(db: DB, dates: string[]): Promise<Set<string>> {
  if (!dates.length) return new Set();
  const rows = await db
    .selectFrom("daily_log")
    .select(["patient_id", "log_date"])
    .where("log_date", "in", dates)
    .distinct()
    .execute();
  return new Set(rows.map((r) => `${r.patient_id}|${r.log_date}`));
}

export type ReminderClaim = { claimed_at: string; attempts: number; sent_at: string | null };

/** The claims of a kind on `dates`, by "patient|date". */
export async function listReminderClaims(
  db: DB,
  kind: ReminderKind,
  dates: string[],
): Promise<Map<string, ReminderClaim>> {
  if (!dates.length) return new Map();
  const rows = await db
    .selectFrom("reminder_claim")
    .select(["patient_id", "local_date", "claimed_at", "attempts", "sent_at"])
    .where("kind", "=", kind)
    .where("local_date", "in", dates)
    .execute();
  return new Map(rows.map((r) => [`${r.patient_id}|${r.local_date}`, r]));
}

type ClaimKey = { patientId: string; kind: ReminderKind; localDate: string };

/**
 * Claims a reminder: inserts its (patient, kind, day) row unless one exists. True only for the one caller whose row
 * landed, whichever instance or sweep gets there first (the primary key decides, on SQLite and PostgreSQL alike).
 */
export async function insertReminderClaim(db: DB, key: ClaimKey, nowIso: string): Promise<boolean> {
  const result = await db
    .insertInto("reminder_claim")
    .values({
      patient_id: key.patientId,
      kind: key.kind,
      local_date: key.localDate,
      claimed_at: nowIso,
      attempts: 1,
      sent_at: null,
      delivery: null,
    })
    .onConflict((oc) => oc.columns(["patient_id", "kind", "local_date"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Takes over a claim whose sender never finished (it crashed, or its send failed) once its lease has run out:
 * a compare-and-swap on the `claimed_at` the caller read, so of two sweeps only one takes it.
 */
export async function retakeReminderClaim(
  db: DB,
  key: ClaimKey,
  seen: ReminderClaim,
  options: { nowIso: string; leaseExpiredBefore: string; maxAttempts: number },
): Promise<boolean> {
  const result = await db
    .updateTable("reminder_claim")
    .set({ claimed_at: options.nowIso, attempts: seen.attempts + 1 })
    .where("patient_id", "=", key.patientId)
    .where("kind", "=", key.kind)
    .where("local_date", "=", key.localDate)
    .where("sent_at", "is", null)
    .where("claimed_at", "=", seen.claimed_at)
    .where("claimed_at", "<", options.leaseExpiredBefore)
    .where("attempts", "<", options.maxAttempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markReminderSent(db: DB, key: ClaimKey, sentAt: string, delivery: string): Promise<void> {
  await db
    .updateTable("reminder_claim")
    .set({ sent_at: sentAt, delivery })
    .where("patient_id", "=", key.patientId)
    .where("kind", "=", key.kind)
    .where("local_date", "=", key.localDate)
    .execute();
}
