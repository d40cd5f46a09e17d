/**
 * The evaluation context: the input indexed once so that every criterion reads pre-computed facts instead of
 * rescanning the history. Rules stay data; this is the "compute rolling facts before rules run" step.
 *
 * The index is flat: the logs in day order (the caller's array itself when it already is in order, the usual case)
 * with their day numbers in a typed array, and the day numbers of measurements and sign-offs in input order. No
 * object is allocated per log. The typed arrays are scratch space reused by the next evaluation, so nothing that
 * outlives evaluate() (a decision, its deferred sentences) may keep a reference to them: criteria copy out the few
 * values their sentences need.
 */
import { toDayNumber, toDayNumberNear } from "./dates";
import type { Program, Stage } from "./schema";
import type { DailyLogFact, EvaluationInput, MeasurementFact } from "./types";

export class EngineInputError extends Error {
  override name = "EngineInputError";
}

export interface EvalContext {
  input: EvaluationInput;
  program: Program;
  stage: Stage;
  stageIndex: number;
  today: number;
  planStart: number;
  stageEntered: number;
  lastRegress: number | null;
  injury: number | null;
  surgery: number | null;
  /** Number of logs dated on or before today, one per day (a later duplicate replaces an earlier one). */
  n: number;
  /** days[i] is the day number of logs[i], ascending, for i < n (entries past n are stale scratch). */
  days: Int32Array;
  /** The logs, ascending by day, for i < n. */
  logs: readonly DailyLogFact[];
  /** Day number of input.measurements[i] (input order). */
  measurementDays: Int32Array;
  /** Day number of input.signoffs[i] (input order). */
  signoffDays: Int32Array;
  /** Scratch for criteria (log indices), at least n long; its contents never outlive one criterion. */
  scratch: Int32Array;
  involvedSide: "left" | "right" | null;
  uninvolvedSide: "left" | "right" | null;
  /** Logs, measurements and sign-offs ignored because they are dated after today. */
  futureIgnored: number;
}

const optionalDay = (date: string | null | undefined): number | null => (date ? toDayNumber(date) : null);

/**
 * Scratch typed arrays, grown on demand and reused: allocating typed arrays per evaluation costs more than the
 * evaluation's own arithmetic. `inUse` makes a re-entrant call (impossible with plain data, but cheap to guard)
 * get its own arrays instead of overwriting the outer call's.
 */
let LOG_DAYS: Int32Array<ArrayBuffer> = new Int32Array(256);
let SORT_DAYS: Int32Array<ArrayBuffer> = new Int32Array(256);
let MEASUREMENT_DAYS: Int32Array<ArrayBuffer> = new Int32Array(64);
let SIGNOFF_DAYS: Int32Array<ArrayBuffer> = new Int32Array(16);
let inUse = false;

