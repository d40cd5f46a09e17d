import type { DB } from "~/db/client.server.ts";
import type { DailyLog } from "~/db/types.ts";
import { logDetailsOf } from "~/models/daily-log.server.ts";
import { getPersonalDose, latestDoseVersionOfPlan, type PersonalDoseVersion } from "~/models/personal-dose.server.ts";
import type { DailyLogFact, MeasurementFact, SignoffFact } from "~/engine/index.ts";
import { addDays } from "~/engine/index.ts";

// How far back the engine looks: its longest windows (four weeks of load, week-on-week trends) plus margin.
export const HISTORY_DAYS = 42;

export type PlanFacts = {
  logs: DailyLogFact[];
  measurements: MeasurementFact[];
  signoffs: SignoffFact[];
  /** The day of the applied decision that moved the plan into its stage, when that is the entry date (engine `movedOn`). */
  movedOn?: string | null;
  /** The patient's own dose of the current stay (undefined: the program's), read with the facts (ADR 056). */
  personalDose?: PersonalDoseVersion;
  /** The plan's highest dose version when read: a dose change applied from these facts is written as the next. */
  latestDoseVersion?: number;
};

/** Everything the engine needs about a plan, bounded by date so the cost doesn't grow with total history. */
export async function loadPlanFacts(
  db: DB,
  plan: { id: string; stage_entered_on: string; current_stage_id?: string },
  today: string,
): Promise<PlanFacts> {
  const from = [addDays(today, -HISTORY_DAYS), plan.stage_entered_on].sort()[0]!;
  const [logs, measurements, signoffs, moved, dose] = await Promise.all([
    db
      .selectFrom("daily_log")
      .selectAll()
      .where("plan_id", "=", plan.id)
      .where("log_date", ">=", from)
      .where("log_date", "<=", today)
      .orderBy("log_date")
      .execute(),
    // Measurements are sparse and baselines matter ("change from baseline"), so all of them.
    db
      .selectFrom("measurement")
      .select(["measured_on", "measure", "side", "value"])
      .where("plan_id", "=", plan.id)
      .where("measured_on", "<=", today)
      .orderBy("measured_on")
      .execute(),
    db
      .selectFrom("signoff")
      .select(["item_id", "signed_on", "clinician_id"])
      .where("plan_id", "=", plan.id)
      .where("signed_on", "<=", today)
      .execute(),
    plan.current_stage_id === undefined ? null : loadMovedOn(db, { ...plan, current_stage_id: plan.current_stage_id }),
    plan.current_stage_id === undefined
      ? undefined
      : loadDose(db, { ...plan, current_stage_id: plan.current_stage_id }),
  ]);
  return {
    movedOn: moved,
    ...(dose?.personalDose ? { personalDose: dose.personalDose } : {}),
    ...(dose ? { latestDoseVersion: dose.latestDoseVersion } : {}),
    logs: logs.map(toLogFact),
    measurements: measurements.map(toMeasurementFact),
    signoffs: signoffs.map((s): SignoffFact => ({ itemId: s.item_id, date: s.signed_on, clinicianId: s.clinician_id })),
  };
}

/**
 * The current stay's dose and the plan's highest dose version, the version first: a dose change applied from these
 * facts is written as that version + 1, so a version saved after this read collides with it (unique index) rather
 * than being overwritten by a change built on the dose before it (ADR 056).
 */
async function loadDose(db: DB, plan: { id: string; stage_entered_on: string; current_stage_id: string }) {
  const latestDoseVersion = await latestDoseVersionOfPlan(db, plan.id);
  const personalDose = await getPersonalDose(db, plan.id, {
    stageId: plan.current_stage_id,
    stageEnteredOn: plan.stage_entered_on,
  });
  return { latestDoseVersion, personalDose };
}

/**
 * The day of the applied decision that moved the plan into its current stage, when it is the entry date itself (a move
 * applied on the day it was earned: that day's log belongs to the stage before; engine `movedOn`). Else null. One
 * index seek on (plan, evaluated day).
 */
export async function loadMovedOn(
  db: DB,
  plan: { id: string; stage_entered_on: string; current_stage_id: string },
): Promise<string | null> {
  const moved = await db
    .selectFrom("decision")
    .select("evaluated_for")
    .where("plan_id", "=", plan.id)
    .where("evaluated_for", "=", plan.stage_entered_on)
    .where("status", "=", "applied")
    .where("to_stage_id", "=", plan.current_stage_id)
    .whereRef("from_stage_id", "!=", "to_stage_id")
    .limit(1)
    .executeTakeFirst();
  return moved?.evaluated_for ?? null;
}

/** The facts with one day's log put in place of whatever was loaded for that day (a log just written). */
export function withLogOfDay(facts: PlanFacts, row: DailyLog): PlanFacts {
  const log = toLogFact(row);
  const logs = facts.logs.filter((l) => l.date !== log.date);
  const at = logs.findIndex((l) => l.date > log.date);
  logs.splice(at === -1 ? logs.length : at, 0, log);
  return { ...facts, logs };
}

export function toMeasurementFact(m: {
  measured_on: string;
  measure: string;
  side: string | null;
  value: number;
}): MeasurementFact {
  return { date: m.measured_on, measure: m.measure, side: (m.side as "left" | "right" | null) ?? null, value: m.value };
}

export function toLogFact(row: DailyLog): DailyLogFact {
  const details = logDetailsOf(row);
  return {
    date: row.log_date,
    morningPain: row.morning_pain,
    morningStiffness: row.morning_stiffness,
    sessionDone: row.session_done,
    painDuring: row.pain_during,
    painAfter: row.pain_after,
    painAtRest: row.pain_at_rest,
    sessionMinutes: row.session_minutes,
    sessionRpe: row.session_rpe,
    runningMinutes: row.running_minutes,
    swelling: row.swelling as DailyLogFact["swelling"],
    soreness: row.soreness as DailyLogFact["soreness"],
    // The engine tells "not recorded" (null) from "recorded, none" ([]).
    exercises: row.exercises ? details.exercises : null,
    otherActivities: row.other_activities ? details.otherActivities : null,
    testPain: row.test_pain ? details.testPain : null,
  };
}
