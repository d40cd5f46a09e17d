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

export function computeLoad(ctx: EvalContext): LoadSummary {
  const from = ctx.today - 27;
  // Each of the 28 days' load and running minutes, oldest first; 0 for a day without a log.
  const loads: number[] = [];
  const running: number[] = [];
  let i = firstLogFrom(ctx, from); // logs are one per day, in day order
  for (let day = from; day <= ctx.today; day++) {
    const log = ctx.days[i] === day ? ctx.logs[i++] : undefined;
    loads.push(log ? dailyLoad(log) : 0);
    running.push(log?.runningMinutes ?? 0);
  }
  // The weeks end today and 7, 14 and 21 days before (their last day's index in the 28).
  const weeks = [27, 20, 13, 6].map((last) => week(fromDayNumber(from + last), loads, running, last - 6, last));
  const acute = weeks[0]!.total;
  const chronic = round2((weeks[0]!.total + weeks[1]!.total + weeks[2]!.total + weeks[3]!.total) / 4);
  const lastWeekRunning = weeks[1]!.runningMinutes;
  return {
    daily: loads.map((load, d) => ({ date: fromDayNumber(from + d), load: round2(load) })),
    weeks,
    acute,
    chronic,
    acwr: chronic > 0 ? round2(acute / chronic) : null,
    runningChangePercent:
      lastWeekRunning > 0 ? round2(((weeks[0]!.runningMinutes - lastWeekRunning) / lastWeekRunning) * 100) : null,
    note: NOTE,
  };
}

/** The figures of the week made of days first … last of the daily loads and running minutes. */
function week(weekEnding: string, loads: number[], running: number[], first: number, last: number): WeekLoad {
  let total = 0;
  let runningMinutes = 0;
  for (let d = first; d <= last; d++) {
    total += loads[d]!;
    runningMinutes += running[d]!;
  }
  const mean = total / 7;
  let variance = 0;
  for (let d = first; d <= last; d++) variance += (loads[d]! - mean) ** 2;
  const sd = Math.sqrt(variance / 7);
  const monotony = sd > 0 ? mean / sd : null;
  return {
    weekEnding,
    total: round2(total),
    monotony: monotony === null ? null : round2(monotony),
    strain: monotony === null ? null : round2(total * monotony),
    runningMinutes: round2(runningMinutes),
  };
}

const NOTE =
  "Information only: session-RPE load (RPE × minutes), monotony, strain and ACWR never trigger a regress. ACWR is contested (Impellizzeri 2020).";
