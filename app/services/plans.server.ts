import type { DB } from "~/db/client.server.ts";
import type { ApprovalMode } from "~/db/types.ts";
import type { Program } from "~/engine/index.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { getCurrentPlanForPatient } from "~/models/plan.server.ts";
import { nowIso } from "~/utils/dates.ts";
import { newId } from "~/utils/ids.server.ts";

type Clinician = { id: string; clinic_id: string; role: "clinician" };

export type StartPlanInput = {
  patientId: string;
  program: Program;
  startStageId: string;
  startDate: string;
  approvalMode: ApprovalMode;
  involvedSide: string;
  injuryDate?: string | null;
  surgeryDate?: string | null;
  goalText?: string | null;
  goalActivity?: string | null;
  goalTargetDate?: string | null;
};

export type StartPlanResult = { ok: true; planId: string } | { ok: false; fieldErrors: Record<string, string> };

/**
 * Puts a patient of the clinician's clinic on a program. The program definition is frozen into the plan, so later
 * edits to the program never change a running plan until the clinician moves it to the new version.
 */
export async function startPlan(db: DB, clinician: Clinician, input: StartPlanInput): Promise<StartPlanResult> {
  if (!input.program.stages.some((s) => s.id === input.startStageId)) {
    return { ok: false, fieldErrors: { startStageId: "Choose a stage of this program" } };
  }
  return db.transaction().execute(async (trx): Promise<StartPlanResult> => {
    const patient = await trx
      .selectFrom("app_user")
      .select("id")
      .where("id", "=", input.patientId)
      .where("clinic_id", "=", clinician.clinic_id)
      .where("role", "=", "patient")
      .executeTakeFirst();
    if (!patient) return { ok: false, fieldErrors: { patientId: "Patient not found in your clinic" } };
    if (await getCurrentPlanForPatient(trx, input.patientId)) {
      return {
        ok: false,
        fieldErrors: { programId: "This patient already has a plan. Discharge it before starting another." },
      };
    }
    const planId = newId();
    const now = nowIso();
    await trx
      .insertInto("plan")
      .values({
        id: planId,
        clinic_id: clinician.clinic_id,
        patient_id: input.patientId,
        clinician_id: clinician.id,
        program_id: input.program.id,
        program_version: input.program.version,
        program_snapshot: JSON.stringify(input.program),
        current_stage_id: input.startStageId,
        stage_entered_on: input.startDate,
        last_regress_on: null,
        start_date: input.startDate,
        injury_date: input.injuryDate ?? null,
        surgery_date: input.surgeryDate ?? null,
        involved_side: input.involvedSide,
        status: "active",
        approval_mode: input.approvalMode,
        goal_text: input.goalText ?? null,
        goal_activity: input.goalActivity ?? null,
        goal_target_date: input.goalTargetDate ?? null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordAudit(trx, {
      clinicId: clinician.clinic_id,
      actor: clinician,
      action: "plan.started",
      entityType: "plan",
      entityId: planId,
      planId,
      detail: {
        programId: input.program.id,
        programVersion: input.program.version,
        startStageId: input.startStageId,
        approvalMode: input.approvalMode,
      },
    });
    return { ok: true, planId };
  });
}
