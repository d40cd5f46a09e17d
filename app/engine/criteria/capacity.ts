/**
 * Capacity measures: an absolute value, a limb symmetry index, or a change from the first measurement.
 * LSI = involved ÷ uninvolved × 100; for timed tests (lowerIsBetter) it is inverted to uninvolved ÷ involved × 100
 * so that 100 % still means "as good as the other leg" and higher is still better (limbSymmetryIndex, symmetry.ts,
 * which the app's charts and "Try it" use too). Both sides must have been
 * measured on the same day (a fair comparison); the latest such day is used.
 */
import { fmt, requirementWords, tidy } from "../compare";
import { fromDayNumber } from "../dates";
import type { EvalContext } from "../context";
import type { CapacityCriterion } from "../schema";
import type { Check, CheckRole } from "../types";
import {
  capitalise,
  clinicianSentence,
  CompiledCriterion,
  onBoundary,
  patientSentence,
  statusOf,
  symbolic,
  type EvalOut,
} from "./common";
import { limbSeries, measurementsInScope } from "./measures";
import { firstDayInScope } from "../windows";
import { measureName as measureWords } from "../measure-names";
import { limbSymmetryIndex } from "../symmetry";

/** The measurements the clinician's sentence quotes. */
type CapacityParams =
  | { mode: "lsi"; day: number; involvedSide: string; involved: number; uninvolved: number }
  | { mode: "absolute"; day: number; note: string | undefined }
  | { mode: "change"; baseDay: number; baseValue: number; day: number; value: number; note: string | undefined }
  | null;

export class CompiledCapacity extends CompiledCriterion<CapacityParams> {
  private readonly lowerIsBetter: boolean;
  private readonly unit: string | undefined;
  private readonly u: string;
  private readonly subject: string;
  private readonly requirement: string;
  private readonly symbolicRequirement: string;
  private readonly ageText: string;
  private readonly measureWords: string;

  constructor(
    private readonly c: CapacityCriterion,
    role: CheckRole,
    ruleId?: string,
  ) {
    const lowerIsBetter = c.lowerIsBetter ?? false;
    const unit = c.mode === "lsi" ? "%" : c.unit;
    const u = unit ? (unit === "%" ? "%" : ` ${unit}`) : "";
    const modeText =
      c.mode === "lsi"
        ? "limb symmetry"
        : c.mode === "change_from_baseline"
          ? "change from first test"
          : c.side === "uninvolved"
            ? "uninvolved side"
            : "involved side";
    super(
      c,
      role,
      ruleId,
      c.label ??
        `${capitalise(measureWords(c.measure))} ${modeText}${lowerIsBetter && c.mode === "lsi" ? " (timed, inverted)" : ""} ${symbolic(c.comparator, `${fmt(c.threshold)}${u}`)}`,
    );
    this.lowerIsBetter = lowerIsBetter;
    this.unit = unit;
    this.u = u;
    this.measureWords = measureWords(c.measure);
    this.requirement = requirementWords(c.comparator, `${fmt(c.threshold)}${u}`);
    this.subject =
      c.mode === "lsi"
        ? `your ${this.measureWords} compared with your other leg`
        : c.mode === "change_from_baseline"
          ? `the change in your ${this.measureWords} since your first test`
          : `your ${this.measureWords}`;
    this.ageText = c.maxAgeDays !== undefined ? ` in the last ${c.maxAgeDays} days` : "";
    this.symbolicRequirement = symbolic(c.comparator, `${fmt(c.threshold)}${u}`);
  }

  private noData(out: EvalOut, missing: string): Check {
    out.params = null;
    return this.check(null, this.c.threshold, this.c.comparator, this.unit, "no_data", missing);
  }

  evaluate(ctx: EvalContext, out: EvalOut): Check {
    const { c, lowerIsBetter } = this;
    out.boundary = false;
    let observed: number;
    if (c.mode === "lsi") {
      const inv = ctx.involvedSide;
      const uninv = ctx.uninvolvedSide;
      if (!inv || !uninv)
        return this.noData(out, `limb symmetry needs one involved side (plan: '${ctx.input.plan.involvedSide}')`);
      const pair = latestPair(ctx, this.role, c, inv, uninv);
      if (!pair) return this.noData(out, `both legs tested for ${this.measureWords} on the same day${this.ageText}`);
      const lsi = limbSymmetryIndex(pair.involved, pair.uninvolved, lowerIsBetter);
      if (lsi === null)
        return this.noData(out, `a non-zero ${lowerIsBetter ? "involved" : "uninvolved"} value for the symmetry index`);
      observed = lsi;
      out.params = {
        mode: "lsi",
        day: pair.day,
        involvedSide: inv,
        involved: pair.involved,
        uninvolved: pair.uninvolved,
      };
    } else {
      const rows = measurementsInScope(ctx, this.role, c.measure, c.scope ?? "plan", c.maxAgeDays);
      const series = limbSeries(ctx, rows, c.side ?? "involved", lowerIsBetter);
      if (!series.rows || series.rows.length === 0) {
        return this.noData(
          out,
          series.rows === null
            ? `${this.measureWords}: ${series.missing}${this.ageText}`
            : `${this.measureWords}${this.ageText}`,
        );
      }
      const latest = series.rows[series.rows.length - 1]!;
      if (c.mode === "absolute") {
        observed = latest.value;
        out.params = { mode: "absolute", day: latest.day, note: series.note };
      } else {
        const baseline = series.rows[0]!;
        if (baseline.day === latest.day)
          return this.noData(
            out,
            `a second ${this.measureWords} test after the first (${fromDayNumber(baseline.day)})`,
          );
        observed = tidy(latest.value - baseline.value);
        out.params = {
          mode: "change",
          baseDay: baseline.day,
          baseValue: baseline.value,
          day: latest.day,
          value: latest.value,
          note: series.note,
        };
      }
    }
    out.boundary = onBoundary(observed, c.comparator, c.threshold);
    return this.check(observed, c.threshold, c.comparator, this.unit, statusOf(observed, c.comparator, c.threshold));
  }

