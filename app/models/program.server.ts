import type { DB } from "~/db/client.server.ts";
import type { Program } from "~/engine/index.ts";

/** A clinic program's definition at a version (default: its current one). Scoped to the clinic. */
export async function getClinicProgramVersion(db: DB, clinicId: string, programId: string, version?: number) {
  const program = await db
    .selectFrom("program")
    .select(["id", "current_version", "name"])
    .where("id", "=", programId)
    .where("clinic_id", "=", clinicId)
    .executeTakeFirst();
  if (!program) return undefined;
  return db
    .selectFrom("program_version")
    .select(["program_id", "version", "definition", "created_at"])
    .where("program_id", "=", programId)
    .where("version", "=", version ?? program.current_version)
    .executeTakeFirst();
}

/** One of the clinic's own programs (not its definition), or undefined: other clinics' programs stay invisible. */
export async function getClinicProgram(db: DB, clinicId: string, programId: string) {
  return db
    .selectFrom("program")
    .select(["id", "current_version", "based_on"])
    .where("id", "=", programId)
    .where("clinic_id", "=", clinicId)
    .executeTakeFirst();
}

/** The clinic's programs that are not archived, each with its current version's definition, by name. */
export async function listClinicProgramsAtCurrentVersion(db: DB, clinicId: string) {
  return db
    .selectFrom("program")
    .innerJoin("program_version", (join) =>
      join
        .onRef("program_version.program_id", "=", "program.id")
        .onRef("program_version.version", "=", "program.current_version"),
    )
    .select(["program.id", "program.based_on", "program.updated_at", "program_version.definition"])
    .where("program.clinic_id", "=", clinicId)
    .where("program.archived_at", "is", null)
    .orderBy("program.name")
    .execute();
}

/**
 * Every version of a program, newest first, with who saved it. Not scoped by clinic: callers first find the program
 * with getClinicProgram.
 */
export async function listProgramVersions(db: DB, programId: string) {
  return db
    .selectFrom("program_version")
    .leftJoin("app_user", "app_user.id", "program_version.created_by")
    .select(["program_version.version", "program_version.created_at", "program_version.definition", "app_user.name"])
    .where("program_version.program_id", "=", programId)
    .orderBy("program_version.version", "desc")
    .execute();
}

/** A clinic program's row, at version 1 (its definition is insertProgramVersion's). */
export async function insertProgram(
  db: DB,
  program: {
    id: string;
    clinicId: string;
    name: string;
    condition: string;
    basedOn: string | null;
    createdBy: string;
    createdAt: string;
  },
): Promise<void> {
  await db
    .insertInto("program")
    .values({
      id: program.id,
      clinic_id: program.clinicId,
      name: program.name,
      condition: program.condition,
      based_on: program.basedOn,
      current_version: 1,
      created_by: program.createdBy,
      created_at: program.createdAt,
      updated_at: program.createdAt,
    })
    .execute();
}

/** An immutable version of a clinic program: the validated definition, stored as JSON. Never updated afterwards. */
export async function insertProgramVersion(
  db: DB,
  version: { program: Program; createdBy: string; createdAt: string },
): Promise<void> {
  await db
    .insertInto("program_version")
    .values({
      program_id: version.program.id,
      version: version.program.version,
      definition: JSON.stringify(version.program),
      created_by: version.createdBy,
      created_at: version.createdAt,
    })
    .execute();
}

/** Makes a saved version the program's current one (name and condition follow it, for lists and search). */
export async function setProgramCurrentVersion(db: DB, program: Program, updatedAt: string): Promise<void> {
  await db
    .updateTable("program")
    .set({ current_version: program.version, name: program.name, condition: program.condition, updated_at: updatedAt })
    .where("id", "=", program.id)
    .execute();
}
