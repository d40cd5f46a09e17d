/**
 * Week-on-week trend: the mean of a pain metric over the last 7 days (today included) against the 7 days before.
 * Rise = this week's mean − last week's mean. The week is rising when rise > maxRise (the rule's tolerance) **and**
 * at least `minRaisedDays` days this week (default 2, ours) were above last week's mean by more than maxRise: one bad
 * morning lifts the mean but does not make a rising week, unless the program sets minRaisedDays 1. 'not_rising'
 * (gate) is met when the week is not rising; 'rising' (regress) when it is. Values are taken by the date they were
 * logged (a whole week either way). Both sentences state the tolerance.
 */
import { fmt, tidy } from "../compare";
import { dayAndMonth } from "../dates";
import { DEFAULTS } from "../defaults";
import { endLogAt, firstLogFrom, type EvalContext } from "../context";
import type { TrendCriterion } from "../schema";
import type { Check, CheckRole } from "../types";
import { firstDayInScope, painValueOf, sinceStageWords, stageCutDay } from "../windows";
import { capitalise, clinicianSentence, CompiledCriterion, patientSentence, type Evaluation } from "./common";
import { painMetricLabel, painSubject } from "./pain-words";

/** A week's values of the metric: their sum and how many there were (the mean is sum ÷ count, as evaluated). */
interface WeekValues {
  sum: number;
  count: number;
}

interface Details {
  lastWeek: WeekValues;
  thisWeek: WeekValues;
  /** Days this week above last week's mean by more than the tolerance. */
  raisedDays: number;
  /** Without enough values: the stage's entry day when the stage's start cut the two weeks short, else null. */
  since?: number | null;
}

/** "one bad day alone does not count", "fewer than 3 bad days do not count". */
const fewDaysText = (minRaisedDays: number) =>
  minRaisedDays === 2 ? "one bad day alone does not count" : `fewer than ${minRaisedDays} bad days do not count`;

const mean = (week: WeekValues) => (week.count > 0 ? week.sum / week.count : 0);

