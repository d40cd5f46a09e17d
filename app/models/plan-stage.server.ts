import type { DB } from "~/db/client.server.ts";
import type { PlanStatus } from "~/db/types.ts";
import { nowIso } from "~/utils/dates.ts";

/**
 * Moves a plan to a stage (advance, regress, manual move). `regressedOn` starts the no-flip-flop stay. Without
 * `enteredOn` the stage's entry date stays as it is (a regress that keeps the stage, with reduced load).
 */
export async function setPlanStage(db: DB, planId: string, change: StageChange): Promise<void> {
  await setPlanStageQuery(db, planId, change).execute();
}

export type StageChange = { stageId: string; enteredOn?: string; regressedOn?: string; status?: PlanStatus };

/**
 * setPlanStage's statement, not yet run: for a write batch (ADR 047). It moves the plan's version on, so a save or an
 * evaluation that read the plan before the move finds out and reads again.
 */
export function setPlanStageQuery(db: DB, planId: string, change: StageChange) {
  return db
    .updateTable("plan")
    .set((eb) => ({
      current_stage_id: change.stageId,
      ...(change.enteredOn ? { stage_entered_on: change.enteredOn } : {}),
      ...(change.regressedOn ? { last_regress_on: change.regressedOn } : {}),
      ...(change.status ? { status: change.status } : {}),
      updated_at: nowIso(),
      version: eb("version", "+", 1),
    }))
    .where("id", "=", planId);
}
