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
  const loads = LOADS.fill(0);
  const running = RUNNING.fill(0);
  const { days, logs } = ctx;
  for (let i = firstLogFrom(ctx, from), end = ctx.n; i < end; i++) {
    const log = logs[i]!;
    loads[days[i]! - from] = dailyLoad(log);
    running[days[i]! - from] = log.runningMinutes ?? 0;
  }
  const when = windowDates(from);
  const weeks: WeekLoad[] = [];
  for (let w = 0; w < 4; w++) {
    const end = 27 - w * 7; // index of the week's last day
    let total = 0;
    let runningMinutes = 0;
    for (let i = end - 6; i <= end; i++) {
      total += loads[i]!;
      runningMinutes += running[i]!;
    }
    const mean = total / 7;
    let variance = 0;
    for (let i = end - 6; i <= end; i++) variance += (loads[i]! - mean) ** 2;
    const sd = Math.sqrt(variance / 7);
    const monotony = sd > 0 ? mean / sd : null;
    weeks.push({
      weekEnding: when[end]!,
      total: round2(total),
      monotony: monotony === null ? null : round2(monotony),
      strain: monotony === null ? null : round2(total * monotony),
      runningMinutes: round2(runningMinutes),
    });
  }
  const daily: { date: string; load: number }[] = [];
  for (let i = 0; i < 28; i++) daily.push({ date: when[i]!, load: round2(loads[i]!) });
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

const NOTE =
  "Information only: session-RPE load (RPE × minutes), monotony, strain and ACWR never trigger a regress. ACWR is contested (Impellizzeri 2020).";