export class CompiledTrend extends CompiledCriterion<Details> {
  private readonly maxRise: number;
  private readonly minRaisedDays: number;
  /** The tolerance in words, for both sentences. */
  private readonly toleranceText: string;
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
    const minRaisedDays = c.minRaisedDays ?? DEFAULTS.minRaisedDays;
    const expect = c.expect ?? "not_rising";
    super(
      c,
      role,
      ruleId,
      c.label ??
        `${painMetricLabel(c.metric, c.test)} week-on-week ${expect === "not_rising" ? "not rising" : "rising"} (rise ${expect === "not_rising" ? "≤" : ">"} ${fmt(maxRise)}${minRaisedDays > 1 ? ` on ${minRaisedDays}+ days` : ""})`,
      { threshold: maxRise, comparator: expect === "not_rising" ? "lte" : "gt", unit: "points" },
      { threshold: maxRise, comparator: expect === "not_rising" ? "lte" : "gt" },
    );
    this.maxRise = maxRise;
    this.minRaisedDays = minRaisedDays;
    this.toleranceText =
      `${fmt(maxRise)} point${maxRise === 1 ? "" : "s"} (${maxRise === 0 ? "the weekly mean may not rise at all" : `the weekly mean may rise by up to ${fmt(maxRise)}`})` +
      (minRaisedDays > 1
        ? `; a rise counts only when at least ${minRaisedDays} days this week are above last week's mean by more than that (${fewDaysText(minRaisedDays)})`
        : "; a single bad day can make the week rising");
    this.notRising = expect === "not_rising";
    this.minPerWeek = c.minSamplesPerWeek ?? DEFAULTS.minSamplesPerWeek;
    this.subject = `your ${painSubject(c.metric, c.test)} this week compared with last week`;
    const onDays = minRaisedDays > 1 ? ` on ≥ ${minRaisedDays} days` : "";
    this.symbolicRequirement =
      expect === "not_rising" ? `no rise > ${fmt(maxRise)}${onDays}` : `rise > ${fmt(maxRise)}${onDays}`;
    const by = maxRise === 0 ? "" : ` by more than ${fmt(maxRise)} point${maxRise === 1 ? "" : "s"}`;
    const fewDays = minRaisedDays > 1 ? ` (${fewDaysText(minRaisedDays)})` : "";
    this.requirement = `${expect === "not_rising" ? "not higher" : "higher"} than last week${by}${fewDays}`;
  }

  evaluate(ctx: EvalContext): Evaluation {
    const { c, maxRise } = this;
    const first = firstDayInScope(ctx, this.role, c.scope ?? "plan");
    const thisWeek = this.valuesIn(ctx, Math.max(ctx.today - 6, first), ctx.today);
    const lastWeek = this.valuesIn(ctx, Math.max(ctx.today - 13, first), ctx.today - 7);
    if (thisWeek.count < this.minPerWeek || lastWeek.count < this.minPerWeek) {
      const since = stageCutDay(ctx, this.role, c.scope ?? "plan", { days: 14 });
      const missing = `at least ${this.minPerWeek} ${painSubject(c.metric, c.test)} scores in each of the last two weeks${since === null ? "" : ` since ${dayAndMonth(since)}`} (have ${lastWeek.count} and ${thisWeek.count})`;
      return this.noData(missing, { lastWeek, thisWeek, raisedDays: 0, since });
    }
    const rise = tidy(mean(thisWeek) - mean(lastWeek));
    const raisedDays = this.daysAbove(ctx, Math.max(ctx.today - 6, first), mean(lastWeek) + maxRise);
    const details = { lastWeek, thisWeek, raisedDays };
    const rising = rise > maxRise && raisedDays >= this.minRaisedDays;
    const met = this.notRising ? !rising : rising;
    return this.measured(rise, met ? "met" : "not_met", details, rise === maxRise && maxRise > 0);
  }

  /** How many of this week's values (from day `from` to today) are above `level`. */
  private daysAbove(ctx: EvalContext, from: number, level: number): number {
    let n = 0;
    const { metric, test } = this.c;
    for (let i = firstLogFrom(ctx, from); i < ctx.logs.length; i++) {
      const v = painValueOf(ctx.logs[i], metric, test);
      if (v !== null && tidy(v - level) > 0) n++;
    }
    return n;
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

  protected override noDataProgress({ lastWeek, thisWeek, since }: Details): string | null {
    if (since === undefined || since === null) return null;
    const scores = `${painSubject(this.c.metric, this.c.test)} scores`;
    return `${thisWeek.count} ${scores} this week and ${lastWeek.count} last week ${sinceStageWords(since)}; each week needs ${this.minPerWeek}`;
  }

  protected patient(k: Check, details: Details): string {
    const { role, subject, requirement } = this;
    const progress = k.status === "no_data" ? this.noDataProgress(details) : null;
    if (progress !== null) return `${capitalise(progress)} (goal: ${subject} ${requirement}).`;
    if (k.status === "no_data")
      return patientSentence({ role, status: "no_data", subject, requirement, missing: k.missing! });
    const rise = k.observed as number;
    const observedText =
      rise > 0 ? `up by ${fmt(rise)} points` : rise < 0 ? `down by ${fmt(-rise)} points` : "unchanged";
    return patientSentence({ role, status: k.status, subject, observed: observedText, requirement });
  }

  protected clinician(k: Check, { lastWeek, thisWeek, raisedDays }: Details): string {
    const { role, label } = this;
    if (k.status === "no_data")
      return clinicianSentence({
        role,
        status: "no_data",
        label,
        requirement: this.symbolicRequirement,
        missing: k.missing!,
        detail: `Tolerance: ${this.toleranceText}.`,
      });
    return clinicianSentence({
      role,
      status: k.status,
      label,
      observed: `weekly mean ${fmt(mean(lastWeek))} → ${fmt(mean(thisWeek))} (rise ${fmt(k.observed as number)})`,
      requirement: this.symbolicRequirement,
      detail: `Tolerance: ${this.toleranceText}. ${lastWeek.count} and ${thisWeek.count} value(s) in the two weeks; ${raisedDays} day${raisedDays === 1 ? "" : "s"} this week above last week's mean${this.maxRise > 0 ? ` + ${fmt(this.maxRise)}` : ""}.`,
    });
  }
}
