import type { DB } from "~/db/client.server.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { getPlanInClinic } from "~/models/plan.server.ts";
import { insertSignoff } from "~/models/signoff.server.ts";
import { programOfPlan } from "./evaluation.server.ts";
import { reevaluate, type ChangeResult } from "./plan-change.server.ts";

type Clinician = { id: string; clinic_id: string; role: "clinician"; time_zone: string };

/** The sign-off items the plan's current stage asks a clinician for: its gates', and its regress rules' findings. */
export function signoffItemsOfStage(plan: Parameters<typeof programOfPlan>[0] & { current_stage_id: string }) {
  const stage = programOfPlan(plan).stages.find((s) => s.id === plan.current_stage_id);
  const criteria = [...(stage?.gates ?? []), ...(stage?.regressRules ?? []).flatMap((r) => r.criteria)];
  const items = criteria.flatMap((c) => (c.kind === "signoff" ? [{ itemId: c.itemId, prompt: c.prompt }] : []));
  return items.filter((item, i) => items.findIndex((x) => x.itemId === item.itemId) === i);
}

/** A clinician ticks a sign-off item of the current stage; the engine is asked again straight away. */
export async function recordSignoff(
  db: DB,
  clinician: Clinician,
  input: { planId: string; itemId: string; signedOn: string; note?: string },
  timeZone: string,
): Promise<ChangeResult> {
  const result = await db.transaction().execute(async (trx): Promise<ChangeResult> => {
    const plan = await getPlanInClinic(trx, clinician.clinic_id, input.planId);
    if (!plan) return { ok: false, status: 404, message: "Plan not found" };
    if (!signoffItemsOfStage(plan).some((i) => i.itemId === input.itemId)) {
      return { ok: false, status: 400, fieldErrors: { itemId: "Choose an item the current stage asks for" } };
    }
    const id = await insertSignoff(trx, {
      clinicId: clinician.clinic_id,
      planId: plan.id,
      itemId: input.itemId,
      stageId: plan.current_stage_id,
      signedOn: input.signedOn,
      clinicianId: clinician.id,
      note: input.note ?? null,
    });
    await recordAudit(trx, {
      clinicId: clinician.clinic_id,
      actor: clinician,
      action: "signoff.recorded",
      entityType: "signoff",
      entityId: id,
      planId: plan.id,
      detail: {
        itemId: input.itemId,
        stageId: plan.current_stage_id,
        signedOn: input.signedOn,
        note: input.note ?? null,
      },
    });
    return { ok: true };
  });
  if (result.ok) await reevaluate(db, clinician, input.planId, timeZone);
  return result;
}
