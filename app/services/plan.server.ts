import type { DB } from "~/db/client.server.ts";
import type { ApprovalMode } from "~/db/types.ts";
import type { Program } from "~/engine/index.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { getCurrentPlanForPatient, insertPlan } from "~/models/plan.server.ts";
import { isPatientOfClinic } from "~/models/user.server.ts";

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
    if (!(await isPatientOfClinic(trx, clinician.clinic_id, input.patientId))) {
      return { ok: false, fieldErrors: { patientId: "Patient not found in your clinic" } };
    }
    if (await getCurrentPlanForPatient(trx, input.patientId)) {
      return {
        ok: false,
        fieldErrors: { programId: "This patient already has a plan. Discharge it before starting another." },
      };
    }
    const planId = await insertPlan(trx, {
      clinicId: clinician.clinic_id,
      patientId: input.patientId,
      clinicianId: clinician.id,
      program: input.program,
      startStageId: input.startStageId,
      startDate: input.startDate,
      approvalMode: input.approvalMode,
      involvedSide: input.involvedSide,
      injuryDate: input.injuryDate ?? null,
      surgeryDate: input.surgeryDate ?? null,
      goalText: input.goalText ?? null,
      goalActivity: input.goalActivity ?? null,
      goalTargetDate: input.goalTargetDate ?? null,
    });
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
