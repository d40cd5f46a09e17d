/**
 * The evaluation context: the input indexed once (dates turned into day numbers, logs by day, measurements by
 * measure) so that every criterion reads pre-computed facts instead of rescanning the history. Rules stay data;
 * this is the "compute rolling facts before rules run" step.
 */
import { toDayNumber } from "./dates";
import type { Program, Stage } from "./schema";
import type { DailyLogFact, EvaluationInput, MeasurementFact } from "./types";

export interface LogRow {
  day: number;
  log: DailyLogFact;
}

export interface MeasurementRow {
  day: number;
  side: "left" | "right" | null;
  value: number;
}

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
  /** Logs dated on or before today, ascending, one per day (a later duplicate replaces an earlier one). */
  logs: LogRow[];
  /** Logs with a session done or partly done, ascending. */
  sessions: LogRow[];
  /** Measurements dated on or before today, grouped by measure, ascending by day (input order within a day). */
  measurements: Map<string, MeasurementRow[]>;
  /** Sign-off days by item, ascending. */
  signoffs: Map<string, number[]>;
  involvedSide: "left" | "right" | null;
  uninvolvedSide: "left" | "right" | null;
  /** Logs and measurements ignored because they are dated after today. */
  futureIgnored: number;
  /** Lookup of a log by day number. */
  logAt(day: number): DailyLogFact | undefined;
}

const optionalDay = (date: string | null | undefined): number | null => (date ? toDayNumber(date) : null);

/** Day-indexed lookup as a class (one prototype method instead of a closure per evaluation). */
class LogIndex {
  constructor(
    private readonly firstDay: number,
    private readonly lastDay: number,
    private readonly byDay: (DailyLogFact | undefined)[],
  ) {}
  at(day: number): DailyLogFact | undefined {
    return day >= this.firstDay && day <= this.lastDay ? this.byDay[day - this.firstDay] : undefined;
  }
}

/** Rows sorted by day (stable), without sorting when they already are (the usual case: the app loads in order). */
function sortedByDay<T extends { day: number }>(rows: T[]): T[] {
  for (let i = 1; i < rows.length; i++) {
    if (rows[i]!.day < rows[i - 1]!.day) return rows.sort(byDayAscending);
  }
  return rows;
}

function byDayAscending(a: { day: number }, b: { day: number }): number {
  return a.day - b.day;
}

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
  let futureIgnored = 0;

  // Logs: keep <= today, in day order, one per day (a later entry for the same day is an edit and replaces it).
  const rows: LogRow[] = [];
  for (const log of input.logs) {
    const day = toDayNumber(log.date);
    if (day > today) futureIgnored++;
    else rows.push({ day, log });
  }
  sortedByDay(rows);
  let logs = rows;
  for (let i = 1; i < rows.length; i++) {
    if (rows[i]!.day === rows[i - 1]!.day) {
      logs = [];
      for (const row of rows) {
        if (logs.length > 0 && logs[logs.length - 1]!.day === row.day) logs[logs.length - 1] = row;
        else logs.push(row);
      }
      break;
    }
  }
  const firstDay = logs.length > 0 ? logs[0]!.day : today;
  const byDay: (DailyLogFact | undefined)[] = new Array<DailyLogFact | undefined>(today - firstDay + 1).fill(undefined);
  const sessions: LogRow[] = [];
  for (const row of logs) {
    byDay[row.day - firstDay] = row.log;
    if (row.log.sessionDone !== "none") sessions.push(row);
  }
  const index = new LogIndex(firstDay, today, byDay);

  const measurements = new Map<string, MeasurementRow[]>();
  for (const m of input.measurements) {
    const day = toDayNumber(m.date);
    if (day > today) {
      futureIgnored++;
      continue;
    }
    let list = measurements.get(m.measure);
    if (!list) measurements.set(m.measure, (list = []));
    list.push({ day, side: m.side ?? null, value: m.value });
  }
  for (const list of measurements.values()) sortedByDay(list);

  const signoffs = new Map<string, number[]>();
  for (const s of input.signoffs) {
    const day = toDayNumber(s.date);
    if (day > today) {
      futureIgnored++;
      continue;
    }
    let list = signoffs.get(s.itemId);
    if (!list) signoffs.set(s.itemId, (list = []));
    list.push(day);
  }
  for (const list of signoffs.values()) list.sort((a, b) => a - b);

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
    logs,
    sessions,
    measurements,
    signoffs,
    involvedSide,
    uninvolvedSide: involvedSide === "left" ? "right" : involvedSide === "right" ? "left" : null,
    futureIgnored,
    logAt: index.at.bind(index),
  };
}
