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
import { firstDayInScope, PAIN_METRIC_CODE, painValueOf } from "../windows";
import { clinicianSentence, CompiledCriterion, patientSentence, type EvalOut } from "./common";
import { painMetricLabel, painSubject } from "./pain-words";

/** The two weeks' sums and how many values each had (the means are sum ÷ count, as evaluated). */
interface TrendParams {
  lastSum: number;
  thisSum: number;
  lastN: number;
  thisN: number;
}

const mean = (sum: number, n: number) => (n > 0 ? sum / n : 0);

export class CompiledTrend extends CompiledCriterion<TrendParams> {
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
    );
    this.maxRise = maxRise;
    this.notRising = expect === "not_rising";
    this.minPerWeek = c.minSamplesPerWeek ?? DEFAULTS.minSamplesPerWeek;
    this.subject = `your ${painSubject(c.metric, c.test)} this week compared with last week`;
    this.symbolicRequirement = `${expect === "not_rising" ? "rise ≤" : "rise >"} ${fmt(maxRise)}`;
    this.requirement = expect === "not_rising" ? "not higher than last week" : "higher than last week";
  }

  evaluate(ctx: EvalContext, out: EvalOut): Check {
    const { c, maxRise } = this;
    const first = firstDayInScope(ctx, this.role, c.scope ?? "plan");
    const { logs } = ctx;
    const { metric, test } = c;
    const code = PAIN_METRIC_CODE[metric];
    let thisSum = 0;
    let thisN = 0;
    for (let i = firstLogFrom(ctx, Math.max(ctx.today - 6, first)), end = ctx.n; i < end; i++) {
      const v = painValueOf(logs[i], code, test);
      if (v !== null) {
        thisSum += v;
        thisN++;
      }
    }
    let lastSum = 0;
    let lastN = 0;
    const lastFrom = Math.max(ctx.today - 13, first);
    const lastTo = ctx.today - 7;
    if (lastFrom <= lastTo) {
      for (let i = firstLogFrom(ctx, lastFrom), end = endLogAt(ctx, lastTo); i < end; i++) {
        const v = painValueOf(logs[i], code, test);
        if (v !== null) {
          lastSum += v;
          lastN++;
        }
      }
    }
    out.params = { lastSum, thisSum, lastN, thisN };
    out.boundary = false;
    const comparator = this.notRising ? "lte" : "gt";
    if (thisN < this.minPerWeek || lastN < this.minPerWeek) {
      const missing = `at least ${this.minPerWeek} ${painSubject(metric, test)} scores in each of the last two weeks (have ${lastN} and ${thisN})`;
      return this.check(null, maxRise, comparator, undefined, "no_data", missing);
    }
    const rise = tidy(mean(thisSum, thisN) - mean(lastSum, lastN));
    const rising = rise > maxRise;
    out.boundary = rise === maxRise && maxRise > 0;
    return this.check(rise, maxRise, comparator, "points", (this.notRising ? !rising : rising) ? "met" : "not_met");
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

  protected clinician(k: Check, p: TrendParams): string {
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
      observed: `weekly mean ${fmt(mean(p.lastSum, p.lastN))} → ${fmt(mean(p.thisSum, p.thisN))} (rise ${fmt(k.observed as number)})`,
      requirement: this.symbolicRequirement,
      detail: `${p.lastN} and ${p.thisN} value(s) in the two weeks.`,
    });
  }
}
