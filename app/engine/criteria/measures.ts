/**
 * Measurement selection shared by capacity and questionnaire criteria.
 */
import type { EvalContext } from "../context";
import type { Scope } from "../schema";
import type { CheckRole } from "../types";
import { firstDayInScope } from "../windows";

export interface MeasurementRow {
  day: number;
  side: "left" | "right" | null;
  value: number;
}

/** Array.prototype.sort is stable: same-day rows keep their input order. */
const byDay = (a: MeasurementRow, b: MeasurementRow) => a.day - b.day;

/**
 * The measurements of `measure` dated from the scope's first day (and at most maxAgeDays old) to today, ascending
 * by day, input order within a day. Few rows per measure, so they are gathered from the input each time.
 */
export function measurementsInScope(
  ctx: EvalContext,
  role: CheckRole,
  measure: string,
  scope: Scope,
  maxAgeDays: number | undefined,
): MeasurementRow[] {
  let first = firstDayInScope(ctx, role, scope);
  if (maxAgeDays !== undefined) first = Math.max(first, ctx.today - maxAgeDays);
  const ms = ctx.input.measurements;
  const rows: MeasurementRow[] = [];
  for (let i = 0; i < ms.length; i++) {
    const day = ctx.measurementDays[i]!;
    const m = ms[i]!;
    if (day >= first && day <= ctx.today && m.measure === measure)
      rows.push({ day, side: m.side ?? null, value: m.value });
  }
  return rows.sort(byDay);
}

export type SeriesResult = { rows: MeasurementRow[]; note?: string } | { rows: null; missing: string };

/**
 * The one-number-per-day series for a limb. With a single involved side, 'involved' and 'uninvolved' mean that
 * side and the other one (falling back to measurements recorded without a side). With both or no side involved,
 * side-less measurements are used; failing that, each day's worse limb ("judge the weaker side").
 */
export function limbSeries(
  ctx: EvalContext,
  rows: MeasurementRow[],
  limb: "involved" | "uninvolved",
  lowerIsBetter: boolean,
): SeriesResult {
  const sideless = rows.filter((r) => r.side === null);
  const physical = limb === "involved" ? ctx.involvedSide : ctx.uninvolvedSide;
  if (physical) {
    const sided = rows.filter((r) => r.side === physical);
    if (sided.length > 0) return { rows: lastPerDay(sided) };
    if (sideless.length > 0) return { rows: lastPerDay(sideless), note: "recorded without a side" };
    return { rows: null, missing: `a ${physical} (${limb}) measurement` };
  }
  if (limb === "uninvolved") {
    return { rows: null, missing: `an uninvolved limb (the plan's involved side is '${ctx.input.plan.involvedSide}')` };
  }
  if (sideless.length > 0) return { rows: lastPerDay(sideless) };
  if (rows.length === 0) return { rows: null, missing: "a measurement" };
  // Both limbs involved: per day, the worse of the two sides.
  const worst = new Map<number, MeasurementRow>();
  for (const r of rows) {
    const prev = worst.get(r.day);
    if (!prev || (lowerIsBetter ? r.value > prev.value : r.value < prev.value)) worst.set(r.day, r);
  }
  return { rows: [...worst.values()].sort(byDay), note: "weaker limb of each day" };
}

/** When a test is recorded twice the same day, the later entry stands (it corrects or repeats the first). */
function lastPerDay(rows: MeasurementRow[]): MeasurementRow[] {
  const out: MeasurementRow[] = [];
  for (const r of rows) {
    if (out.length > 0 && out[out.length - 1]!.day === r.day) out[out.length - 1] = r;
    else out.push(r);
  }
  return out;
}
