import type { DB } from "~/db/client.server.ts";

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
