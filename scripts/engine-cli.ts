/**
 * npm run engine -- evaluate <case.json> [--check]
 *
 * Prints the engine's decision for a case file as JSON. With --check, also compares it with the case's "expect"
 * block and exits 1 on a mismatch. Exit 2 means the case could not be read or evaluated.
 *
 * A case names its program inline ("program") or by built-in id ("programId"); built-ins come from
 * app/programs/index.ts (`loadBuiltInProgram(id)`), loaded only when a case asks for one.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CaseFileSchema, caseToInput, evaluate, expectationMismatches, ProgramSchema } from "../app/engine/index.ts";
import type { Program } from "../app/engine/index.ts";

const USAGE = "usage: npm run engine -- evaluate <case.json> [--check]";

class CliError extends Error {}

async function loadBuiltIn(id: string): Promise<Program> {
  const libraryPath = fileURLToPath(new URL("../app/programs/index.ts", import.meta.url));
  if (!existsSync(libraryPath)) {
    throw new CliError(
      `case asks for built-in program '${id}', but the built-in library (app/programs/index.ts) does not exist yet; put the program inline under "program"`,
    );
  }
  const library = (await import(pathToFileURL(libraryPath).href)) as { loadBuiltInProgram?: (id: string) => unknown };
  if (typeof library.loadBuiltInProgram !== "function") {
    throw new CliError("app/programs/index.ts does not export loadBuiltInProgram(id)");
  }
  let found: unknown;
  try {
    found = await library.loadBuiltInProgram(id);
  } catch (error) {
    throw new CliError(`unknown built-in program '${id}': ${(error as Error).message}`);
  }
  if (found === undefined || found === null) throw new CliError(`unknown built-in program '${id}'`);
  const parsed = ProgramSchema.safeParse(found);
  if (!parsed.success) throw new CliError(`built-in program '${id}' is invalid:\n${formatIssues(parsed.error.issues)}`);
  return parsed.data;
}

function formatIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `  ${i.path.map(String).join(".") || "(root)"}: ${i.message}`).join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [command, file, ...rest] = argv;
  if (command !== "evaluate" || !file) throw new CliError(USAGE);
  const unknown = rest.filter((a) => a !== "--check");
  if (unknown.length > 0) throw new CliError(`unknown option ${unknown.join(" ")}\n${USAGE}`);

  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const parsed = CaseFileSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(`${file} is not a valid case file:\n${formatIssues(parsed.error.issues)}`);
  const caseFile = parsed.data;
  const builtIn = caseFile.programId ? await loadBuiltIn(caseFile.programId) : undefined;
  const decision = evaluate(caseToInput(caseFile, builtIn));
  process.stdout.write(`${JSON.stringify(decision, null, 2)}\n`);

  if (rest.includes("--check")) {
    if (!caseFile.expect) throw new CliError(`--check: ${file} has no "expect" block`);
    const mismatches = expectationMismatches(decision, caseFile.expect);
    if (mismatches.length > 0) {
      process.stderr.write(`${file}: decision differs from "expect":\n${mismatches.map((m) => `  ${m}`).join("\n")}\n`);
      return 1;
    }
    process.stderr.write(`${file}: decision as expected\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof CliError ? error.message : ((error as Error).stack ?? String(error))}\n`);
    process.exit(2);
  },
);
