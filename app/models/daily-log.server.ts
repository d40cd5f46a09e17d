import type { DB } from "~/db/client.server.ts";
import type { DailyLog, DailyLogTable } from "~/db/types.ts";
import type { DailyLogFact } from "~/engine/index.ts";
import { nowIso } from "~/utils/dates.ts";
import { newId } from "~/utils/ids.server.ts";

/** The values a patient records for one day (everything but keys and bookkeeping). */
export type DailyLogValues = Omit<
  DailyLogTable,
  "id" | "clinic_id" | "plan_id" | "patient_id" | "log_date" | "created_at" | "updated_at" | "edit_count"
>;

type PlanKey = { id: string; clinic_id: string; patient_id: string };

/** A log's JSON columns, parsed. Written only from the validated daily-log form, so they have the engine's shapes. */
export type LogDetails = {
  exercises: NonNullable<DailyLogFact["exercises"]>;
  otherActivities: NonNullable<DailyLogFact["otherActivities"]>;
  testPain: NonNullable<DailyLogFact["testPain"]>;
};

export function logDetailsOf(row: Pick<DailyLog, "exercises" | "other_activities" | "test_pain">): LogDetails {
  return {
    exercises: row.exercises ? JSON.parse(row.exercises) : [],
    otherActivities: row.other_activities ? JSON.parse(row.other_activities) : [],
    testPain: row.test_pain ? JSON.parse(row.test_pain) : {},
  };
}

export async function getLogForPlanDate(db: DB, planId: string, logDate: string): Promise<DailyLog | undefined> {
  return db
    .selectFrom("daily_log")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("log_date", "=", logDate)
    .executeTakeFirst();
}

/** A plan's logs, newest day first. */
export async function listLogsForPlan(db: DB, planId: string, options: { from?: string; limit?: number } = {}) {
  let query = db.selectFrom("daily_log").selectAll().where("plan_id", "=", planId);
  if (options.from) query = query.where("log_date", ">=", options.from);
  return query
    .orderBy("log_date", "desc")
    .limit(options.limit ?? 400)
    .execute();
}

/**
 * Records a day in one statement: inserts the day's log, or — when the plan already has one for that day — replaces
 * `onExisting`'s columns and counts the edit. Atomic, so a double submit can never create two logs for one day.
 */
export async function upsertLogForDay(
  db: DB,
  plan: PlanKey,
  logDate: string,
  values: DailyLogValues,
  onExisting: Partial<DailyLogValues>,
): Promise<DailyLog> {
  return upsertLogQuery(db, plan, logDate, values, onExisting, { id: newId(), now: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * upsertLogForDay's statement, not yet run: for a write batch (ADR 047). The caller picks the new row's id and time,
 * so it knows the row it wrote without reading it back.
 */
export function upsertLogQuery(
  db: DB,
  plan: PlanKey,
  logDate: string,
  values: DailyLogValues,
  onExisting: Partial<DailyLogValues>,
  row: { id: string; now: string },
) {
  const { now } = row;
  return db
    .insertInto("daily_log")
    .values({
      id: row.id,
      clinic_id: plan.clinic_id,
      plan_id: plan.id,
      patient_id: plan.patient_id,
      log_date: logDate,
      ...values,
      created_at: now,
      updated_at: now,
      edit_count: 0,
    })
    .onConflict((oc) =>
      oc
        .columns(["plan_id", "log_date"])
        .doUpdateSet((eb) => ({ ...onExisting, updated_at: now, edit_count: eb("daily_log.edit_count", "+", 1) })),
    );
}
