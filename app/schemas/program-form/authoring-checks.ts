/**
 * What the engine's schema accepts but a clinician should not write, checked where a clinician writes a program (the
 * editor), not in the engine, so versions already stored stay readable: a stage's minimum stay written a second way (a
 * time gate from stage entry, beside "Minimum days in stage"). Progression rules that could never work (no step, a cap
 * below the start, a reps range upside down) are the engine's own checks (ADR 055); ./schema.ts words them for the
 * physio. Paths are the form's field names, so each issue shows at its field.
 */
import type { Criterion, Program } from "~/engine/index.ts";

type Issue = { path: (string | number)[]; message: string };

/** The minimum stay in a stage has one place, the stage's minimum days; a second one would disagree with it. */
function stageEntryTimeIssues(criteria: Criterion[], path: (string | number)[]): Issue[] {
  return criteria.flatMap((c, i) =>
    c.kind === "time" && c.from === "stage_entry"
      ? [{ path: [...path, i, "from"], message: "Use the stage's Minimum days in stage for this (one place)" }]
      : [],
  );
}

export function programAuthoringIssues(program: Program): Issue[] {
  return program.stages.flatMap((stage, s) => stageEntryTimeIssues(stage.gates, ["stages", s, "gates"]));
}
