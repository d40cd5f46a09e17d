import type { DB } from "~/db/client.server.ts";
import { ProgramSchema, type Program } from "~/engine/index.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { countLivePlansByProgramVersion, countLivePlansOfProgram } from "~/models/plan.server.ts";
import {
  getClinicProgram,
  insertProgram,
  insertProgramVersion,
  listClinicProgramsAtCurrentVersion,
  listProgramVersions,
  setProgramCurrentVersion,
} from "~/models/program.server.ts";
import { builtInPrograms, loadBuiltInProgram } from "~/programs/index.ts";
import { parseStoredProgram } from "~/services/evaluation.server.ts";
import { nowIso } from "~/utils/dates.ts";
import { newId } from "~/utils/ids.server.ts";
import { timeAnchorsOf } from "./plan-dates.server.ts";

type Clinician = { id: string; clinic_id: string; role: "clinician" };

export type ProgramChoice = {
  id: string;
  name: string;
  condition: string;
  summary: string;
  version: number;
  builtIn: boolean;
  basedOn: string | null;
  stages: Array<{ id: string; name: string }>;
  citations: Program["citations"];
  updatedAt: string | null;
  /** Dates the program counts days from (surgery, injury): starting it without them leaves a gate unmeetable. */
  countsFrom: Array<"surgery" | "injury">;
};

function choiceOf(
  program: Program,
  extra: { builtIn: boolean; basedOn: string | null; updatedAt: string | null },
): ProgramChoice {
  return {
    id: program.id,
    name: program.name,
    condition: program.condition,
    summary: program.summary,
    version: program.version,
    stages: program.stages.map((s) => ({ id: s.id, name: s.name })),
    citations: program.citations,
    countsFrom: [...timeAnchorsOf(program).keys()],
    ...extra,
  };
}

/** The clinic's own programs at their current version (one query; definitions re-validated on the way out). */
async function listClinicProgramDefinitions(db: DB, clinicId: string) {
  const rows = await listClinicProgramsAtCurrentVersion(db, clinicId);
  return rows.map((r) => ({ program: parseStoredProgram(r.definition), basedOn: r.based_on, updatedAt: r.updated_at }));
}

/** Everything a clinician can put a patient on: the clinic's own programs first, then the built-in library. */
export async function listProgramChoices(db: DB, clinicId: string): Promise<ProgramChoice[]> {
  const own = await listClinicProgramDefinitions(db, clinicId);
  return [
    ...own.map((o) => choiceOf(o.program, { builtIn: false, basedOn: o.basedOn, updatedAt: o.updatedAt })),
    ...builtInPrograms.map((p) => choiceOf(p, { builtIn: true, basedOn: null, updatedAt: null })),
  ];
}

export type EditableProgram = {
  program: Program;
  builtIn: boolean;
  basedOn: string | null;
  versions: Array<{ version: number; createdAt: string; createdBy: string | null }>;
  plansByVersion: Array<{ version: number; plans: number }>;
};

/** A program the clinic may see, with its version history and how many plans run on each version. */
export async function getProgramDetail(
  db: DB,
  clinicId: string,
  programId: string,
): Promise<EditableProgram | undefined> {
  const builtIn = loadBuiltInProgram(programId);
  const plans = await countLivePlansByProgramVersion(db, clinicId, programId);
  if (builtIn) return { program: builtIn, builtIn: true, basedOn: null, versions: [], plansByVersion: plans };
  const row = await getClinicProgram(db, clinicId, programId);
  if (!row) return undefined;
  const versions = await listProgramVersions(db, programId);
  const current = versions.find((v) => v.version === row.current_version);
  if (!current) return undefined;
  return {
    program: parseStoredProgram(current.definition),
    builtIn: false,
    basedOn: row.based_on,
    versions: versions.map((v) => ({ version: v.version, createdAt: v.created_at, createdBy: v.name })),
    plansByVersion: plans,
  };
}

/** A new clinic program from a validated definition; its id is ours (a random slug), its version 1. */
export async function createClinicProgram(
  db: DB,
  clinician: Clinician,
  definition: Program,
  basedOn: string | null = null,
): Promise<string> {
  const id = newId();
  const program = ProgramSchema.parse({ ...definition, id, version: 1 });
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    await insertProgram(trx, {
      id,
      clinicId: clinician.clinic_id,
      name: program.name,
      condition: program.condition,
      basedOn,
      createdBy: clinician.id,
      createdAt: now,
    });
    await insertProgramVersion(trx, { program, createdBy: clinician.id, createdAt: now });
    await recordAudit(trx, {
      clinicId: clinician.clinic_id,
      actor: clinician,
      action: basedOn ? "program.duplicated" : "program.created",
      entityType: "program",
      entityId: id,
      detail: { name: program.name, basedOn, stages: program.stages.length },
    });
  });
  return id;
}

/** Copies a built-in (or one of the clinic's programs) into the clinic as an editable program. */
export async function duplicateProgram(db: DB, clinician: Clinician, sourceId: string): Promise<string | undefined> {
  const source = loadBuiltInProgram(sourceId) ?? (await getProgramDetail(db, clinician.clinic_id, sourceId))?.program;
  if (!source) return undefined;
  const copy = structuredClone(source) as Program;
  return createClinicProgram(db, clinician, { ...copy, name: `${copy.name} (our copy)` }, sourceId);
}

export type SaveResult =
  { ok: true; version: number; plansOnOlderVersions: number } | { ok: false; status: 404 | 409; message: string };

/**
 * Saves an edit as a NEW immutable version. Plans keep the snapshot they run on until a clinician moves them
 * (docs/decisions/020-program-versioning.md). Built-in programs cannot be edited: duplicate them first.
 */
export async function saveProgramVersion(
  db: DB,
  clinician: Clinician,
  programId: string,
  definition: Program,
): Promise<SaveResult> {
  return db.transaction().execute(async (trx): Promise<SaveResult> => {
    const row = await getClinicProgram(trx, clinician.clinic_id, programId);
    if (!row) return { ok: false, status: 404, message: "Program not found" };
    const version = row.current_version + 1;
    const program = ProgramSchema.parse({ ...definition, id: programId, version });
    const now = nowIso();
    await insertProgramVersion(trx, { program, createdBy: clinician.id, createdAt: now });
    await setProgramCurrentVersion(trx, program, now);
    const inUse = await countLivePlansOfProgram(trx, clinician.clinic_id, programId);
    await recordAudit(trx, {
      clinicId: clinician.clinic_id,
      actor: clinician,
      action: "program.edited",
      entityType: "program",
      entityId: programId,
      detail: {
        name: program.name,
        fromVersion: row.current_version,
        toVersion: version,
        plansOnOlderVersions: inUse,
      },
    });
    return { ok: true, version, plansOnOlderVersions: inUse };
  });
}
