/**
 * Week-on-week trend: the mean of a pain metric over the last 7 days (today included) against the 7 days before.
 * Rise = this week's mean − last week's mean. 'not_rising' (gate) is met when rise ≤ maxRise; 'rising' (regress)
 * when rise > maxRise. Values are taken by the date they were logged (a whole week either way).
 */
import { fmt, tidy } from "../compare";
import { DEFAULTS } from "../defaults";
import type { TrendCriterion } from "../schema";
import { firstDayInScope, logsBetween, painValue, type CriterionEnv } from "../windows";
import { clinicianSentence, patientSentence, type CheckCore } from "./common";
import { painMetricLabel, painSubject } from "./pain-words";

function weekMean(env: CriterionEnv, c: TrendCriterion, from: number, to: number): { mean: number; n: number } {
  let sum = 0;
  let n = 0;
  for (const row of logsBetween(env.ctx, from, to)) {
    const v = painValue(row.log, c.metric, c.test);
    if (v !== null) {
      sum += v;
      n++;
    }
  }
  return { mean: n > 0 ? sum / n : 0, n };
}

export function evaluateTrend(c: TrendCriterion, env: CriterionEnv): CheckCore {
  const { ctx, role } = env;
  const maxRise = c.maxRise ?? DEFAULTS.maxRise;
  const expect = c.expect ?? "not_rising";
  const minPerWeek = c.minSamplesPerWeek ?? DEFAULTS.minSamplesPerWeek;
  const first = firstDayInScope(env, c.scope ?? "plan");
  const label = c.label ?? `${painMetricLabel(c.metric, c.test)} week-on-week ${expect === "not_rising" ? "not rising" : "rising"} (rise ${expect === "not_rising" ? "≤" : ">"} ${fmt(maxRise)})`;
  const thisWeek = weekMean(env, c, Math.max(ctx.today - 6, first), ctx.today);
  const lastWeek = weekMean(env, c, Math.max(ctx.today - 13, first), ctx.today - 7);
  const subject = `your ${painSubject(c.metric, c.test)} this week compared with last week`;
  const symbolicReq = `${expect === "not_rising" ? "rise ≤" : "rise >"} ${fmt(maxRise)}`;
  const requirement = expect === "not_rising" ? "not higher than last week" : "higher than last week";
  if (thisWeek.n < minPerWeek || lastWeek.n < minPerWeek) {
    const missing = `at least ${minPerWeek} ${painSubject(c.metric, c.test)} scores in each of the last two weeks (have ${lastWeek.n} and ${thisWeek.n})`;
    return {
      label,
      observed: null,
      threshold: maxRise,
      comparator: expect === "not_rising" ? "lte" : "gt",
      status: "no_data",
      missing,
      patientText: patientSentence({ role, status: "no_data", subject, requirement, missing }),
      clinicianText: clinicianSentence({ role, status: "no_data", label, requirement: symbolicReq, missing }),
    };
  }
  const rise = tidy(thisWeek.mean - lastWeek.mean);
  const rising = rise > maxRise;
  const status = (expect === "not_rising" ? !rising : rising) ? "met" : "not_met";
  const observedText = rise > 0 ? `up by ${fmt(rise)} points` : rise < 0 ? `down by ${fmt(-rise)} points` : "unchanged";
  return {
    label,
    observed: rise,
    threshold: maxRise,
    comparator: expect === "not_rising" ? "lte" : "gt",
    unit: "points",
    status,
    boundary: rise === maxRise && maxRise > 0,
    patientText: patientSentence({ role, status, subject, observed: observedText, requirement }),
    clinicianText: clinicianSentence({
      role,
      status,
      label,
      observed: `weekly mean ${fmt(lastWeek.mean)} → ${fmt(thisWeek.mean)} (rise ${fmt(rise)})`,
      requirement: symbolicReq,
      detail: `${lastWeek.n} and ${thisWeek.n} value(s) in the two weeks.`,
    }),
  };
}
