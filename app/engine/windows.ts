/**
 * Selecting the history a criterion looks at: rolling windows, scope clipping and next-morning attribution.
 *
 * Attribution: a morning report (morningPain, morningStiffness) logged on day D is the response to the session of
 * day D-1. So when a window or scope is cut at a session day S, a morning report counts only if D-1 >= S, and "the
 * next morning after the session of day S" is the report logged on S+1.
 *
 * Windows are index ranges over the context's day-ordered logs (context.ts).
 */
import { dayAndMonth, fromDayNumber } from "./dates";
import { endLogAt, type EvalContext } from "./context";
import type { PainMetric, Scope, Window } from "./schema";
import type { CheckRole, DailyLogFact } from "./types";

/**
 * First session day a criterion may look at. Stage scope starts on the day the stage was entered (the day after,
 * when the move was earned that same day: stage-dates.ts); dose scope on the day the patient's current dose took
 * effect (context.ts `doseFirstDay`); plan scope on the plan's start. Regress rules also ignore everything up to and including the last regress: evidence that has
 * already moved the patient back must not move them back again (no cascading regress).
 */
export function firstDayInScope(ctx: EvalContext, role: CheckRole, scope: Scope): number {
  let first = scope === "stage" ? ctx.stageFirstDay : scope === "dose" ? ctx.doseFirstDay : ctx.planStart;
  if (role === "regress" && ctx.lastRegress !== null) first = Math.max(first, ctx.lastRegress + 1);
  return first;
}

export const isMorningMetric = (metric: PainMetric): boolean => metric === "next_morning" || metric === "stiffness";

/** A log's value of a pain metric (null when not logged). */
export function painValueOf(
  log: DailyLogFact | undefined,
  metric: PainMetric,
  test: string | undefined,
): number | null {
  if (!log) return null;
  switch (metric) {
    case "during":
      return log.painDuring ?? null;
    case "after":
      return log.painAfter ?? null;
    case "next_morning":
      return log.morningPain ?? null;
    case "stiffness":
      return log.morningStiffness ?? null;
    case "at_rest":
      return log.painAtRest ?? null;
    case "test":
      return (test ? log.testPain?.[test] : undefined) ?? null;
  }
}

/** The last `max` sessions (done or partial) dated in [from, to], as log indices, oldest first. */
export function lastSessions(ctx: EvalContext, from: number, to: number, max: number): number[] {
  const { days, logs } = ctx;
  const found: number[] = [];
  if (from > to) return found;
  for (let i = endLogAt(ctx, to) - 1; i >= 0 && days[i]! >= from && found.length < max; i--) {
    if (logs[i]!.sessionDone !== "none") found.push(i);
  }
  return found.reverse();
}

/**
 * The stage's entry day when the stage's start cut a gate's window short, else null: stage scope, a log before the
 * stage's first day, and the window reaching back before that day (a sessions window: fewer sessions in the stage
 * than it asks for). Such a gate's sentences count "since you started this stage on 3 Dec", the date every page
 * shows. (A regress rule's cut-off can also be the last regress, so its sentence keeps the window.)
 */
export function stageCutDay(ctx: EvalContext, role: CheckRole, scope: Scope, window: Window): number | null {
  if (role !== "gate" || scope !== "stage" || ctx.days.length === 0) return null;
  const firstDay = ctx.stageFirstDay;
  if (ctx.days[0]! >= firstDay) return null;
  const cut =
    "days" in window
      ? ctx.today - window.days + 1 < firstDay
      : lastSessions(ctx, firstDay, ctx.today, window.sessions).length < window.sessions;
  return cut ? ctx.stageEntered : null;
}

/** "since you started this stage on 3 Dec". */
export const sinceStageWords = (day: number): string => `since you started this stage on ${dayAndMonth(day)}`;

/** Session logs in a window (soreness, settle), as log indices, oldest first. */
export function sessionsInWindow(ctx: EvalContext, window: Window, firstDay: number, lastDay: number): number[] {
  if ("days" in window) return lastSessions(ctx, Math.max(ctx.today - window.days + 1, firstDay), lastDay, Infinity);
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
