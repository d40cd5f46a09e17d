import type { DB } from "~/db/client.server.ts";
import type { Stage } from "~/engine/index.ts";
import { insertMeasurements, listMeasurementsForPlan } from "~/models/patient-measurement.server.ts";
import type { SelfTestsInput } from "~/schemas/self-tests.ts";
import { evaluatePlan } from "~/services/evaluation.server.ts";
import { loadPatientPlan, type PatientUser } from "~/services/patient-plan.server.ts";
import { recordAudit } from "~/models/audit.server.ts";

/** Capacity tests a patient can do and count alone; the rest (dynamometry, hop distances) are measured in the clinic. */
export const SELF_TEST_MEASURES: Record<string, { name: string; how: string; unit: string; max: number }> = {
  single_leg_heel_raise_reps: {
    name: "Single-leg heel raises",
    how: "Stand on one leg on the edge of a step, fingertips on a wall for balance. Rise as high as you can and lower slowly, to a steady beat, until you can't go on or the height drops. Count the raises. Then the other leg.",
    unit: "raises",
    max: 200,
  },
};

export type OfferedTest = {
  measure: string;
  name: string;
  how: string;
  unit: string;
  max: number;
  sides: Array<"left" | "right" | null>;
};

/** The self-recordable capacity tests the current stage's gates (or the next stage's) ask for. */
function offeredTests(stages: Stage[], stageIndex: number, involvedSide: string): OfferedTest[] {
  const criteria = [stages[stageIndex], stages[stageIndex + 1]].flatMap((s) => s?.gates ?? []);
  const measures = [
    ...new Set(criteria.flatMap((c) => (c.kind === "capacity" && SELF_TEST_MEASURES[c.measure] ? [c.measure] : []))),
  ];
  // Both legs whenever the plan has one involved side: the symmetry index needs the pair, and it's one more count.
  const sides: Array<"left" | "right" | null> =
    involvedSide === "left" || involvedSide === "right"
      ? [involvedSide, involvedSide === "left" ? "right" : "left"]
      : [null];
  return measures.map((measure) => ({ measure, ...SELF_TEST_MEASURES[measure]!, sides }));
}

export type SaveTestsResult =
  { ok: true; count: number } | { ok: false; status: 400 | 404; fieldErrors: Record<string, string> };

export async function saveSelfTests(db: DB, patient: PatientUser, input: SelfTestsInput): Promise<SaveTestsResult> {
  const current = await loadPatientPlan(db, patient);
  if (!current) return { ok: false, status: 404, fieldErrors: {} };
  const offered = offeredTests(current.program.stages, current.stageIndex, current.plan.involved_side);
  const fieldErrors: Record<string, string> = {};
  input.results.forEach((r, i) => {
    const test = offered.find((t) => t.measure === r.measure);
    if (!test || !test.sides.includes(r.side ?? null))
      fieldErrors[`results.${i}.value`] = "Your plan doesn't ask for this test now";
    else if (r.value > test.max) fieldErrors[`results.${i}.value`] = `Enter a number up to ${test.max}`;
  });
  if (Object.keys(fieldErrors).length > 0) return { ok: false, status: 400, fieldErrors };

  const { plan, today } = current;
  await db.transaction().execute(async (trx) => {
    const ids = await insertMeasurements(
      trx,
      plan,
      patient.id,
      today,
      input.results.map((r) => ({ measure: r.measure, side: r.side ?? null, value: r.value, answers: null })),
    );
    await recordAudit(trx, {
      clinicId: plan.clinic_id,
      actor: patient,
      action: "measurement.self_recorded",
      entityType: "measurement",
      entityId: ids[0]!,
      planId: plan.id,
      detail: { date: today, results: input.results },
    });
  });
  if (plan.status === "active") await evaluatePlan(db, { plan, timeZone: patient.time_zone, actor: patient, today });
  return { ok: true, count: input.results.length };
}

/** The self-tests page: the tests the plan asks for now, and the latest 12 results of those tests. */
export async function selfTestsView(db: DB, patient: PatientUser) {
  const current = await loadPatientPlan(db, patient);
  if (!current) return { tests: null, recent: [] };
  const tests = offeredTests(current.program.stages, current.stageIndex, current.plan.involved_side);
  const recent = await listMeasurementsForPlan(
    db,
    current.plan.id,
    tests.map((t) => t.measure),
    12,
  );
  return { tests, recent, involvedSide: current.plan.involved_side };
}
