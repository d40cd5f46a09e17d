import type { DB } from "~/db/client.server.ts";
import type { PlanStatus } from "~/db/types.ts";
import { nowIso } from "~/utils/dates.ts";

/**
 * Moves a plan to a stage (advance, regress, manual move). `regressedOn` starts the no-flip-flop stay. Without
 * `enteredOn` the stage's entry date stays as it is (a regress that keeps the stage, with reduced load).
 */
export async function setPlanStage(
  db: DB,
  planId: string,
  change: { stageId: string; enteredOn?: string; regressedOn?: string; status?: PlanStatus },
): Promise<void> {
  await db
    .updateTable("plan")
    .set({
      current_stage_id: change.stageId,
      ...(change.enteredOn ? { stage_entered_on: change.enteredOn } : {}),
      ...(change.regressedOn ? { last_regress_on: change.regressedOn } : {}),
      ...(change.status ? { status: change.status } : {}),
      updated_at: nowIso(),
    })
    .where("id", "=", planId)
    .execute();
}
