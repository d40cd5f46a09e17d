/**
 * Training-load figures (Foster 2001 session-RPE; Gabbett 2016 ACWR). Reported as information only: the ACWR in
 * particular is strongly criticised (Lolli 2019, Impellizzeri 2020), so nothing here ever triggers a regress.
 *
 * Daily load = session RPE (CR-10) × session minutes + Σ other activities' RPE × minutes, in arbitrary units.
 * Weeks are 7-day blocks counted back from today (not calendar weeks), so the latest week is always complete.
 */
import { fromDayNumber } from "./dates";
import { firstLogFrom, type EvalContext } from "./context";
import type { DailyLogFact, LoadSummary, WeekLoad } from "./types";

const round2 = (x: number) => Math.round(x * 100) / 100;

export function dailyLoad(log: DailyLogFact): number {
  let load = 0;
  if (log.sessionRpe != null && log.sessionMinutes != null) load += log.sessionRpe * log.sessionMinutes;
  if (log.otherActivities) for (const a of log.otherActivities) load += a.rpe * a.minutes;
  return load;
}

/** Daily loads and running minutes of the 28 days, reused by every evaluation (copied out into the result). */
const LOADS = new Float64Array(28);
const RUNNING = new Float64Array(28);

/** The 28 date strings of the window ending on the last `today` seen (a caseload shares "today"). */
let datesFrom = NaN;
let dates: string[] = [];

function windowDates(from: number): string[] {
  if (from !== datesFrom) {
    dates = Array.from({ length: 28 }, (_, i) => fromDayNumber(from + i));
    datesFrom = from;
  }
  return dates;
}

export function computeLoad(ctx: EvalContext): LoadSummary {
  const from = ctx.today - 27;
  const { days, logs } = ctx;
  const when = windowDates(from);
  // One pass over the 28 days and the logs among them (at most one per day, in day order).
  const daily = new Array<{ date: string; load: number }>(28);
  let i = firstLogFrom(ctx, from);
  const end = ctx.n;
  for (let d = 0; d < 28; d++) {
    let load = 0;
    let running = 0;
    if (i < end && days[i] === from + d) {
      const log = logs[i++]!;
      load = dailyLoad(log);
      running = log.runningMinutes ?? 0;
    }
    LOADS[d] = load;
    RUNNING[d] = running;
    daily[d] = { date: when[d]!, load: round2(load) };
  }
  const weeks = [week(27, when), week(20, when), week(13, when), week(6, when)];
  const acute = weeks[0]!.total;
  const chronic = round2((weeks[0]!.total + weeks[1]!.total + weeks[2]!.total + weeks[3]!.total) / 4);
  const lastWeekRunning = weeks[1]!.runningMinutes;
  return {
    daily,
    weeks,
    acute,
    chronic,
    acwr: chronic > 0 ? round2(acute / chronic) : null,
    runningChangePercent:
      lastWeekRunning > 0 ? round2(((weeks[0]!.runningMinutes - lastWeekRunning) / lastWeekRunning) * 100) : null,
    note: NOTE,
  };
}

/** The 7-day week whose last day is index `end` of the 28. */
function week(end: number, when: string[]): WeekLoad {
  let total = 0;
  let runningMinutes = 0;
  for (let i = end - 6; i <= end; i++) {
    total += LOADS[i]!;
    runningMinutes += RUNNING[i]!;
  }
  const mean = total / 7;
  let variance = 0;
  for (let i = end - 6; i <= end; i++) variance += (LOADS[i]! - mean) ** 2;
  const sd = Math.sqrt(variance / 7);
  const monotony = sd > 0 ? mean / sd : null;
  return {
    weekEnding: when[end]!,
    total: round2(total),
    monotony: monotony === null ? null : round2(monotony),
    strain: monotony === null ? null : round2(total * monotony),
    runningMinutes: round2(runningMinutes),
  };
}

const NOTE =
  "Information only: session-RPE load (RPE × minutes), monotony, strain and ACWR never trigger a regress. ACWR is contested (Impellizzeri 2020).";
