/**
 * The built-in program library: eight evidence-based programs, one JSON file each, read-only for every clinic
 * (clinicians duplicate and edit their own copy). Each file is parsed with the engine's ProgramSchema when this module
 * is imported, so a broken file fails loudly at start-up (and in the tests) instead of at a patient's evaluation.
 *
 * Plain JSON imports (no node:fs) so the Remix bundle (esbuild), tsx and vitest can all load this module. The
 * `with { type: "json" }` attribute is left out on purpose: the Remix compiler's esbuild (0.17) cannot parse it.
 */
import { ProgramSchema, type Citation, type Program } from "~/engine/schema.ts";
import { deepFreeze } from "~/utils/deep-freeze.ts";
import achillesAlfredson from "./achilles-alfredson-1998.json";
import achillesSilbernagel from "./achilles-silbernagel-2007.json";
import aclDelawareOslo from "./acl-delaware-oslo-2016.json";
import ankleWalkRun from "./ankle-sprain-walk-run.json";
import hamstringAskling from "./hamstring-askling-2013.json";
import hamstringHickey from "./hamstring-hickey-2020.json";
import patellarMalliaras from "./patellar-malliaras-2015.json";
import runner5kTo10k from "./runner-5k-to-10k.json";

/** The raw JSON files in catalogue order, with their file names (for error messages and the file-level tests). */
export const BUILT_IN_FILES: ReadonlyArray<readonly [file: string, data: unknown]> = [
  ["achilles-silbernagel-2007.json", achillesSilbernagel],
  ["achilles-alfredson-1998.json", achillesAlfredson],
  ["hamstring-askling-2013.json", hamstringAskling],
  ["hamstring-hickey-2020.json", hamstringHickey],
  ["patellar-malliaras-2015.json", patellarMalliaras],
  ["acl-delaware-oslo-2016.json", aclDelawareOslo],
  ["ankle-sprain-walk-run.json", ankleWalkRun],
  ["runner-5k-to-10k.json", runner5kTo10k],
];

export class BuiltInProgramError extends Error {
  override name = "BuiltInProgramError";
}

/** Validates one built-in file; throws a BuiltInProgramError naming the file and every issue. */
export function parseBuiltInProgram(file: string, data: unknown): Program {
  const result = ProgramSchema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`).join("\n");
    throw new BuiltInProgramError(`built-in program app/programs/${file} is invalid:\n${issues}`);
  }
  if (`${result.data.id}.json` !== file) {
    throw new BuiltInProgramError(
      `built-in program app/programs/${file} has id '${result.data.id}'; the file must be named after its id`,
    );
  }
  return result.data;
}

function parseAll(): Program[] {
  const programs: Program[] = [];
  const seen = new Set<string>();
  for (const [file, data] of BUILT_IN_FILES) {
    const program = parseBuiltInProgram(file, data);
    if (seen.has(program.id)) throw new BuiltInProgramError(`duplicate built-in program id '${program.id}'`);
    seen.add(program.id);
    programs.push(deepFreeze(program));
  }
  return programs;
}

/**
 * Every built-in program, validated. Typed as a plain array for callers, but frozen at run time (the array and every
 * program in it): built-ins are read-only — structuredClone one to make a clinic's editable copy.
 */
export const builtInPrograms: Program[] = Object.freeze(parseAll()) as Program[];

const byId = new Map(builtInPrograms.map((p) => [p.id, p]));

/** The built-in program with this id, or undefined. The returned object is frozen: structuredClone it to edit. */
export function loadBuiltInProgram(id: string): Program | undefined {
  return byId.get(id);
}

/** True when the id belongs to the built-in library (clinic programs must not reuse these ids). */
export function isBuiltInProgramId(id: string): boolean {
  return byId.has(id);
}

export interface BuiltInProgramSummary {
  id: string;
  version: number;
  name: string;
  condition: string;
  summary: string;
  stageCount: number;
  citations: Citation[];
}

/** Catalogue rows for the library page: enough to choose a program without loading every stage. */
export function listBuiltInPrograms(): BuiltInProgramSummary[] {
  return builtInPrograms.map((p) => ({
    id: p.id,
    version: p.version,
    name: p.name,
    condition: p.condition,
    summary: p.summary,
    stageCount: p.stages.length,
    citations: p.citations.map((c) => ({ ...c })),
  }));
}
