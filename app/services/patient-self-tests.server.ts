import type { DB } from "~/db/client.server.ts";
import { listMeasurementsForPlan } from "~/models/patient-measurement.server.ts";
import { loadPatientPlan, type PatientUser } from "~/services/patient-plan.server.ts";
import { offeredTests } from "~/services/self-tests.server.ts";

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
