import type { DB } from "~/db/client.server.ts";
import type { PlanStatus } from "~/db/types.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { supersedePendingDecisions } from "~/models/decision.server.ts";
import { setPlanStage } from "~/models/plan-stage.server.ts";
import { bumpPlanVersion, getPlanInClinic, setPlanProgram, setPlanStatus } from "~/models/plan.server.ts";
import type { DoseApprovalForm, StartPlanForm } from "~/schemas/plan-actions.ts";
import { todayIn } from "~/utils/dates.ts";
import { evaluatePlan, programOfPlan } from "./evaluation.server.ts";
import { findProgramForClinic } from "./program-lookup.server.ts";
import { carryDoseToVersion } from "./personal-dose.server.ts";
import { startPlan } from "./plan.server.ts";

type Clinician = { id: string; clinic_id: string; role: "clinician"; time_zone: string };
type Patient = {
  id: string;
  time_zone: string;
  involved_side: string;
  injury_date: string | null;
  surgery_date: string | null;
};

export type ChangeResult =
  | { ok: true }
  | { ok: false; status: 404 | 409; message: string }
  | { ok: false; status: 400; fieldErrors: Record<string, string> };

const notFound = { ok: false as const, status: 404 as const, message: "Plan not found" };

/** Starts a plan on a library or clinic program, then evaluates it once so the page shows where the patient stands. */
export async function startPlanForPatient(db: DB, clinician: Clinician, patient: Patient, input: StartPlanForm) {
  const program = await findProgramForClinic(db, clinician.clinic_id, input.programId);
  if (!program) return { ok: false as const, fieldErrors: { programId: "Choose a program from the list" } };
  const result = await startPlan(db, clinician, {
    patientId: patient.id,
    program,
    startStageId: input.startStageId ?? program.stages[0]!.id,
    startDate: input.startDate,
    approvalMode: input.approvalMode,
    involvedSide: patient.involved_side,
    injuryDate: patient.injury_date,
    surgeryDate: patient.surgery_date,
    goalText: input.goalText,
    goalActivity: input.goalActivity ?? null,
    goalTargetDate: input.goalTargetDate ?? null,
  });
  if (result.ok) await reevaluate(db, clinician, result.planId, patient.time_zone);
  return result;
}

/** Re-runs the engine after the facts changed, so the latest decision reflects them (active plans only). */
export async function reevaluate(db: DB, clinician: Clinician, planId: string, timeZone: string) {
  const plan = await getPlanInClinic(db, clinician.clinic_id, planId);
  if (!plan || plan.status !== "active") return null;
  // A plan that starts in the future has nothing to evaluate yet.
  if (plan.start_date > todayIn(timeZone)) return null;
  return evaluatePlan(db, { plan, timeZone, actor: clinician });
}

const STATUS_CHANGES: Record<"pause" | "resume" | "discharge", { from: PlanStatus[]; to: PlanStatus; action: string }> =
  {
    pause: { from: ["active"], to: "paused", action: "plan.paused" },
    resume: { from: ["paused"], to: "active", action: "plan.resumed" },
    discharge: { from: ["active", "paused"], to: "discharged", action: "plan.discharged" },
  };

export async function changePlanStatus(
  db: DB,
  clinician: Clinician,
  planId: string,
  change: keyof typeof STATUS_CHANGES,
  timeZone: string,
): Promise<ChangeResult> {
  const rule = STATUS_CHANGES[change];
  const result = await db.transaction().execute(async (trx): Promise<ChangeResult> => {
    const plan = await getPlanInClinic(trx, clinician.clinic_id, planId);
    if (!plan) return notFound;
    if (!rule.from.includes(plan.status))
      return { ok: false, status: 409, message: `This plan is ${plan.status}; it cannot be ${rule.to} now.` };
    await setPlanStatus(trx, plan.id, rule.to);
    // A paused or discharged plan has nothing to confirm.
    if (rule.to !== "active") await supersedePendingDecisions(trx, plan.id);
    await recordAudit(trx, {
      clinicId: clinician.clinic_id,
      actor: clinician,
      action: rule.action,
      entityType: "plan",
      entityId: plan.id,
      planId: plan.id,
      detail: { from: plan.status, to: rule.to },
    });
    return { ok: true };
  });
  if (result.ok && rule.to === "active") await reevaluate(db, clinician, planId, timeZone);
  return result;
}

