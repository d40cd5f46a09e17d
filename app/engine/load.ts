/**
 * Training-load figures (Foster 2001 session-RPE; Gabbett 2016 ACWR). Reported as information only: the ACWR in
 * particular is strongly criticised (Lolli 2019, Impellizzeri 2020), so nothing here ever triggers a regress.
 *
 * Daily load = session RPE (CR-10) × session minutes + Σ other activities' RPE × minutes, in arbitrary units.
 * Weeks are 7-day blocks counted back from today (not calendar weeks), so the latest week is always complete.
 */
import { fromDayNumber } from "./dates";
import type { EvalContext } from "./context";
import { logsBetween } from "./windows";
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
  const loads = new Array<number>(28).fill(0);
  const running = new Array<number>(28).fill(0);
  for (const row of logsBetween(ctx, from, ctx.today)) {
    loads[row.day - from] = dailyLoad(row.log);
    running[row.day - from] = row.log.runningMinutes ?? 0;
  }
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
      weekEnding: fromDayNumber(from + end),
      total: round2(total),
      monotony: monotony === null ? null : round2(monotony),
      strain: monotony === null ? null : round2(total * monotony),
      runningMinutes: round2(runningMinutes),
    });
  }
  const acute = weeks[0]!.total;
  const chronic = round2(weeks.reduce((s, w) => s + w.total, 0) / 4);
  const lastWeekRunning = weeks[1]!.runningMinutes;
  return {
    daily: loads.map((load, i) => ({ date: fromDayNumber(from + i), load: round2(load) })),
    weeks,
    acute,
    chronic,
    acwr: chronic > 0 ? round2(acute / chronic) : null,
    runningChangePercent:
      lastWeekRunning > 0 ? round2(((weeks[0]!.runningMinutes - lastWeekRunning) / lastWeekRunning) * 100) : null,
    note: "Information only: session-RPE load (RPE × minutes), monotony, strain and ACWR never trigger a regress. ACWR is contested (Impellizzeri 2020).",
  };
}
