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
  isOnBoundary,
  patientSentence,
  statusOf,
  symbolic,
  type Evaluation,
} from "./common";
import { limbSeries, measurementsInScope, type MeasurementRow } from "./measures";
import { measureName as measureWords } from "../measure-names";
import { limbSymmetryIndex } from "../symmetry";

/** The measurements the clinician's sentence quotes (null: no data). */
type CapacityDetails =
  | { mode: "lsi"; day: number; involvedSide: string; involved: number; uninvolved: number }
  | { mode: "absolute"; day: number; note: string | undefined }
  | { mode: "change"; baseDay: number; baseValue: number; day: number; value: number; note: string | undefined }
  | null;

export class CompiledCapacity extends CompiledCriterion<CapacityDetails> {
  private readonly lowerIsBetter: boolean;
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
      { threshold: c.threshold, comparator: c.comparator, unit },
    );
    this.lowerIsBetter = lowerIsBetter;
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

  evaluate(ctx: EvalContext): Evaluation {
    const { c, lowerIsBetter } = this;
    let observed: number;
    let details: CapacityDetails;
    if (c.mode === "lsi") {
      const inv = ctx.involvedSide;
      const uninv = ctx.uninvolvedSide;
      if (!inv || !uninv)
        return this.noData(`limb symmetry needs one involved side (plan: '${ctx.input.plan.involvedSide}')`, null);
      const rows = measurementsInScope(ctx, this.role, c.measure, c.scope ?? "plan", c.maxAgeDays);
      const pair = latestPair(rows, inv, uninv);
      if (!pair) return this.noData(`both legs tested for ${this.measureWords} on the same day${this.ageText}`, null);
      const lsi = limbSymmetryIndex(pair.involved, pair.uninvolved, lowerIsBetter);
      if (lsi === null)
        return this.noData(
          `a non-zero ${lowerIsBetter ? "involved" : "uninvolved"} value for the symmetry index`,
          null,
        );
      observed = lsi;
      details = { mode: "lsi", involvedSide: inv, ...pair };
    } else {
      const rows = measurementsInScope(ctx, this.role, c.measure, c.scope ?? "plan", c.maxAgeDays);
      const series = limbSeries(ctx, rows, c.side ?? "involved", lowerIsBetter);
      if (!series.rows || series.rows.length === 0) {
        const missing =
          series.rows === null
            ? `${this.measureWords}: ${series.missing}${this.ageText}`
            : `${this.measureWords}${this.ageText}`;
        return this.noData(missing, null);
      }
      const latest = series.rows[series.rows.length - 1]!;
      if (c.mode === "absolute") {
        observed = latest.value;
        details = { mode: "absolute", day: latest.day, note: series.note };
      } else {
        const baseline = series.rows[0]!;
        if (baseline.day === latest.day)
          return this.noData(
            `a second ${this.measureWords} test after the first (${fromDayNumber(baseline.day)})`,
            null,
          );
        observed = tidy(latest.value - baseline.value);
        details = {
          mode: "change",
          baseDay: baseline.day,
          baseValue: baseline.value,
          day: latest.day,
          value: latest.value,
          note: series.note,
        };
      }
    }
    const status = statusOf(observed, c.comparator, c.threshold);
    return this.measured(observed, status, details, isOnBoundary(observed, c.comparator, c.threshold));
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

  protected clinician(k: Check, p: CapacityDetails): string {
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
 * The latest day on which both sides were measured, with each side's value that day (the later entry of a side on
 * one day stands). `rows` are in day order, input order within a day.
 */
function latestPair(
  rows: MeasurementRow[],
  inv: "left" | "right",
  uninv: "left" | "right",
): { day: number; involved: number; uninvolved: number } | null {
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
