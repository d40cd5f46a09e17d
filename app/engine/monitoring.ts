/**
 * Monitoring tests and the usual level (docs/engine.md, "Monitoring tests and trial sessions").
 *
 * A monitoring test (e.g. the single-leg decline squat, Malliaras 2015) is done the morning after a session and scored
 * for pain 0–10, like the pain on waking: a score logged on day D is the response to the session of D − 1. The
 * "usual level" of a score is the median of its last N values logged before the morning judged (N = 5 by default, our
 * reading): one odd morning does not move it, and it follows the patient rather than a fixed number.
 */
import { firstLogFrom, type EvalContext } from "./context";
import type { Criterion, Stage } from "./schema";
import type { DailyLogFact } from "./types";

/** Scores that make the usual level when a criterion does not say (ours). */
export const DEFAULT_USUAL_OF = 5;

/** A log's next-morning response: the named monitoring test's pain, or the pain on waking. */
export function responseOf(log: DailyLogFact | undefined, test: string | undefined): number | null {
  if (!log) return null;
  return (test === undefined ? log.morningPain : log.testPain?.[test]) ?? null;
}

/**
 * The usual level of a response: the median of the last `count` values logged on days in [firstDay, beforeDay), or
 * null when none was.
 */
export function usualLevel(
  ctx: EvalContext,
  test: string | undefined,
  firstDay: number,
  beforeDay: number,
  count: number,
): number | null {
  const values: number[] = [];
  for (let i = firstLogFrom(ctx, beforeDay) - 1; i >= 0 && ctx.days[i]! >= firstDay && values.length < count; i--) {
    const value = responseOf(ctx.logs[i], test);
    if (value !== null) values.push(value);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/** The patient-facing name of one of the stage's monitoring tests (its id in words when the stage does not name it). */
export function monitoringTestName(stage: Stage, test: string): string {
  return stage.monitoringTests?.find((t) => t.id === test)?.name ?? test.replace(/[_-]/g, " ");
}

/**
 * The named tests the stage's log asks the patient to score: its monitoring tests first (every morning), then the
 * tests its criteria and its trial read (on the day they are done). Ids, without repeats.
 */
export function stageLoggedTests(stage: Stage): string[] {
  const criteria: Criterion[] = [...stage.gates, ...stage.regressRules.flatMap((r) => r.criteria)];
  const fromCriteria = criteria.flatMap((c) =>
    (c.kind === "pain" || c.kind === "trend") && c.metric === "test" && c.test ? [c.test] : [],
  );
  const names = [
    ...(stage.monitoringTests ?? []).map((t) => t.id),
    ...fromCriteria,
    ...(stage.trial?.test ? [stage.trial.test] : []),
  ];
  return [...new Set(names)];
}
