/**
 * Questionnaire scores (VISA-A, VISA-P, LEFS, PSFS, KOOS-ADL, global rating, custom), stored as measurements
 * (already scored; see questionnaires.ts). Absolute = the latest score; change = latest − first in scope.
 */
import { fmt, requirementWords, tidy } from "../compare";
import { fromDayNumber } from "../dates";
import type { QuestionnaireCriterion, Questionnaire } from "../schema";
import type { CriterionEnv } from "../windows";
import { clinicianSentence, judge, noDataCore, patientSentence, symbolic, type CheckCore, type Scale } from "./common";
import { lastPerDay, measurementsInScope } from "./measures";

export const INSTRUMENT_NAMES: Record<Questionnaire, string> = {
  visa_a: "VISA-A",
  visa_p: "VISA-P",
  lefs: "LEFS",
  psfs: "PSFS",
  koos_adl: "KOOS-ADL",
  global_rating: "global rating of function",
  custom: "questionnaire",
};

/** Score ranges of the scored instruments (clinical-reference §7; KOOS and the global rating are 0–100). */
const INSTRUMENT_SCALES: Partial<Record<Questionnaire, Scale>> = {
  visa_a: { min: 0, max: 100 },
  visa_p: { min: 0, max: 100 },
  lefs: { min: 0, max: 80 },
  psfs: { min: 0, max: 10 },
  koos_adl: { min: 0, max: 100 },
  global_rating: { min: 0, max: 100 },
};

export function evaluateQuestionnaire(c: QuestionnaireCriterion, env: CriterionEnv): CheckCore {
  const { role } = env;
  const measure = c.measure ?? c.instrument;
  const name = c.instrument === "custom" ? measure.replace(/_/g, " ") : INSTRUMENT_NAMES[c.instrument];
  const label = c.label ?? `${name} ${c.mode === "change_from_baseline" ? "change " : ""}${symbolic(c.comparator, fmt(c.threshold))}`;
  const requirement = requirementWords(c.comparator, fmt(c.threshold));
  const subject = c.mode === "change_from_baseline" ? `the change in your ${name} score` : `your ${name} score`;
  // Questionnaires describe the person, not a limb: every entry counts whatever side it carries.
  const rows = lastPerDay(measurementsInScope(env, measure, c.scope ?? "plan", c.maxAgeDays));
  const ageText = c.maxAgeDays !== undefined ? ` in the last ${c.maxAgeDays} days` : "";
  const base = { role, label, subject, requirement, symbolicRequirement: symbolic(c.comparator, fmt(c.threshold)), threshold: c.threshold, comparator: c.comparator };
  const latest = rows[rows.length - 1];
  if (!latest) return noDataCore({ ...base, missing: `a ${name} score${ageText}` });
  let observed = latest.value;
  let detail = `Scored ${fromDayNumber(latest.day)}.`;
  if (c.mode === "change_from_baseline") {
    const first = rows[0]!;
    if (first.day === latest.day) return noDataCore({ ...base, missing: `a second ${name} score after the first (${fromDayNumber(first.day)})` });
    observed = tidy(latest.value - first.value);
    detail = `${fmt(first.value)} on ${fromDayNumber(first.day)} → ${fmt(latest.value)} on ${fromDayNumber(latest.day)}.`;
  }
  const { status, boundary } = judge(
    observed,
    c.comparator,
    c.threshold,
    // The instrument's range applies to its own absolute score (not to a change, nor to a renamed measure).
    c.mode === "absolute" && (c.measure === undefined || c.measure === c.instrument) ? INSTRUMENT_SCALES[c.instrument] : undefined,
  );
  return {
    label,
    observed,
    threshold: c.threshold,
    comparator: c.comparator,
    status,
    boundary,
    patientText: patientSentence({ role, status, subject, observed: fmt(observed), requirement }),
    clinicianText: clinicianSentence({ role, status, label, observed: fmt(observed), requirement: symbolic(c.comparator, fmt(c.threshold)), detail }),
  };
}
