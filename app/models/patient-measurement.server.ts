import type { DB } from "~/db/client.server.ts";
import { nowIso } from "~/utils/dates.ts";
import { newId } from "~/utils/ids.server.ts";

type PlanKey = { id: string; clinic_id: string; patient_id: string };
export type MeasurementValue = { measure: string; side: "left" | "right" | null; value: number; answers: unknown };

/**
 * Measurements recorded together on a plan, one row each, sharing one creation time: the patient's own (self-tests,
 * questionnaires, with their answers) or a clinician's clinic tests (no answers).
 */
export async function insertMeasurements(
  db: DB,
  plan: PlanKey,
  recordedBy: string,
  measuredOn: string,
  values: MeasurementValue[],
): Promise<string[]> {
  const now = nowIso();
  const rows = values.map((v) => ({
    id: newId(),
    clinic_id: plan.clinic_id,
    plan_id: plan.id,
    patient_id: plan.patient_id,
    measured_on: measuredOn,
    measure: v.measure,
    side: v.side,
    value: v.value,
    answers: v.answers === null || v.answers === undefined ? null : JSON.stringify(v.answers),
    recorded_by: recordedBy,
    created_at: now,
  }));
  if (rows.length > 0) await db.insertInto("measurement").values(rows).execute();
  return rows.map((r) => r.id);
}

/** The plan's measurements of some measures, newest first. */
export async function listMeasurementsForPlan(db: DB, planId: string, measures: string[], limit = 50) {
  if (measures.length === 0) return [];
  return db
    .selectFrom("measurement")
    .select(["id", "measured_on", "measure", "side", "value", "created_at"])
    .where("plan_id", "=", planId)
    .where("measure", "in", measures)
    .orderBy("measured_on", "desc")
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}
