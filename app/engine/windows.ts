/**
 * Selecting the history a criterion looks at: rolling windows, scope clipping and next-morning attribution.
 *
 * Attribution: a morning report (morningPain, morningStiffness) logged on day D is the response to the session of
 * day D-1. So when a window or scope is cut at a session day S, a morning report counts only if D-1 >= S, and "the
 * next morning after the session of day S" is the report logged on S+1.
 */
import { fromDayNumber } from "./dates";
import type { EvalContext, LogRow } from "./context";
import type { PainMetric, Scope, Window } from "./schema";
import type { CheckRole, DailyLogFact } from "./types";

export interface CriterionEnv {
  ctx: EvalContext;
  role: CheckRole;
}

/**
 * First session day a criterion may look at. Stage scope starts on the day the stage was entered; plan scope on
 * the plan's start. Regress rules also ignore everything up to and including the last regress: evidence that has
 * already moved the patient back must not move them back again (no cascading regress).
 */
export function firstDayInScope(env: CriterionEnv, scope: Scope): number {
  const { ctx } = env;
  let first = scope === "stage" ? ctx.stageEntered : ctx.planStart;
  if (env.role === "regress" && ctx.lastRegress !== null) first = Math.max(first, ctx.lastRegress + 1);
  return first;
}

export const isMorningMetric = (metric: PainMetric): boolean => metric === "next_morning" || metric === "stiffness";

export function painValue(log: DailyLogFact | undefined, metric: PainMetric, test?: string): number | null {
  if (!log) return null;
  let v: number | null | undefined;
  switch (metric) {
    case "during":
      v = log.painDuring;
      break;
    case "after":
      v = log.painAfter;
      break;
    case "next_morning":
      v = log.morningPain;
      break;
    case "stiffness":
      v = log.morningStiffness;
      break;
    case "at_rest":
      v = log.painAtRest;
      break;
    case "test":
      v = test ? log.testPain?.[test] : undefined;
      break;
  }
  return v ?? null;
}

export interface DatedValue {
  /** The session day the value belongs to (for morning metrics: the day before the report). */
  day: number;
  value: number;
}

/** Logs whose own date lies in [from, to], ascending. Binary search: history can be long. */
export function logsBetween(ctx: EvalContext, from: number, to: number): LogRow[] {
  return sliceByDay(ctx.logs, from, to);
}

export function sessionsBetween(ctx: EvalContext, from: number, to: number): LogRow[] {
  return sliceByDay(ctx.sessions, from, to);
}

function sliceByDay(rows: LogRow[], from: number, to: number): LogRow[] {
  if (from > to || rows.length === 0) return [];
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.day < from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < rows.length && rows[end]!.day <= to) end++;
  return rows.slice(lo, end);
}

/**
 * Values of a pain metric in a window, oldest first.
 * - { days: N }: logs dated in the last N days (today included); morning reports attributed to a session day
 *   before `firstDay` are left out.
 * - { sessions: N }: the last N sessions (done or partial) on or after `firstDay`; for morning metrics only sessions
 *   whose next morning has come (day < today), each paired with the report logged the next day.
 */
export function painValues(
  env: CriterionEnv,
  metric: PainMetric,
  test: string | undefined,
  window: Window,
  firstDay: number,
): DatedValue[] {
  const { ctx } = env;
  const morning = isMorningMetric(metric);
  const out: DatedValue[] = [];
  if ("days" in window) {
    const from = Math.max(ctx.today - window.days + 1, morning ? firstDay + 1 : firstDay);
    for (const row of logsBetween(ctx, from, ctx.today)) {
      const v = painValue(row.log, metric, test);
      if (v !== null) out.push({ day: morning ? row.day - 1 : row.day, value: v });
    }
    return out;
  }
  const lastSessionDay = morning ? ctx.today - 1 : ctx.today;
  const candidates = sessionsBetween(ctx, firstDay, lastSessionDay);
  const chosen = candidates.slice(Math.max(0, candidates.length - window.sessions));
  for (const row of chosen) {
    const v = painValue(morning ? ctx.logAt(row.day + 1) : row.log, metric, test);
    if (v !== null) out.push({ day: row.day, value: v });
  }
  return out;
}

/** Session logs in a window (for soreness, swelling and settle), oldest first. */
export function sessionRows(env: CriterionEnv, window: Window, firstDay: number, lastDay?: number): LogRow[] {
  const { ctx } = env;
  const to = lastDay ?? ctx.today;
  if ("days" in window) return sessionsBetween(ctx, Math.max(ctx.today - window.days + 1, firstDay), to);
  const candidates = sessionsBetween(ctx, firstDay, to);
  return candidates.slice(Math.max(0, candidates.length - window.sessions));
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

export function dayList(days: readonly number[], max = 5): string {
  const shown = days.slice(-max).map(fromDayNumber);
  return days.length > max ? `…, ${shown.join(", ")}` : shown.join(", ");
}
