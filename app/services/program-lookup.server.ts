import type { DB } from "~/db/client.server.ts";
import type { Program } from "~/engine/index.ts";
import { getClinicProgramVersion } from "~/models/program.server.ts";
import { loadBuiltInProgram } from "~/programs/index.ts";
import { parseStoredProgram } from "~/services/evaluation.server.ts";

/**
 * Finds a program a clinic may use: a built-in (shared, read-only) or one of the clinic's own.
 * Definitions are re-validated with the engine's schema on the way out, so a bad row can never reach evaluate().
 */
export async function findProgramForClinic(
  db: DB,
  clinicId: string,
  programId: string,
  version?: number,
): Promise<Program | undefined> {
  const builtIn = loadBuiltInProgram(programId);
  if (builtIn) return version === undefined || version === builtIn.version ? builtIn : undefined;
  const row = await getClinicProgramVersion(db, clinicId, programId, version);
  return row ? parseStoredProgram(row.definition) : undefined;
}
