import type { DB } from "~/db/client.server.ts";
import type { PersonalDose } from "~/db/types.ts";
import type { Prescription } from "~/engine/index.ts";
import { nowIso } from "~/utils/dates.ts";
import { newId } from "~/utils/ids.server.ts";

/** An exercise's dose as the patient gets it: the program's exercise without its clinician-only provenance. */
export type ExerciseDose = Omit<Prescription["exercises"][number], "source">;
export type RunDose = Omit<NonNullable<Prescription["run"]>, "source">;

/**
 * One exercise where the patient's dose differs from the program's: tailored (`dose` replaces the program's), dropped
 * for this patient, or added for this patient only (`origin: "added"`, never in the program).
 */
export type PersonalExerciseEntry = {
  exerciseId: string;
  origin: "program" | "added";
  dropped: boolean;
  dose: ExerciseDose | null;
};

export type PersonalDoseVersion = {
  version: number;
  stageId: string;
  stageEnteredOn: string;
  exercises: PersonalExerciseEntry[];
  run: RunDose | null;
  cause: string;
  reason: string;
  changedBy: string | null;
  createdAt: string;
};

function versionOf(row: PersonalDose): PersonalDoseVersion {
  return {
    version: row.version,
    stageId: row.stage_id,
    stageEnteredOn: row.stage_entered_on,
    exercises: JSON.parse(row.exercises) as PersonalExerciseEntry[],
    run: row.run === null ? null : (JSON.parse(row.run) as RunDose),
    cause: row.cause,
    reason: row.reason,
    changedBy: row.changed_by,
    createdAt: row.created_at,
  };
}

/** The names of the exercises a physio added for the patient of these plans, by plan and exercise id (any version). */
export async function addedExerciseNamesOfPlans(
  db: DB,
  planIds: readonly string[],
): Promise<Map<string, Record<string, string>>> {
  const names = new Map<string, Record<string, string>>();
  if (planIds.length === 0) return names;
  const rows = await db
    .selectFrom("personal_dose")
    .select(["plan_id", "exercises"])
    .where("plan_id", "in", planIds)
    .orderBy("version")
    .execute();
  for (const row of rows) {
    const own = names.get(row.plan_id) ?? {};
    for (const e of JSON.parse(row.exercises) as PersonalExerciseEntry[])
      if (e.origin === "added" && e.dose) own[e.exerciseId] = e.dose.name;
    names.set(row.plan_id, own);
  }
  return names;
}

/** `stage_entered_on` of a dose prepared for a stage the patient is not in yet: it applies when they enter it. */
export const PREPARED = "";

async function latestOf(db: DB, planId: string, stageId: string, enteredOn: string) {
  return db
    .selectFrom("personal_dose")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("stage_id", "=", stageId)
    .where("stage_entered_on", "=", enteredOn)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * The dose a stage starts from when a physio prepared one: the latest prepared version, as long as no stay in that
 * stage has had a dose saved since (then the preparation has been used).
 */
export async function getPreparedDose(
  db: DB,
  planId: string,
  stageId: string,
): Promise<PersonalDoseVersion | undefined> {
  const prepared = await latestOf(db, planId, stageId, PREPARED);
  if (!prepared) return undefined;
  const usedSince = await db
    .selectFrom("personal_dose")
    .select("id")
    .where("plan_id", "=", planId)
    .where("stage_id", "=", stageId)
    .where("stage_entered_on", "!=", PREPARED)
    .where("version", ">", prepared.version)
    .limit(1)
    .executeTakeFirst();
  return usedSince ? undefined : versionOf(prepared);
}

/**
 * The plan's latest dose version for one stay in a stage, else the dose prepared for the stage; undefined when the
 * stay has the program's dose.
 */
export async function getPersonalDose(
  db: DB,
  planId: string,
  stay: { stageId: string; stageEnteredOn: string },
): Promise<PersonalDoseVersion | undefined> {
  const row = await latestOf(db, planId, stay.stageId, stay.stageEnteredOn);
  return row ? versionOf(row) : getPreparedDose(db, planId, stay.stageId);
}

/** The plan's highest dose version (0 before any), whatever the stage. */
export async function latestDoseVersionOfPlan(db: DB, planId: string): Promise<number> {
  const row = await db
    .selectFrom("personal_dose")
    .select((eb) => eb.fn.max("version").as("version"))
    .where("plan_id", "=", planId)
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

/**
 * Appends a version. The unique (plan_id, version) index refuses a second row with the same number, so of two
 * concurrent saves from the same starting version only one is written (see isDuplicateVersion).
 */
export async function insertPersonalDose(db: DB, row: NewPersonalDoseVersion): Promise<void> {
  await insertPersonalDoseQuery(db, row).execute();
}

/** Why a version was written: a physio's tailoring or preparation, a program version move, or an engine dose change. */
export type DoseCause = "tailored" | "prepared" | "version_move" | "progression" | "step_back" | "regress";

export type NewPersonalDoseVersion = {
  clinicId: string;
  planId: string;
  version: number;
  stageId: string;
  stageEnteredOn: string;
  programVersion: number;
  exercises: PersonalExerciseEntry[];
  run: RunDose | null;
  cause: DoseCause;
  reason: string;
  changedBy: string | null;
};

/** insertPersonalDose's statement, not yet run: for a write batch (ADR 047, ADR 056). */
export function insertPersonalDoseQuery(db: DB, row: NewPersonalDoseVersion) {
  return db.insertInto("personal_dose").values({
    id: newId(),
    clinic_id: row.clinicId,
    plan_id: row.planId,
    version: row.version,
    stage_id: row.stageId,
    stage_entered_on: row.stageEnteredOn,
    program_version: row.programVersion,
    exercises: JSON.stringify(row.exercises),
    run: row.run === null ? null : JSON.stringify(row.run),
    cause: row.cause,
    reason: row.reason,
    changed_by: row.changedBy,
    created_at: nowIso(),
  });
}

/** Every dose version of a plan, oldest first (charts and exports). */
export async function doseVersionsOfPlan(db: DB, planId: string): Promise<PersonalDoseVersion[]> {
  const rows = await db
    .selectFrom("personal_dose")
    .selectAll()
    .where("plan_id", "=", planId)
    .orderBy("version")
    .execute();
  return rows.map(versionOf);
}

/** Whether an insert failed on the unique (plan_id, version) index: SQLite's and PostgreSQL's words for it. */
export function isDuplicateVersion(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; constraint?: unknown } | null;
  if (!e) return false;
  if (e.code === "23505") return true; // PostgreSQL unique_violation
  return typeof e.message === "string" && /UNIQUE constraint failed: personal_dose\.plan_id/.test(e.message);
}

/** The dose versions of one stay in a stage and the doses prepared for that stage, oldest first (the log of a past day). */
export async function listStayAndPreparedDoses(
  db: DB,
  planId: string,
  stay: { stageId: string; stageEnteredOn: string },
): Promise<PersonalDoseVersion[]> {
  const rows = await db
    .selectFrom("personal_dose")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("stage_id", "=", stay.stageId)
    .where("stage_entered_on", "in", [stay.stageEnteredOn, PREPARED])
    .orderBy("version")
    .execute();
  return rows.map(versionOf);
}
