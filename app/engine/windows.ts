/**
 * Selecting the history a criterion looks at: rolling windows, scope clipping and next-morning attribution.
 *
 * Attribution: a morning report (morningPain, morningStiffness) logged on day D is the response to the session of
 * day D-1. So when a window or scope is cut at a session day S, a morning report counts only if D-1 >= S, and "the
 * next morning after the session of day S" is the report logged on S+1.
 *
 * Windows are index ranges over the context's day-ordered logs (context.ts); nothing here allocates.
 */
import { fromDayNumber } from "./dates";
import { endLogAt, firstLogFrom, type EvalContext } from "./context";
import type { PainMetric, Scope, Window } from "./schema";
import type { CheckRole, DailyLogFact } from "./types";

/**
 * First session day a criterion may look at. Stage scope starts on the day the stage was entered; plan scope on
 * the plan's start. Regress rules also ignore everything up to and including the last regress: evidence that has
 * already moved the patient back must not move them back again (no cascading regress).
 */
export function firstDayInScope(ctx: EvalContext, role: CheckRole, scope: Scope): number {
  let first = scope === "stage" ? ctx.stageEntered : ctx.planStart;
  if (role === "regress" && ctx.lastRegress !== null) first = Math.max(first, ctx.lastRegress + 1);
  return first;
}

export const isMorningMetric = (metric: PainMetric): boolean => metric === "next_morning" || metric === "stiffness";

/** Pain metrics as small integers (PAIN_METRIC_CODE), so reading a log's value switches on a number. */
export const PAIN_METRIC_CODE: Record<PainMetric, number> = {
  during: 0,
  after: 1,
  next_morning: 2,
  stiffness: 3,
  at_rest: 4,
  test: 5,
};

/** A log's value of a pain metric given by its code (null when not logged). */
export function painValueOf(log: DailyLogFact | undefined, code: number, test: string | undefined): number | null {
  if (!log) return null;
  let v: number | null | undefined;
  switch (code) {
    case 0:
      v = log.painDuring;
      break;
    case 1:
      v = log.painAfter;
      break;
    case 2:
      v = log.morningPain;
      break;
    case 3:
      v = log.morningStiffness;
      break;
    case 4:
      v = log.painAtRest;
      break;
    default:
      v = test ? log.testPain?.[test] : undefined;
  }
  return v ?? null;
}

/**
 * The last `max` sessions (done or partial) dated in [from, to], as log indices in ascending order written to
 * ctx.scratch[0 … count). Returns the count.
 */
export function lastSessions(ctx: EvalContext, from: number, to: number, max: number): number {
  const { days, logs, scratch } = ctx;
  if (from > to || max <= 0) return 0;
  let count = 0;
  // Collected backwards from the end of the range, then reversed in place.
  for (let i = endLogAt(ctx, to) - 1; i >= 0 && days[i]! >= from && count < max; i--) {
    if (logs[i]!.sessionDone !== "none") scratch[count++] = i;
  }
  for (let a = 0, b = count - 1; a < b; a++, b--) {
    const t = scratch[a]!;
    scratch[a] = scratch[b]!;
    scratch[b] = t;
  }
  return count;
}

/** Session logs in a window (soreness, settle), oldest first, as log indices in ctx.scratch; returns the count. */
export function sessionsInWindow(ctx: EvalContext, window: Window, firstDay: number, lastDay: number): number {
  if ("days" in window)
    return lastSessions(ctx, Math.max(ctx.today - window.days + 1, firstDay), lastDay, Number.MAX_SAFE_INTEGER);
  return lastSessions(ctx, firstDay, lastDay, window.sessions);
}

/** Plain phrase for a window: "today", "in the last 7 days", "in the latest session", "in the last 3 sessions". */
export function describeWindow(window: Window): string {
  if ("days" in window) return window.days === 1 ? "today" : `in the last ${window.days} days`;
  return window.sessions === 1 ? "in the latest session" : `in the last ${window.sessions} sessions`;
}

/** Compact window for labels: "7 d", "3 sessions". */
export function shortWindow(window: Window): string {
  return "days" in window ? `${window.days} d` : `${window.sessions} session${window.sessions === 1 ? "" : "s"}`;
}

/** "2026-03-14, 2026-03-15": the `shown` days (the last of `total`), with "…, " first when some were left out. */
export function quotedDays(shown: readonly number[], total: number): string {
  const text = shown.map(fromDayNumber).join(", ");
  return total > shown.length ? `…, ${text}` : text;
}
