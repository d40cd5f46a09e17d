import type { Decision, DoseChange } from "./types";

/**
 * The dose changes a decision may apply: only within the stage the decision keeps (a move to another stage starts that
 * stage from its own dose), and never an increase together with a regress or a high-severity flag. `evaluate` already
 * returns no others; this is the same rule for a decision read back later (stored before engine 2.4.0, or made by hand
 * in a test), so callers never restate it.
 */
export function applicableDoseChanges(
  decision: Pick<Decision, "outcome" | "fromStageId" | "toStageId" | "flags"> & { doseChanges?: DoseChange[] },
): DoseChange[] {
  if (decision.fromStageId !== decision.toStageId) return [];
  const noIncrease = decision.outcome === "regress" || decision.flags.some((f) => f.severity === "high");
  return (decision.doseChanges ?? []).filter((c) => !(noIncrease && c.direction === "increase"));
}