  protected patient(k: Check): string {
    const { role, subject, requirement } = this;
    if (k.status === "no_data")
      return patientSentence({ role, status: "no_data", subject, requirement, missing: k.missing! });
    return patientSentence({
      role,
      status: k.status,
      subject,
      observed: `${fmt(k.observed as number)}${this.u}`,
      requirement,
    });
  }

  protected clinician(k: Check, p: CapacityParams): string {
    const { role, label, symbolicRequirement } = this;
    if (k.status === "no_data" || !p)
      return clinicianSentence({
        role,
        status: "no_data",
        label,
        requirement: symbolicRequirement,
        missing: k.missing!,
      });
    let detail: string;
    if (p.mode === "lsi") {
      detail = `${fromDayNumber(p.day)}: involved (${p.involvedSide}) ${fmt(p.involved)}, uninvolved ${fmt(p.uninvolved)}${this.lowerIsBetter ? "; timed test, LSI = uninvolved ÷ involved × 100" : "; LSI = involved ÷ uninvolved × 100"}.`;
    } else if (p.mode === "absolute") {
      detail = `Measured ${fromDayNumber(p.day)}${p.note ? ` (${p.note})` : ""}.`;
    } else {
      detail = `${fmt(p.baseValue)} on ${fromDayNumber(p.baseDay)} → ${fmt(p.value)} on ${fromDayNumber(p.day)}${p.note ? ` (${p.note})` : ""}.`;
    }
    return clinicianSentence({
      role,
      status: k.status,
      label,
      observed: `${fmt(k.observed as number)}${this.u}`,
      requirement: symbolicRequirement,
      detail,
    });
  }
}

/**
 * The latest day in scope on which both sides were measured, with each side's value that day (a later entry the
 * same day stands). When the measure's entries are in day order (the usual case) they are read in place, from the
 * end; otherwise they are gathered and sorted first.
 */
function latestPair(
  ctx: EvalContext,
  role: CheckRole,
  c: CapacityCriterion,
  inv: "left" | "right",
  uninv: "left" | "right",
): { day: number; involved: number; uninvolved: number } | null {
  let first = firstDayInScope(ctx, role, c.scope ?? "plan");
  if (c.maxAgeDays !== undefined) first = Math.max(first, ctx.today - c.maxAgeDays);
  const ms = ctx.input.measurements;
  const mdays = ctx.measurementDays;
  const today = ctx.today;
  let previous = -Infinity;
  let ordered = true;
  for (let i = 0; i < ms.length && ordered; i++) {
    const day = mdays[i]!;
    if (day < first || day > today || ms[i]!.measure !== c.measure) continue;
    if (day < previous) ordered = false;
    previous = day;
  }
  if (!ordered) {
    const rows = measurementsInScope(ctx, role, c.measure, c.scope ?? "plan", c.maxAgeDays);
    for (let i = rows.length - 1; i >= 0;) {
      const day = rows[i]!.day;
      let involved: number | undefined;
      let uninvolved: number | undefined;
      for (; i >= 0 && rows[i]!.day === day; i--) {
        const r = rows[i]!;
        if (r.side === inv) involved ??= r.value;
        else if (r.side === uninv) uninvolved ??= r.value;
      }
      if (involved !== undefined && uninvolved !== undefined) return { day, involved, uninvolved };
    }
    return null;
  }
  // In day order: walk back one day at a time; within a day the first entry met from the end is the later one.
  let day = NaN;
  let involved: number | undefined;
  let uninvolved: number | undefined;
  for (let i = ms.length - 1; i >= 0; i--) {
    const d = mdays[i]!;
    if (d < first || d > today) continue;
    const m = ms[i]!;
    if (m.measure !== c.measure) continue;
    if (d !== day) {
      if (involved !== undefined && uninvolved !== undefined) return { day, involved, uninvolved };
      day = d;
      involved = undefined;
      uninvolved = undefined;
    }
    const side = m.side ?? null;
    if (side === inv) involved ??= m.value;
    else if (side === uninv) uninvolved ??= m.value;
  }
  return involved !== undefined && uninvolved !== undefined ? { day, involved, uninvolved } : null;
}
