/**
 * Case files under test/fixtures/engine are evaluated here exactly as the CLI evaluates them, and the CLI itself is
 * run once per behaviour (decision JSON on stdout, --check, clear errors).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CaseFileSchema, caseToInput, evaluate, expectationMismatches } from "~/engine";
import { loadBuiltInProgram } from "~/programs/index.ts";

const FIXTURES = join(process.cwd(), "test/fixtures/engine");
const fixtureFiles = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".json"))
  .sort();

function loadCase(file: string) {
  return CaseFileSchema.parse(JSON.parse(readFileSync(join(FIXTURES, file), "utf8")));
}

function runCli(args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/engine-cli.ts", ...args], {
    encoding: "utf8",
    cwd: process.cwd(),
  });
}

describe("case fixtures", () => {
  it("there are case fixtures to run", () => expect(fixtureFiles.length).toBeGreaterThanOrEqual(3));

  it.each(fixtureFiles)("%s gives the decision its 'expect' block states", (file) => {
    const c = loadCase(file);
    expect(c.expect, `${file} needs an expect block`).toBeDefined();
    // A case naming a built-in program gets it from the library, as the CLI does.
    const builtIn = c.programId ? loadBuiltInProgram(c.programId) : undefined;
    expect(expectationMismatches(evaluate(caseToInput(c, builtIn)), c.expect)).toEqual([]);
  });
});

describe("docs/engine.md worked example", () => {
  const docs = readFileSync(join(process.cwd(), "docs/engine.md"), "utf8");
  const block = (marker: string) => {
    const m = new RegExp(`<!-- ${marker} -->\\s*\`\`\`json\\n([\\s\\S]*?)\`\`\``).exec(docs);
    if (!m) throw new Error(`docs/engine.md has no json block after <!-- ${marker} -->`);
    return JSON.parse(m[1]!);
  };
  const worked = loadCase("achilles-worked-example.json");

  it("the stage shown in the docs is the stage the worked example's fixture uses", () => {
    expect(block("worked-example:stage")).toEqual(worked.program!.stages.find((s) => s.id === "recovery"));
  });

  it("the plan, today and measurements shown in the docs are the fixture's", () => {
    expect(block("worked-example:facts")).toEqual({
      plan: worked.plan,
      today: worked.today,
      measurements: worked.measurements,
    });
  });

  it("the symmetry check shown in full in the docs is the engine's check", () => {
    const decision = evaluate(caseToInput(worked));
    expect(block("worked-example:lsi-check")).toEqual(decision.checks.find((c) => c.id === "heel-raise-lsi"));
  });

  it("as the docs say, testing both legs (left 22 of right 25 = 88 %) advances the same patient to Rebuilding", () => {
    const input = caseToInput(worked);
    const decision = evaluate({
      ...input,
      measurements: [
        ...input.measurements,
        { date: "2026-03-18", measure: "single_leg_heel_raise_reps", side: "right", value: 25 },
      ],
    });
    expect(decision.outcome).toBe("advance");
    expect(decision.toStageId).toBe("rebuilding");
  });

  it("the decision digest shown in the docs is what the engine decides for the fixture", () => {
    const decision = evaluate(caseToInput(worked));
    expect(block("worked-example:decision")).toEqual({
      outcome: decision.outcome,
      fromStageId: decision.fromStageId,
      toStageId: decision.toStageId,
      checks: decision.checks.map((c) => ({
        id: c.id,
        role: c.role,
        observed: c.observed,
        threshold: c.threshold,
        status: c.status,
      })),
      flags: decision.flags.map((f) => f.code),
      patientSummary: decision.patientSummary,
      clinicianSummary: decision.clinicianSummary,
    });
  });
});

describe("npm run engine -- evaluate <case.json>", () => {
  it("prints the decision as JSON and confirms the expectation with --check", () => {
    const out = execFileSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/engine-cli.ts",
        "evaluate",
        join(FIXTURES, "achilles-worked-example.json"),
        "--check",
      ],
      { encoding: "utf8" },
    );
    const decision = JSON.parse(out);
    expect(decision).toMatchObject({
      outcome: "hold",
      programId: "achilles-worked-example",
      evaluatedFor: "2026-03-20",
    });
  }, 30_000);

  it("a case with a personal dose and a qualifying history prints an increase in doseChanges", () => {
    const r = runCli(["evaluate", join(FIXTURES, "alfredson-personal-dose-increase.json"), "--check"]);
    expect(r.status).toBe(0);
    const decision = JSON.parse(r.stdout);
    expect(decision.doseChanges.length).toBeGreaterThan(0);
    expect(decision.doseChanges[0]).toMatchObject({
      direction: "increase",
      from: { load: { kg: 10 } },
      to: { load: { text: "backpack 15 kg", kg: 15 } },
    });
  }, 30_000);

  it("a dose change the case expects and the engine does not make is listed as a difference", () => {
    const dir = mkdtempSync(join(tmpdir(), "engine-cli-"));
    const c = JSON.parse(readFileSync(join(FIXTURES, "alfredson-personal-dose-increase.json"), "utf8"));
    c.logs = c.logs.map((log: { painDuring: number }) => ({ ...log, painDuring: 3 })); // no longer pain-free
    writeFileSync(join(dir, "case.json"), JSON.stringify(c));
    const r = runCli(["evaluate", join(dir, "case.json"), "--check"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("dose change eccentric-heel-drop-straight-knee: missing");
  }, 30_000);

  it("exits 1 and lists the differences when a case's expectation is not met", () => {
    const dir = mkdtempSync(join(tmpdir(), "engine-cli-"));
    const c = JSON.parse(readFileSync(join(FIXTURES, "achilles-worked-example.json"), "utf8"));
    c.expect = { outcome: "advance" };
    writeFileSync(join(dir, "case.json"), JSON.stringify(c));
    const r = runCli(["evaluate", join(dir, "case.json"), "--check"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("outcome: expected advance, got hold");
  }, 30_000);

  it("refuses an unknown built-in program id with a clear message", () => {
    const dir = mkdtempSync(join(tmpdir(), "engine-cli-"));
    const c = JSON.parse(readFileSync(join(FIXTURES, "achilles-worked-example.json"), "utf8"));
    delete c.program;
    c.programId = "no-such-program";
    writeFileSync(join(dir, "case.json"), JSON.stringify(c));
    const r = runCli(["evaluate", join(dir, "case.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/built-in program 'no-such-program'/);
  }, 30_000);

  it("reports where an invalid case file is wrong", () => {
    const dir = mkdtempSync(join(tmpdir(), "engine-cli-"));
    writeFileSync(join(dir, "case.json"), JSON.stringify({ plan: {}, today: "2026-13-01" }));
    const r = runCli(["evaluate", join(dir, "case.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not a valid case file/);
    expect(r.stderr).toMatch(/today/);
  }, 30_000);
});
