/**
 * Size bounds for a program a clinician saves: no clinical program comes near them, and they keep one program from
 * costing every page and every evaluation that reads it. They are checked where programs are written (the editor's
 * schema), not in the engine's ProgramSchema, so versions already stored stay readable whatever their size.
 * Paths mirror the form's field names, so each issue shows at its field (counts show in the editor's error summary).
 */
import type { Program } from "~/engine/index.ts";

export const PROGRAM_BOUNDS = {
  stages: 30,
  citations: 50,
  gatesPerStage: 20,
  regressRulesPerStage: 10,
  criteriaPerRule: 10,
  exercisesPerStage: 30,
  runBlocks: 20,
  windowDays: 365,
  windowSessions: 200,
  /** Stage minimum days, days off after a regress, a sign-off's validity. */
  dayCounts: 365,
  shortText: 300,
  longText: 4000,
} as const;

/** Free-text fields that may be paragraphs; every other string is a name, label or short phrase. */
const LONG_TEXT = new Set([
  "instructions",
  "notes",
  "summary",
  "patientText",
  "patientAdvice",
  "note",
  "goal",
  "title",
]);
const DAY_COUNTS = new Set(["minDays", "minDaysAfterRegress", "validDays", "restDays"]);

type Issue = { path: (string | number)[]; message: string };

export function programBoundIssues(program: Program): Issue[] {
  const b = PROGRAM_BOUNDS;
  const issues: Issue[] = [];
  const count = (list: readonly unknown[], max: number, path: (string | number)[], what: string) => {
    if (list.length > max) issues.push({ path, message: `At most ${max} ${what} (this has ${list.length})` });
  };
  count(program.stages, b.stages, ["stages"], "stages in a program");
  count(program.citations, b.citations, ["citations"], "citations");
  program.stages.forEach((stage, i) => {
    count(stage.gates, b.gatesPerStage, ["stages", i, "gates"], "gate criteria in a stage");
    count(stage.regressRules, b.regressRulesPerStage, ["stages", i, "regressRules"], "regress rules in a stage");
    stage.regressRules.forEach((rule, r) =>
      count(rule.criteria, b.criteriaPerRule, ["stages", i, "regressRules", r, "criteria"], "criteria in a rule"),
    );
    count(stage.prescription.exercises, b.exercisesPerStage, ["stages", i, "prescription", "exercises"], "exercises");
    if (stage.prescription.run) {
      count(stage.prescription.run.blocks, b.runBlocks, ["stages", i, "prescription", "run", "blocks"], "run blocks");
    }
  });
  walk(program, [], issues);
  return issues;
}

/** Strings, windows and day counts, wherever they are in the program. */
function walk(value: unknown, path: (string | number)[], issues: Issue[]): void {
  const b = PROGRAM_BOUNDS;
  const key = path[path.length - 1];
  if (typeof value === "string") {
    const max = typeof key === "string" && LONG_TEXT.has(key) ? b.longText : b.shortText;
    if (value.length > max) issues.push({ path, message: `Use at most ${max} characters` });
    return;
  }
  if (typeof value === "number") {
    if (typeof key === "string" && DAY_COUNTS.has(key) && value > b.dayCounts) {
      issues.push({ path, message: `At most ${b.dayCounts} days` });
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, [...path, i], issues));
    return;
  }
  if (!value || typeof value !== "object") return;
  if (key === "window") {
    const w = value as { days?: number; sessions?: number };
    const windowPath = [...path.slice(0, -1), "windowCount"];
    if (w.days !== undefined && w.days > b.windowDays) {
      issues.push({ path: windowPath, message: `A window is at most ${b.windowDays} days` });
    }
    if (w.sessions !== undefined && w.sessions > b.windowSessions) {
      issues.push({ path: windowPath, message: `A window is at most ${b.windowSessions} sessions` });
    }
    return;
  }
  for (const [k, v] of Object.entries(value)) walk(v, [...path, k], issues);
}
