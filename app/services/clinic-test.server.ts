import type { DB } from "~/db/client.server.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { insertMeasurements } from "~/models/patient-measurement.server.ts";
import { getPlanInClinic } from "~/models/plan.server.ts";
import { reevaluate, type ChangeResult } from "./plan-change.server.ts";

type Clinician = { id: string; clinic_id: string; role: "clinician"; time_zone: string };

type MeasurementInput =
  | { kind: "capacity"; planId: string; measure: string; measuredOn: string; left?: number; right?: number }
  | { kind: "questionnaire"; planId: string; instrument: string; measuredOn: string; score: number };

/**
 * Records a clinic test: one row per side for capacity tests (the engine computes limb symmetry from the pair), or
 * one score for a questionnaire. Then the plan is evaluated again so a gate that is now met shows at once.
 */
export async function recordClinicMeasurement(
  db: DB,
  clinician: Clinician,
  input: MeasurementInput,
  timeZone: string,
): Promise<ChangeResult> {
  const result = await db.transaction().execute(async (trx): Promise<ChangeResult> => {
    const plan = await getPlanInClinic(trx, clinician.clinic_id, input.planId);
    if (!plan) return { ok: false, status: 404, message: "Plan not found" };
    const rows =
      input.kind === "capacity"
        ? (
            [
              ["left", input.left],
              ["right", input.right],
            ] as const
          )
            .filter(([, value]) => value !== undefined)
            .map(([side, value]) => ({ measure: input.measure, side, value: value! }))
        : [{ measure: input.instrument, side: null, value: input.score }];
    const ids = await insertMeasurements(
      trx,
      plan,
      clinician.id,
      input.measuredOn,
      rows.map((row) => ({ ...row, answers: null })),
    );
    await recordAudit(trx, {
      clinicId: clinician.clinic_id,
      actor: clinician,
      action: "measurement.recorded",
      entityType: "measurement",
      entityId: ids[0]!,
      planId: plan.id,
      detail: { measuredOn: input.measuredOn, values: rows },
    });
    return { ok: true };
  });
  if (result.ok) await reevaluate(db, clinician, input.planId, timeZone);
  return result;
}
