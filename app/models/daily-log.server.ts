import type { DB } from "~/db/client.server.ts";
import type { DailyLog, DailyLogTable } from "~/db/types.ts";
import { nowIso } from "~/utils/dates.ts";
import { newId } from "~/utils/ids.server.ts";

/** The values a patient records for one day (everything but keys and bookkeeping). */
export type DailyLogValues = Omit<
  DailyLogTable,
  "id" | "clinic_id" | "plan_id" | "patient_id" | "log_date" | "created_at" | "updated_at" | "edit_count"
>;

type PlanKey = { id: string; clinic_id: string; patient_id: string };

export async function getLogForPlanDate(db: DB, planId: string, logDate: string): Promise<DailyLog | undefined> {
  return db.selectFrom("daily_log").selectAll().where("plan_id", "=", planId).where("log_date", "=", logDate).executeTakeFirst();
}

/** A plan's logs, newest day first. */
export async function listLogsForPlan(db: DB, planId: string, options: { from?: string; limit?: number } = {}) {
  let query = db.selectFrom("daily_log").selectAll().where("plan_id", "=", planId);
  if (options.from) query = query.where("log_date", ">=", options.from);
  return query.orderBy("log_date", "desc").limit(options.limit ?? 400).execute();
}

export async function insertLog(db: DB, plan: PlanKey, logDate: string, values: DailyLogValues): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto("daily_log")
    .values({ id, clinic_id: plan.clinic_id, plan_id: plan.id, patient_id: plan.patient_id, log_date: logDate, ...values, created_at: now, updated_at: now, edit_count: 0 })
    .execute();
  return id;
}

/** Replaces the recorded values of a day's log and counts the edit. */
export async function updateLogValues(db: DB, logId: string, values: Partial<DailyLogValues>): Promise<void> {
  await db
    .updateTable("daily_log")
    .set((eb) => ({ ...values, updated_at: nowIso(), edit_count: eb("edit_count", "+", 1) }))
    .where("id", "=", logId)
    .execute();
}

/** SQLite and PostgreSQL both name the unique constraint failure in their message / code. */
export function isUniqueViolation(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const e = error as { code?: string; message?: string };
  return e.code === "SQLITE_CONSTRAINT" && /UNIQUE/i.test(e.message ?? "") || e.code === "23505";
}
