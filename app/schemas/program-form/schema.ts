/**
 * The program editor's form schema. Forms post strings; this converts the posted (or react-hook-form) values into
 * the engine's Program shape (./form-to-program.ts) and then validates with the ENGINE's ProgramSchema — the one
 * authority on what a valid program is. Field names mirror the program's own paths (stages.0.gates.1.threshold), so
 * the engine's issue paths land on the right field (nested settings too: stages.0.gates.1.conditions.maxPainDuring).
 * Parts the editor has no dedicated field for (patient wording, sources) are carried through in a hidden `_rest`
 * JSON. The prescription's and each exercise's clinician-only `source` has two fields, `sourceNote` and
 * `sourceOurs`; its citation links ride in `_rest`.
 */
import * as z from "zod";
import { ProgramSchema, type Program } from "~/engine/index.ts";
import { CRITERION_FIELDS } from "./criterion-field-specs.ts";
import { programAuthoringIssues } from "./authoring-checks.ts";
import { programBoundIssues } from "./bounds.ts";
import type { FieldSpec } from "./field-spec.ts";
import type { ProgramFormValues } from "./form-values.ts";
import { formToProgram } from "./form-to-program.ts";

/** Names of checkbox-group fields: an issue on one ticked value (levels.1) shows on the group. */
const MULTI_NAMES = new Set(
  Object.values(CRITERION_FIELDS as Record<string, readonly FieldSpec[]>).flatMap((specs) =>
    specs.filter((s) => s.type === "multi").map((s) => s.name.split(".").pop()!),
  ),
);

/** Ids are hidden (made from names or generated): an issue on one shows on the field the clinician named it with. */
const VISIBLE_FIELD_FOR_ID: Record<string, string> = {
  stages: "name",
  exercises: "name",
  monitoringTests: "name",
  regressRules: "label",
  gates: "kind",
  criteria: "kind",
  when: "kind",
  stepBack: "kind",
  progression: "kind",
};

/** A criterion's hidden id setting (a sign-off's itemId) → the setting whose words make it. */
const HIDDEN_ID_SOURCES = new Map(
  Object.values(CRITERION_FIELDS as Record<string, readonly FieldSpec[]>).flatMap((specs) =>
    specs.filter((s) => s.type === "hiddenId" && s.from).map((s) => [s.name, s.from!] as const),
  ),
);

function visibleField(p: (string | number)[]): (string | number)[] {
  const source = HIDDEN_ID_SOURCES.get(String(p[p.length - 1]));
  if (source) return [...p.slice(0, -1), source];
  if (p[p.length - 1] !== "id") return p;
  const owner = typeof p[p.length - 2] === "number" ? p[p.length - 3] : p[p.length - 2];
  const field = VISIBLE_FIELD_FOR_ID[String(owner)];
  return field ? [...p.slice(0, -1), field] : p;
}

/** The engine's issue path → the form field that shows it. */
function fieldPath(path: PropertyKey[]): (string | number)[] {
  const p = visibleField(path.map((x) => (typeof x === "symbol" ? String(x) : x)));
  // A progression rule's step settings and step-back criteria sit flat on the rule's form values.
  const r = p.lastIndexOf("progression");
  if (r >= 0 && p[r + 1] === "step") return [...p.slice(0, r + 1), ...p.slice(r + 2)];
  if (r >= 0 && p[r + 1] === "stepBack" && p[r + 2] === "when")
    return fieldPath([...p.slice(0, r + 2), ...p.slice(r + 3)]);
  // Walk-run times are entered in minutes.
  const time = { walkSeconds: "walkMinutes", runSeconds: "runMinutes" }[String(p[p.length - 1])];
  if (time && p.includes("blocks")) return [...p.slice(0, -1), time];
  const w = p.lastIndexOf("window");
  if (w >= 0) return [...p.slice(0, w), "windowCount"];
  const last = p.length - 1;
  if (typeof p[last] === "number" && MULTI_NAMES.has(String(p[last - 1]))) return p.slice(0, last);
  return p;
}

/**
 * Used by react-hook-form (zodResolver) in the browser and by parseForm in the action. Input: the editor's form values
 * (typed, for react-hook-form's field names; a posted form may hold anything, and is read as such). Output: a valid
 * Program.
 */
export const ProgramFormSchema = z.transform<ProgramFormValues, Program>((raw: unknown, ctx) => {
  const { program, issues } = formToProgram(raw);
  const seen = new Set<string>();
  for (const issue of issues) {
    seen.add(issue.path.join("."));
    ctx.addIssue({ code: "custom", path: visibleField(issue.path), message: issue.message });
  }
  const result = ProgramSchema.safeParse(program);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = fieldPath(issue.path);
      if (seen.has(path.join("."))) continue;
      seen.add(path.join("."));
      ctx.addIssue({ code: "custom", path, message: friendly(issue.message) });
    }
    for (const issue of authoringIssuesOfUnchecked(program)) {
      if (!seen.has(issue.path.join("."))) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    }
    return z.NEVER;
  }
  if (issues.length > 0) return z.NEVER;
  const tooBig = [...programBoundIssues(result.data), ...programAuthoringIssues(result.data)];
  for (const issue of tooBig) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  if (tooBig.length > 0) return z.NEVER;
  return result.data;
});

/**
 * The editor's own checks on a program the engine has not accepted yet, so the physio sees every error at once (a
 * negative step and a cap below the start together). The program may be any shape here (hidden JSON can hold
 * anything): a check that cannot read it gives no message, and the engine's issues already stop the save.
 */
function authoringIssuesOfUnchecked(program: unknown) {
  try {
    return programAuthoringIssues(program as Program);
  } catch {
    return [];
  }
}

/** The engine's progression checks (ADR 055) in the physio's words. */
const PROGRESSION_WORDS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^give exactly one of stepKg or stepPercent/, () => "Add either kg or %: one of the two"],
  [/^the top of the rep range must be above its bottom/, () => "The top of the range must be above the bottom"],
  [/^the cap \S+ kg is below the current load of (\S+) kg/, (m) => `The cap is below the starting load (${m[1]} kg)`],
  [/^a run progression belongs on the stage's run/, () => "Run progression belongs on the run, not on exercises"],
  [/^the run progresses by run_progression, not by load/, () => "The run progresses by running longer, not by load"],
];

function friendly(message: string): string {
  for (const [pattern, words] of PROGRESSION_WORDS) {
    const m = pattern.exec(message);
    if (m) return words(m);
  }
  if (/^duplicate stage id/.test(message)) return "Another stage has the same name";
  if (/^duplicate (exercise|monitoring test)/.test(message)) return "Another one in this stage has the same name";
  if (/^duplicate (criterion|regress rule) id/.test(message)) return "Listed twice: remove one";
  if (/received undefined/.test(message)) return "Required";
  if (/expected string, received/.test(message) || /Too small: expected string to have >=1/.test(message))
    return "Required";
  return message;
}
