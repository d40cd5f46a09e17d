/**
 * What the engine's schema accepts but a clinician should not write: progression rules that could never step anyone's
 * dose sensibly (no step size, a cap below the start, a rep range upside down), and a stage's minimum stay written a
 * second way (a time gate from stage entry, beside "Minimum days in stage"). Checked where a clinician writes a program (the editor), not in the
 * engine, so versions already stored stay readable. Paths are the form's field names, so each issue shows at its field.
 */
import type { Criterion, Program, ProgressionRule, Stage } from "~/engine/index.ts";

type Issue = { path: (string | number)[]; message: string };
type Exercise = Stage["prescription"]["exercises"][number];

function progressionIssues(rule: ProgressionRule, path: (string | number)[], exercises: Exercise[]): Issue[] {
  const issues: Issue[] = [];
  const step = rule.step;
  if (step.kind === "run_progression") {
    issues.push({ path: [...path, "kind"], message: "Run progression belongs on the run, not on exercises" });
    return issues;
  }
  if (step.stepKg === undefined && step.stepPercent === undefined) {
    issues.push({ path: [...path, "stepKg"], message: "Say how much load to add: kg or %" });
  }
  if (step.stepKg !== undefined && step.stepPercent !== undefined) {
    issues.push({ path: [...path, "stepPercent"], message: "Add either kg or %, not both" });
  }
  if (step.kind === "double_progression" && step.repsTo <= step.repsFrom) {
    issues.push({ path: [...path, "repsTo"], message: "The top of the range must be above the bottom" });
  }
  // A load without kg (body weight) starts at 0 added kg, so only a known starting kg can sit above the cap.
  const startKgs = exercises.flatMap((e) => (e.load?.kg !== undefined ? [e.load.kg] : []));
  const start = startKgs.length > 0 ? Math.max(...startKgs) : undefined;
  if (step.maxKg !== undefined && start !== undefined && step.maxKg < start) {
    issues.push({ path: [...path, "maxKg"], message: `The cap is below the starting load (${start} kg)` });
  }
  return issues;
}

/** The minimum stay in a stage has one place, the stage's minimum days; a second one would disagree with it. */
function stageEntryTimeIssues(criteria: Criterion[], path: (string | number)[]): Issue[] {
  return criteria.flatMap((c, i) =>
    c.kind === "time" && c.from === "stage_entry"
      ? [{ path: [...path, i, "from"], message: "Use the stage's Minimum days in stage for this (one place)" }]
      : [],
  );
}

export function programAuthoringIssues(program: Program): Issue[] {
  const issues: Issue[] = [];
  program.stages.forEach((stage, s) => {
    const sp = ["stages", s];
    issues.push(...stageEntryTimeIssues(stage.gates, [...sp, "gates"]));
    const exercises = stage.prescription.exercises;
    if (stage.progression) {
      const loaded = exercises.filter((e) => !e.progression);
      issues.push(...progressionIssues(stage.progression, [...sp, "progression"], loaded));
    }
    const runRule = stage.prescription.run?.progression;
    if (runRule && runRule.step.kind !== "run_progression") {
      issues.push({
        path: [...sp, "prescription", "run", "progression", "kind"],
        message: "The run progresses by running longer, not by load",
      });
    }
    exercises.forEach((e, x) => {
      if (!e.progression) return;
      const path = [...sp, "prescription", "exercises", x, "progression"];
      issues.push(...progressionIssues(e.progression, path, [e]));
    });
  });
  return issues;
}
