/**
 * Adherence: sessions done ÷ sessions prescribed in the window, as a percent. A partly done session earns
 * partialCredit. The window is clipped to the scope (by default the current stage: earlier days had another
 * prescription). Days without a log count as no session, but a window with no log at all is no data.
 */
import { fmt, requirementWords, tidy } from "../compare";
import { DEFAULTS } from "../defaults";
import type { AdherenceCriterion } from "../schema";
import { firstDayInScope, logsBetween, type CriterionEnv } from "../windows";
import { clinicianSentence, judge, patientSentence, symbolic, type CheckCore, type Scale } from "./common";

/** Adherence starts at 0 % and has no fixed top (more sessions than prescribed exceed 100 %). */
const ADHERENCE_SCALE: Scale = { min: 0 };

export function evaluateAdherence(c: AdherenceCriterion, env: CriterionEnv): CheckCore {
  const { ctx, role } = env;
  const comparator = c.comparator ?? "gte";
  const perWeek = c.perWeek ?? ctx.stage.prescription.frequencyPerWeek ?? DEFAULTS.perWeek;
  const credit = c.partialCredit ?? DEFAULTS.partialCredit;
  const from = Math.max(ctx.today - c.windowDays + 1, firstDayInScope(env, c.scope ?? "stage"));
  const days = ctx.today - from + 1;
  const label = c.label ?? `Adherence over ${c.windowDays} days ${symbolic(comparator, `${fmt(c.threshold)}%`)}`;
  const requirement = requirementWords(comparator, `${fmt(c.threshold)}%`);
  const subject = "the share of your planned sessions you did";
  const logs = days > 0 ? logsBetween(ctx, from, ctx.today) : [];
  if (logs.length === 0) {
    const missing = `daily logs for the last ${Math.max(days, 0) || c.windowDays} days`;
    return {
      label,
      observed: null,
      threshold: c.threshold,
      comparator,
      unit: "%",
      status: "no_data",
      missing,
      patientText: patientSentence({ role, status: "no_data", subject, requirement, missing }),
      clinicianText: clinicianSentence({ role, status: "no_data", label, requirement: symbolic(comparator, `${fmt(c.threshold)}%`), missing }),
    };
  }
  let done = 0;
  let partial = 0;
  for (const row of logs) {
    if (row.log.sessionDone === "done") done++;
    else if (row.log.sessionDone === "partial") partial++;
  }
  const prescribed = (perWeek * days) / 7;
  const observed = tidy(((done + partial * credit) / prescribed) * 100);
  const { status, boundary } = judge(observed, comparator, c.threshold, ADHERENCE_SCALE);
  const obsText = `${fmt(observed)}%`;
  return {
    label,
    observed,
    threshold: c.threshold,
    comparator,
    unit: "%",
    status,
    boundary,
    patientText: patientSentence({ role, status, subject, observed: obsText, requirement }),
    clinicianText: clinicianSentence({
      role,
      status,
      label,
      observed: obsText,
      requirement: symbolic(comparator, `${fmt(c.threshold)}%`),
      detail: `${done} done + ${partial} partial (× ${credit}) of ${fmt(prescribed)} prescribed (${fmt(perWeek)}/week over ${days} day(s)${days < c.windowDays ? ", window clipped to the stage" : ""}).`,
    }),
  };
}
