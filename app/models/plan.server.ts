import { PostgresAdapter, sql } from "kysely";
import type { DB } from "~/db/client.server.ts";
import type { ApprovalMode, PlanStatus } from "~/db/types.ts";
import type { Program } from "~/engine/index.ts";
import { nowIso } from "~/utils/dates.ts";
import { newId } from "~/utils/ids.server.ts";

/** The plan a patient is working on now (active or paused), if any. */
export async function getCurrentPlanForPatient(db: DB, patientId: string) {
  return db
    .selectFrom("plan")
    .selectAll()
    .where("patient_id", "=", patientId)
    .where("status", "in", ["active", "paused"])
    .orderBy("created_at", "desc")
    .executeTakeFirst();
}

/** The plan a clinician works on for a patient: active or paused, else the most recent one. */
export async function getWorkingPlanOfPatient(db: DB, clinicId: string, patientId: string) {
  return db
    .selectFrom("plan")
    .selectAll()
    .where("clinic_id", "=", clinicId)
    .where("patient_id", "=", patientId)
    .orderBy(sql`case when status in ('active', 'paused') then 0 else 1 end`)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function getPlanInClinic(db: DB, clinicId: string, planId: string) {
  return db
    .selectFrom("plan")
    .selectAll()
    .where("id", "=", planId)
    .where("clinic_id", "=", clinicId)
    .executeTakeFirst();
}

/**
 * The plan, locked against other writers until the transaction ends: PostgreSQL locks its row; SQLite's transaction
 * already holds the only write lock. For the rare write that lost its version check twice (ADR 047).
 */
export async function getPlanForUpdate(trx: DB, planId: string) {
  const query = trx.selectFrom("plan").selectAll().where("id", "=", planId);
  return trx.getExecutor().adapter instanceof PostgresAdapter
    ? query.forUpdate().executeTakeFirst()
    : query.executeTakeFirst();
}

/** Moves the plan's version on without checking it: a write that changes what a concurrent save may have read. */
export function bumpPlanVersion(db: DB, planId: string) {
  return db
    .updateTable("plan")
    .set((eb) => ({ version: eb("version", "+", 1) }))
    .where("id", "=", planId);
}

/**
 * A new active plan. The program is frozen into it as a snapshot (later edits to the program never change it), and it
 * enters its start stage on its start date.
 */
export async function insertPlan(
  db: DB,
  plan: {
    clinicId: string;
    patientId: string;
    clinicianId: string;
    program: Program;
    startStageId: string;
    startDate: string;
    approvalMode: ApprovalMode;
    involvedSide: string;
    injuryDate: string | null;
    surgeryDate: string | null;
    goalText: string | null;
    goalActivity: string | null;
    goalTargetDate: string | null;
  },
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto("plan")
    .values({
      id,
      clinic_id: plan.clinicId,
      patient_id: plan.patientId,
      clinician_id: plan.clinicianId,
      program_id: plan.program.id,
      program_version: plan.program.version,
      program_snapshot: JSON.stringify(plan.program),
      current_stage_id: plan.startStageId,
      stage_entered_on: plan.startDate,
      last_regress_on: null,
      start_date: plan.startDate,
      injury_date: plan.injuryDate,
      surgery_date: plan.surgeryDate,
      involved_side: plan.involvedSide,
      status: "active",
      approval_mode: plan.approvalMode,
      goal_text: plan.goalText,
      goal_activity: plan.goalActivity,
      goal_target_date: plan.goalTargetDate,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** Pause, resume, discharge: the status only (the stage is setPlanStage's). Moves the plan's version on (ADR 047). */
export async function setPlanStatus(db: DB, planId: string, status: PlanStatus): Promise<void> {
  await db
    .updateTable("plan")
    .set((eb) => ({ status, updated_at: nowIso(), version: eb("version", "+", 1) }))
    .where("id", "=", planId)
    .execute();
}

/**
 * The check that opens a write batch (ADR 047): moves the plan to its next version only if it is still at the version
 * that was read. Changes one row, or none when another write to the plan got there first.
 */
export function claimPlanVersion(db: DB, plan: { id: string; version: number }) {
  return db
    .updateTable("plan")
    .set({ version: plan.version + 1 })
    .where("id", "=", plan.id)
    .where("version", "=", plan.version);
}

/** Moves a plan onto another version of its program: the new snapshot replaces the old one. */
export async function setPlanProgram(db: DB, planId: string, program: Program): Promise<void> {
  await db
    .updateTable("plan")
    .set((eb) => ({
      program_version: program.version,
      program_snapshot: JSON.stringify(program),
      updated_at: nowIso(),
      version: eb("version", "+", 1),
    }))
    .where("id", "=", planId)
    .execute();
}

/** How many of the clinic's live (active or paused) plans run on each version of a program. */
export async function countLivePlansByProgramVersion(db: DB, clinicId: string, programId: string) {
  const rows = await db
    .selectFrom("plan")
    .select(["program_version as version", (eb) => eb.fn.countAll<number>().as("plans")])
    .where("clinic_id", "=", clinicId)
    .where("program_id", "=", programId)
    .where("status", "in", ["active", "paused"])
    .groupBy("program_version")
    .execute();
  return rows.map((r) => ({ version: Number(r.version), plans: Number(r.plans) }));
}

/** How many of the clinic's live (active or paused) plans run on a program, whatever their version. */
export async function countLivePlansOfProgram(db: DB, clinicId: string, programId: string): Promise<number> {
  const row = await db
    .selectFrom("plan")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("clinic_id", "=", clinicId)
    .where("program_id", "=", programId)
    .where("status", "in", ["active", "paused"])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The active plans of some patients, with what the questionnaire schedule reads (ADR 059's reminder). */
export async function listActivePlansOfPatients(db: DB, patientIds: string[]) {
  if (patientIds.length === 0) return [];
  return db
    .selectFrom("plan")
    .select([
      "id",
      "patient_id",
      "status",
      "start_date",
      "current_stage_id",
      "stage_entered_on",
      "last_regress_on",
      "program_id",
      "program_version",
    ])
    .where("patient_id", "in", patientIds)
    .where("status", "=", "active")
    .execute();
}