const grown = (a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> =>
  a.length >= n ? a : new Int32Array(Math.max(n, a.length * 2));

/** Marks the scratch arrays as in use for one evaluation; returns false when they already are (re-entrant call). */
export function claimScratch(): boolean {
  if (inUse) return false;
  inUse = true;
  return true;
}

export function releaseScratch(): void {
  inUse = false;
}

export function buildContext(input: EvaluationInput, ownScratch: boolean): EvalContext {
  const { program, plan } = input;
  const stages = program.stages;
  let stageIndex = -1;
  for (let i = 0; i < stages.length; i++) {
    if (stages[i]!.id === plan.currentStageId) {
      stageIndex = i;
      break;
    }
  }
  const stage = stages[stageIndex];
  if (!stage) {
    throw new EngineInputError(
      `plan's current stage '${plan.currentStageId}' is not a stage of program '${program.id}' v${program.version}`,
    );
  }
  const today = toDayNumber(input.today);
  let futureIgnored = 0;

  // Logs: keep <= today, in day order, one per day (a later entry for the same day is an edit and replaces it).
  const src = input.logs;
  const total = src.length;
  let days: Int32Array;
  let kept: Int32Array;
  if (ownScratch) {
    days = LOG_DAYS = grown(LOG_DAYS, total);
    kept = SORT_DAYS = grown(SORT_DAYS, total);
  } else {
    days = new Int32Array(total);
    kept = new Int32Array(Math.max(total, 8)); // pain reads up to five entries past a short window
  }
  let n = 0;
  let ordered = true; // strictly ascending, no future entry in between
  let previous = today;
  for (let i = 0; i < total; i++) {
    // Most logs are dated the day after the previous one.
    const day = (previous = toDayNumberNear(src[i]!.date, previous + 1));
    if (day > today) {
      futureIgnored++;
      ordered = false;
      continue;
    }
    if (n > 0 && day <= days[n - 1]!) ordered = false;
    days[n] = day;
    kept[n] = i;
    n++;
  }
  let logs: readonly DailyLogFact[] = src;
  if (!ordered) {
    // Rare: unsorted, edited (duplicate day) or future entries. Stable sort of the kept entries by day, then the
    // last entry of each day wins.
    const dayOf = days.slice(0, n);
    const order: number[] = [];
    for (let k = 0; k < n; k++) order.push(k);
    order.sort((a, b) => dayOf[a]! - dayOf[b]! || a - b);
    const out: DailyLogFact[] = [];
    let m = 0;
    for (const k of order) {
      const day = dayOf[k]!;
      const log = src[kept[k]!]!;
      if (m > 0 && days[m - 1] === day) out[m - 1] = log;
      else {
        days[m] = day;
        out.push(log);
        m++;
      }
    }
    n = m;
    logs = out;
  }

  const ms: readonly MeasurementFact[] = input.measurements;
  const measurementDays = ownScratch
    ? (MEASUREMENT_DAYS = grown(MEASUREMENT_DAYS, ms.length))
    : new Int32Array(ms.length);
  for (let i = 0, previous = today; i < ms.length; i++) {
    // Measurements come in groups of one day (both legs, several tests).
    const day = (previous = toDayNumberNear(ms[i]!.date, previous));
    if (day > today) futureIgnored++;
    measurementDays[i] = day;
  }
  const ss = input.signoffs;
  const signoffDays = ownScratch ? (SIGNOFF_DAYS = grown(SIGNOFF_DAYS, ss.length)) : new Int32Array(ss.length);
  for (let i = 0; i < ss.length; i++) {
    const day = toDayNumber(ss[i]!.date);
    if (day > today) futureIgnored++;
    signoffDays[i] = day;
  }

  const involvedSide = plan.involvedSide === "left" || plan.involvedSide === "right" ? plan.involvedSide : null;
  return {
    input,
    program,
    stage,
    stageIndex,
    today,
    planStart: toDayNumber(plan.startDate),
    stageEntered: toDayNumber(plan.stageEnteredOn),
    lastRegress: optionalDay(plan.lastRegressOn),
    injury: optionalDay(plan.injuryDate),
    surgery: optionalDay(plan.surgeryDate),
    n,
    days,
    logs,
    measurementDays,
    signoffDays,
    scratch: kept,
    involvedSide,
    uninvolvedSide: involvedSide === "left" ? "right" : involvedSide === "right" ? "left" : null,
    futureIgnored,
  };
}

/**
 * Index of the first log dated on or after `day` (n when none). Windows mostly end today and reach back a few days,
 * so a short walk back from the end beats a binary search; long reaches (scopes, long histories) use one.
 */
export function firstLogFrom(ctx: EvalContext, day: number): number {
  const days = ctx.days;
  let hi = ctx.n;
  if (ctx.today - day <= 16) {
    while (hi > 0 && days[hi - 1]! >= day) hi--;
    return hi;
  }
  let lo = 0;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index just past the last log dated on or before `day`. */
export function endLogAt(ctx: EvalContext, day: number): number {
  if (day >= ctx.today) return ctx.n;
  return firstLogFrom(ctx, day + 1);
}

/** The log of the day after logs[i], if there is one (the next-morning report of logs[i]'s session). */
export function nextMorningOf(ctx: EvalContext, i: number): DailyLogFact | undefined {
  return i + 1 < ctx.n && ctx.days[i + 1] === ctx.days[i]! + 1 ? ctx.logs[i + 1] : undefined;
}