/** The clinician moves the patient to any stage, with a reason; the engine then evaluates the new stage. */
export async function moveStageByHand(
  db: DB,
  clinician: Clinician,
  input: { planId: string; stageId: string; reason: string },
  timeZone: string,
): Promise<ChangeResult> {
  const result = await db.transaction().execute(async (trx): Promise<ChangeResult> => {
    const plan = await getPlanInClinic(trx, clinician.clinic_id, input.planId);
    if (!plan) return notFound;
    if (plan.status !== "active" && plan.status !== "paused")
      return { ok: false, status: 409, message: `This plan is ${plan.status}.` };
    const program = programOfPlan(plan);
    if (!program.stages.some((s) => s.id === input.stageId))
      return { ok: false, status: 400, fieldErrors: { stageId: "Choose a stage of this plan's program" } };
    if (input.stageId === plan.current_stage_id)
      return { ok: false, status: 400, fieldErrors: { stageId: "The patient is already in this stage" } };
    await supersedePendingDecisions(trx, plan.id);
    await setPlanStage(trx, plan.id, { stageId: input.stageId, enteredOn: todayIn(timeZone) });
    await recordAudit(trx, {
      clinicId: clinician.clinic_id,
      actor: clinician,
      action: "plan.stage_moved",
      entityType: "plan",
      entityId: plan.id,
      planId: plan.id,
      detail: { from: plan.current_stage_id, to: input.stageId, reason: input.reason },
    });
    return { ok: true };
  });
  if (result.ok) await reevaluate(db, clinician, input.planId, timeZone);
  return result;
}

/**
 * Moves a plan onto another version of its (clinic) program. The current stage is kept when the new version still
 * has it; otherwise the clinician must move the stage by hand first (we never guess a clinical position).
 */
export async function movePlanToVersion(
  db: DB,
  clinician: Clinician,
  input: { planId: string; version: number },
  timeZone: string,
): Promise<ChangeResult> {
  const result = await db.transaction().execute(async (trx): Promise<ChangeResult> => {
    const plan = await getPlanInClinic(trx, clinician.clinic_id, input.planId);
    if (!plan) return notFound;
    const program = await findProgramForClinic(trx, clinician.clinic_id, plan.program_id, input.version);
    if (!program) return { ok: false, status: 400, fieldErrors: { version: "That version does not exist" } };
    if (program.version === plan.program_version)
      return { ok: false, status: 400, fieldErrors: { version: "The plan already runs on this version" } };
    if (!program.stages.some((s) => s.id === plan.current_stage_id)) {
      return {
        ok: false,
        status: 400,
        fieldErrors: {
          version: `Version ${program.version} has no stage '${plan.current_stage_id}'. Move the patient to a stage that exists in both first.`,
        },
      };
    }
    await supersedePendingDecisions(trx, plan.id);
    await setPlanProgram(trx, plan.id, program);
    // The patient's own dose moves with them, matched by exercise id (docs/decisions/052-personal-prescription.md).
    const doseDropped = await carryDoseToVersion(trx, clinician, plan, program);
    await recordAudit(trx, {
      clinicId: clinician.clinic_id,
      actor: clinician,
      action: "plan.program_version_changed",
      entityType: "plan",
      entityId: plan.id,
      planId: plan.id,
      detail: {
        programId: plan.program_id,
        from: plan.program_version,
        to: program.version,
        ...(doseDropped.length > 0 ? { doseDropped } : {}),
      },
    });
    return { ok: true };
  });
  if (result.ok) await reevaluate(db, clinician, input.planId, timeZone);
  return result;
}

/**
 * Whether the engine's dose changes wait for a clinician or apply at once (ADR 056), audited from → to. Decisions
 * already waiting keep waiting: the setting applies from the next evaluation.
 */
export async function setDoseApprovalMode(
  db: DB,
  clinician: Clinician,
  input: DoseApprovalForm,
): Promise<ChangeResult> {
  return db.transaction().execute(async (trx): Promise<ChangeResult> => {
    const plan = await getPlanInClinic(trx, clinician.clinic_id, input.planId);
    if (!plan) return notFound;
    if (plan.status !== "active" && plan.status !== "paused")
      return { ok: false, status: 409, message: `This plan is ${plan.status}.` };
    if (plan.dose_approval_mode === input.doseApprovalMode) return { ok: true };
    await trx
      .updateTable("plan")
      .set({ dose_approval_mode: input.doseApprovalMode })
      .where("id", "=", plan.id)
      .execute();
    // An evaluation that read the old setting reads again rather than apply by it.
    await bumpPlanVersion(trx, plan.id).execute();
    await recordAudit(trx, {
      clinicId: clinician.clinic_id,
      actor: clinician,
      action: "plan.dose_approval_changed",
      entityType: "plan",
      entityId: plan.id,
      planId: plan.id,
      detail: { from: plan.dose_approval_mode, to: input.doseApprovalMode },
    });
    return { ok: true };
  });
}
