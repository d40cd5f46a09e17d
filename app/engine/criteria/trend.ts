/**
 * Week-on-week trend: the mean of a pain metric over the last 7 days (today included) against the 7 days before.
 * Rise = this week's mean − last week's mean. 'not_rising' (gate) is met when rise ≤ maxRise; 'rising' (regress)
 * when rise > maxRise. Values are taken by the date they were logged (a whole week either way).
 */
import { fmt, tidy } from "../compare";
import { DEFAULTS } from "../defaults";
import { endLogAt, firstLogFrom, type EvalContext } from "../context";
import type { TrendCriterion } from "../schema";
import type { Check, CheckRole } from "../types";
import { firstDayInScope, painValueOf } from "../windows";
import { clinicianSentence, CompiledCriterion, patientSentence, type Evaluation } from "./common";
import { painMetricLabel, painSubject } from "./pain-words";

/** A week's values of the metric: their sum and how many there were (the mean is sum ÷ count, as evaluated). */
interface WeekValues {
  sum: number;
  count: number;
}

const mean = (week: WeekValues) => (week.count > 0 ? week.sum / week.count : 0);

export class CompiledTrend extends CompiledCriterion<{ lastWeek: WeekValues; thisWeek: WeekValues }> {
  private readonly maxRise: number;
  private readonly notRising: boolean;
  private readonly minPerWeek: number;
  private readonly subject: string;
  private readonly symbolicRequirement: string;
  private readonly requirement: string;

  constructor(
    private readonly c: TrendCriterion,
    role: CheckRole,
    ruleId?: string,
  ) {
    const maxRise = c.maxRise ?? DEFAULTS.maxRise;
    const expect = c.expect ?? "not_rising";
    super(
      c,
      role,
      ruleId,
      c.label ??
        `${painMetricLabel(c.metric, c.test)} week-on-week ${expect === "not_rising" ? "not rising" : "rising"} (rise ${expect === "not_rising" ? "≤" : ">"} ${fmt(maxRise)})`,
      { threshold: maxRise, comparator: expect === "not_rising" ? "lte" : "gt", unit: "points" },
      { threshold: maxRise, comparator: expect === "not_rising" ? "lte" : "gt" },
    );
    this.maxRise = maxRise;
    this.notRising = expect === "not_rising";
    this.minPerWeek = c.minSamplesPerWeek ?? DEFAULTS.minSamplesPerWeek;
    this.subject = `your ${painSubject(c.metric, c.test)} this week compared with last week`;
    this.symbolicRequirement = `${expect === "not_rising" ? "rise ≤" : "rise >"} ${fmt(maxRise)}`;
    this.requirement = expect === "not_rising" ? "not higher than last week" : "higher than last week";
  }

  evaluate(ctx: EvalContext): Evaluation {
    const { c, maxRise } = this;
    const first = firstDayInScope(ctx, this.role, c.scope ?? "plan");
    const thisWeek = this.valuesIn(ctx, Math.max(ctx.today - 6, first), ctx.today);
    const lastWeek = this.valuesIn(ctx, Math.max(ctx.today - 13, first), ctx.today - 7);
    const details = { lastWeek, thisWeek };
    if (thisWeek.count < this.minPerWeek || lastWeek.count < this.minPerWeek) {
      const missing = `at least ${this.minPerWeek} ${painSubject(c.metric, c.test)} scores in each of the last two weeks (have ${lastWeek.count} and ${thisWeek.count})`;
      return this.noData(missing, details);
    }
    const rise = tidy(mean(thisWeek) - mean(lastWeek));
    const rising = rise > maxRise;
    const met = this.notRising ? !rising : rising;
    return this.measured(rise, met ? "met" : "not_met", details, rise === maxRise && maxRise > 0);
  }

  /** The sum and number of the metric's values logged from day `from` to day `to`. */
  private valuesIn(ctx: EvalContext, from: number, to: number): WeekValues {
    const week = { sum: 0, count: 0 };
    if (from > to) return week;
    const { metric, test } = this.c;
    for (let i = firstLogFrom(ctx, from), end = endLogAt(ctx, to); i < end; i++) {
      const v = painValueOf(ctx.logs[i], metric, test);
      if (v !== null) {
        week.sum += v;
        week.count++;
      }
    }
    return week;
  }

  protected patient(k: Check): string {
    const { role, subject, requirement } = this;
    if (k.status === "no_data")
      return patientSentence({ role, status: "no_data", subject, requirement, missing: k.missing! });
    const rise = k.observed as number;
    const observedText =
      rise > 0 ? `up by ${fmt(rise)} points` : rise < 0 ? `down by ${fmt(-rise)} points` : "unchanged";
    return patientSentence({ role, status: k.status, subject, observed: observedText, requirement });
  }

  protected clinician(k: Check, { lastWeek, thisWeek }: { lastWeek: WeekValues; thisWeek: WeekValues }): string {
    const { role, label } = this;
    if (k.status === "no_data")
      return clinicianSentence({
        role,
        status: "no_data",
        label,
        requirement: this.symbolicRequirement,
        missing: k.missing!,
      });
    return clinicianSentence({
      role,
      status: k.status,
      label,
      observed: `weekly mean ${fmt(mean(lastWeek))} → ${fmt(mean(thisWeek))} (rise ${fmt(k.observed as number)})`,
      requirement: this.symbolicRequirement,
      detail: `${lastWeek.count} and ${thisWeek.count} value(s) in the two weeks.`,
    });
  }
}
