/**
 * Capacity measures: an absolute value, a limb symmetry index, or a change from the first measurement.
 * LSI = involved ÷ uninvolved × 100; for timed tests (lowerIsBetter) it is inverted to uninvolved ÷ involved × 100
 * so that 100 % still means "as good as the other leg" and higher is still better. Both sides must have been
 * measured on the same day (a fair comparison); the latest such day is used.
 */
import { fmt, requirementWords, tidy } from "../compare";
import { fromDayNumber } from "../dates";
import type { EvalContext } from "../context";
import type { CapacityCriterion } from "../schema";
import type { Check, CheckRole } from "../types";
import { capitalise, clinicianSentence, CompiledCriterion, onBoundary, patientSentence, statusOf, symbolic, type EvalOut } from "./common";
import { limbSeries, measurementsInScope } from "./measures";
import { measureName as measureWords } from "../measure-names";

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
    const modeText = c.mode === "lsi" ? "limb symmetry" : c.mode === "change_from_baseline" ? "change from first test" : c.side === "uninvolved" ? "uninvolved side" : "involved side";
    super(
      c,
      role,
      ruleId,
      c.label ?? `${capitalise(measureWords(c.measure))} ${modeText}${lowerIsBetter && c.mode === "lsi" ? " (timed, inverted)" : ""} ${symbolic(c.comparator, `${fmt(c.threshold)}${u}`)}`,
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
    const rows = measurementsInScope(ctx, this.role, c.measure, c.scope ?? "plan", c.maxAgeDays);
    let observed: number;
    if (c.mode === "lsi") {
      const inv = ctx.involvedSide;
      const uninv = ctx.uninvolvedSide;
      if (!inv || !uninv) return this.noData(out, `limb symmetry needs one involved side (plan: '${ctx.input.plan.involvedSide}')`);
      // The latest day with both sides measured; the later entry of a side on one day stands.
      let pair: { day: number; involved: number; uninvolved: number } | null = null;
      for (let i = rows.length - 1; i >= 0 && !pair; ) {
        const day = rows[i]!.day;
        let involved: number | undefined;
        let uninvolved: number | undefined;
        for (; i >= 0 && rows[i]!.day === day; i--) {
          const r = rows[i]!;
          if (r.side === inv) involved ??= r.value;
          else if (r.side === uninv) uninvolved ??= r.value;
        }
        if (involved !== undefined && uninvolved !== undefined) pair = { day, involved, uninvolved };
      }
      if (!pair) return this.noData(out, `both legs tested for ${this.measureWords} on the same day${this.ageText}`);
      const numerator = lowerIsBetter ? pair.uninvolved : pair.involved;
      const denominator = lowerIsBetter ? pair.involved : pair.uninvolved;
      if (denominator === 0) return this.noData(out, `a non-zero ${lowerIsBetter ? "involved" : "uninvolved"} value for the symmetry index`);
      observed = tidy((numerator / denominator) * 100);
      out.params = { mode: "lsi", day: pair.day, involvedSide: inv, involved: pair.involved, uninvolved: pair.uninvolved };
    } else {
      const series = limbSeries(ctx, rows, c.side ?? "involved", lowerIsBetter);
      if (!series.rows || series.rows.length === 0) {
        return this.noData(out, series.rows === null ? `${this.measureWords}: ${series.missing}${this.ageText}` : `${this.measureWords}${this.ageText}`);
      }
      const latest = series.rows[series.rows.length - 1]!;
      if (c.mode === "absolute") {
        observed = latest.value;
        out.params = { mode: "absolute", day: latest.day, note: series.note };
      } else {
        const baseline = series.rows[0]!;
        if (baseline.day === latest.day) return this.noData(out, `a second ${this.measureWords} test after the first (${fromDayNumber(baseline.day)})`);
        observed = tidy(latest.value - baseline.value);
        out.params = { mode: "change", baseDay: baseline.day, baseValue: baseline.value, day: latest.day, value: latest.value, note: series.note };
      }
    }
    out.boundary = onBoundary(observed, c.comparator, c.threshold);
    return this.check(observed, c.threshold, c.comparator, this.unit, statusOf(observed, c.comparator, c.threshold));
  }

  protected sentences(k: Check, p: CapacityParams): void {
    const { role, label, subject, requirement, symbolicRequirement } = this;
    if (k.status === "no_data" || !p) {
      const missing = k.missing!;
      k.patientText = patientSentence({ role, status: "no_data", subject, requirement, missing });
      k.clinicianText = clinicianSentence({ role, status: "no_data", label, requirement: symbolicRequirement, missing });
      return;
    }
    let detail: string;
    if (p.mode === "lsi") {
      detail = `${fromDayNumber(p.day)}: involved (${p.involvedSide}) ${fmt(p.involved)}, uninvolved ${fmt(p.uninvolved)}${this.lowerIsBetter ? "; timed test, LSI = uninvolved ÷ involved × 100" : "; LSI = involved ÷ uninvolved × 100"}.`;
    } else if (p.mode === "absolute") {
      detail = `Measured ${fromDayNumber(p.day)}${p.note ? ` (${p.note})` : ""}.`;
    } else {
      detail = `${fmt(p.baseValue)} on ${fromDayNumber(p.baseDay)} → ${fmt(p.value)} on ${fromDayNumber(p.day)}${p.note ? ` (${p.note})` : ""}.`;
    }
    const obsText = `${fmt(k.observed as number)}${this.u}`;
    k.patientText = patientSentence({ role, status: k.status, subject, observed: obsText, requirement });
    k.clinicianText = clinicianSentence({ role, status: k.status, label, observed: obsText, requirement: symbolicRequirement, detail });
  }
}
