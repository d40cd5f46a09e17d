/**
 * The evaluation context: the input indexed once so that every criterion reads pre-computed facts instead of
 * rescanning the history. Rules stay data; this is the "compute rolling facts before rules run" step.
 *
 * The logs are kept in day order, one per day, beside their day numbers (`logs[i]` is dated `days[i]`), so a window
 * is a range of indices. Measurements and sign-offs stay in input order, with their day numbers beside them.
 */
import { toDayNumber } from "./dates";
import { firstStageDay } from "./stage-dates";
import type { Prescription, Program, Stage } from "./schema";
import type { DailyLogFact, EvaluationInput } from "./types";

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
  /** First day of stage-scoped evidence (stage-dates.ts `firstStageDay`). */
  stageFirstDay: number;
  /** The patient's prescription of the current stage: their own dose (input.dose), else the stage's. */
  prescription: Prescription;
  /** First day of dose-scoped evidence: the day the patient's current dose took effect, never before the stage's
   * first day (no dose given: the stage's first day). */
  doseFirstDay: number;
  lastRegress: number | null;
  injury: number | null;
  surgery: number | null;
  /** The logs dated on or before today, ascending by day, one per day (a later entry for a day replaces an earlier one). */
  logs: readonly DailyLogFact[];
  /** days[i] is the day number of logs[i]. */
  days: readonly number[];
  /** Day number of input.measurements[i] (input order). */
  measurementDays: readonly number[];
  /** Day number of input.signoffs[i] (input order). */
  signoffDays: readonly number[];
  involvedSide: "left" | "right" | null;
  uninvolvedSide: "left" | "right" | null;
  /** Logs, measurements and sign-offs ignored because they are dated after today. */
  futureIgnored: number;
}

const optionalDay = (date: string | null | undefined): number | null => (date ? toDayNumber(date) : null);

const countAfter = (today: number, days: readonly number[]): number => days.filter((day) => day > today).length;

export function buildContext(input: EvaluationInput): EvalContext {
  const { program, plan } = input;
  const stageIndex = program.stages.findIndex((s) => s.id === plan.currentStageId);
  const stage = program.stages[stageIndex];
  if (!stage) {
    throw new EngineInputError(
      `plan's current stage '${plan.currentStageId}' is not a stage of program '${program.id}' v${program.version}`,
    );
  }
  const today = toDayNumber(input.today);
  const { logs, days, futureLogs } = indexLogs(input.logs, today);
  const measurementDays = input.measurements.map((m) => toDayNumber(m.date));
  const signoffDays = input.signoffs.map((s) => toDayNumber(s.date));
  const involvedSide = plan.involvedSide === "left" || plan.involvedSide === "right" ? plan.involvedSide : null;
  const stageFirstDay = toDayNumber(firstStageDay(plan));
  return {
    input,
    program,
    stage,
    stageIndex,
    today,
    planStart: toDayNumber(plan.startDate),
    stageEntered: toDayNumber(plan.stageEnteredOn),
    stageFirstDay,
    prescription: input.dose?.prescription ?? stage.prescription,
    doseFirstDay: input.dose ? Math.max(stageFirstDay, toDayNumber(input.dose.since)) : stageFirstDay,
    lastRegress: optionalDay(plan.lastRegressOn),
    injury: optionalDay(plan.injuryDate),
    surgery: optionalDay(plan.surgeryDate),
    logs,
    days,
    measurementDays,
    signoffDays,
    involvedSide,
    uninvolvedSide: involvedSide === "left" ? "right" : involvedSide === "right" ? "left" : null,
    futureIgnored: futureLogs + countAfter(today, measurementDays) + countAfter(today, signoffDays),
  };
}

/**
 * The logs dated on or before today in day order, one per day, with their day numbers. Logs usually arrive that way
 * and are then used as they are; otherwise the future ones are left out, the rest sorted (stably) by day, and the
 * last entry of each day kept: it is an edit.
 */
function indexLogs(
  all: readonly DailyLogFact[],
  today: number,
): { logs: readonly DailyLogFact[]; days: number[]; futureLogs: number } {
  const allDays = all.map((log) => toDayNumber(log.date));
  let usable = true;
  for (let i = 0; i < allDays.length && usable; i++) {
    usable = allDays[i]! <= today && (i === 0 || allDays[i]! > allDays[i - 1]!);
  }
  if (usable) return { logs: all, days: allDays, futureLogs: 0 };

  const kept = allDays.map((_, i) => i).filter((i) => allDays[i]! <= today);
  kept.sort((a, b) => allDays[a]! - allDays[b]! || a - b);
  const logs: DailyLogFact[] = [];
  const days: number[] = [];
  for (const i of kept) {
    const last = days.length - 1;
    if (last >= 0 && days[last] === allDays[i]) logs[last] = all[i]!;
    else {
      logs.push(all[i]!);
      days.push(allDays[i]!);
    }
  }
  return { logs, days, futureLogs: allDays.length - kept.length };
}

/** Index of the first log dated on or after `day` (logs.length when none): a binary search over the days. */
export function firstLogFrom(ctx: EvalContext, day: number): number {
  const { days } = ctx;
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index just past the last log dated on or before `day`. */
export function endLogAt(ctx: EvalContext, day: number): number {
  if (day >= ctx.today) return ctx.days.length;
  return firstLogFrom(ctx, day + 1);
}

/** The log of the day after logs[i], if there is one (the next-morning report of logs[i]'s session). */
export function nextMorningOf(ctx: EvalContext, i: number): DailyLogFact | undefined {
  return i + 1 < ctx.days.length && ctx.days[i + 1] === ctx.days[i]! + 1 ? ctx.logs[i + 1] : undefined;
}
