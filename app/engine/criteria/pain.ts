/**
 * Pain limit: an aggregate (latest / max / mean) of one pain metric over a window, compared with a threshold.
 * Without an explicit threshold the pain model's limit applies, and its inclusive/exclusive setting picks the
 * comparator: a gate asks for pain within the limit, a regress rule triggers on pain beyond it.
 */
import { fmt, requirementWords, tidy } from "../compare";
import type { PainCriterion, PainModel, Comparator } from "../schema";
import { describeWindow, firstDayInScope, painValues, shortWindow, type CriterionEnv } from "../windows";
import { dayList, isMorningMetric } from "../windows";
import { clinicianSentence, judge, PAIN_SCALE, patientSentence, symbolic, type CheckCore } from "./common";
import { painMetricLabel, painSubject } from "./pain-words";
import { PairCache } from "../compiled";

export function resolvePainLimit(
  c: PainCriterion,
  model: PainModel,
  role: "gate" | "regress",
): { threshold: number; comparator: Comparator; fromModel: boolean } | null {
  const modelLimit = c.metric === "during" ? model.duringMax : c.metric === "after" ? model.afterMax : null;
  const threshold = c.threshold ?? modelLimit;
  if (threshold === null || threshold === undefined) return null;
  const comparator: Comparator =
    c.comparator ?? (role === "gate" ? (model.inclusive ? "lte" : "lt") : model.inclusive ? "gt" : "gte");
  return { threshold, comparator, fromModel: c.threshold === undefined };
}

/** The parts of a pain check that depend only on the program (criterion, pain model, role): computed once. */
interface PainTexts {
  limit: { threshold: number; comparator: Comparator; fromModel: boolean } | null;
  label: string;
  subject: string;
  windowText: string;
  requirement: string;
  symbolicRequirement: string;
  modelNote: string;
}

const PAIN_TEXTS = new PairCache<PainModel, PainCriterion, { gate?: PainTexts; regress?: PainTexts }>();

function painTexts(c: PainCriterion, model: PainModel, role: "gate" | "regress"): PainTexts {
  const entry = PAIN_TEXTS.get(model, c) ?? PAIN_TEXTS.set(model, c, {});
  const known = entry[role];
  if (known) return known;
  const limit = resolvePainLimit(c, model, role);
  const aggregateWord = c.aggregate === "latest" ? "latest" : c.aggregate === "max" ? "highest" : "average";
  const windowText = describeWindow(c.window);
  const label =
    c.label ??
    `${painMetricLabel(c.metric, c.test)} (${c.aggregate}, ${shortWindow(c.window)})` +
      (limit ? ` ${symbolic(limit.comparator, `${fmt(limit.threshold)}/10`)}` : "");
  return (entry[role] = {
    limit,
    label,
    subject: `your ${aggregateWord} ${painSubject(c.metric, c.test)} ${windowText}`,
    windowText,
    requirement: limit ? requirementWords(limit.comparator, `${fmt(limit.threshold)}/10`) : "",
    symbolicRequirement: limit ? symbolic(limit.comparator, `${fmt(limit.threshold)}/10`) : "",
    modelNote: limit?.fromModel ? `; limit from the pain model (${model.name}, ${model.inclusive ? "inclusive" : "exclusive"}).` : ".",
  });
}

export function evaluatePain(c: PainCriterion, env: CriterionEnv): CheckCore {
  const { ctx, role } = env;
  const { limit, label, subject, windowText, requirement, symbolicRequirement, modelNote } = painTexts(c, ctx.program.painModel, role);
  if (!limit) {
    // The schema refuses this for validated programs; kept total for unvalidated input.
    return {
      label,
      observed: null,
      threshold: null,
      status: "no_data",
      missing: "a threshold (none given and the pain model has no limit for this metric)",
      patientText: "This check is not set up yet; your clinician will review it.",
      clinicianText: `${label}: no threshold and the pain model sets no ${c.metric} limit → no data.`,
    };
  }
  const values = painValues(env, c.metric, c.test, c.window, firstDayInScope(env, c.scope ?? "stage"));
  const minSamples = c.minSamples ?? 1;
  if (values.length < minSamples) {
    const missing =
      values.length === 0
        ? `${painSubject(c.metric, c.test)} scores ${windowText}`
        : `${minSamples} ${painSubject(c.metric, c.test)} scores ${windowText} (have ${values.length})`;
    return {
      label,
      observed: null,
      threshold: limit.threshold,
      comparator: limit.comparator,
      unit: "/10",
      status: "no_data",
      missing,
      patientText: patientSentence({ role, status: "no_data", subject, requirement, missing }),
      clinicianText: clinicianSentence({ role, status: "no_data", label, requirement: symbolicRequirement, missing }),
    };
  }
  let observed: number;
  if (c.aggregate === "latest") observed = values[values.length - 1]!.value;
  else if (c.aggregate === "max") {
    observed = values[0]!.value;
    for (let i = 1; i < values.length; i++) if (values[i]!.value > observed) observed = values[i]!.value;
  } else {
    let sum = 0;
    for (let i = 0; i < values.length; i++) sum += values[i]!.value;
    observed = tidy(sum / values.length);
  }
  const { status, boundary } = judge(observed, limit.comparator, limit.threshold, PAIN_SCALE);
  const obsText = `${fmt(observed)}/10`;
  return {
    label,
    observed,
    threshold: limit.threshold,
    comparator: limit.comparator,
    unit: "/10",
    status,
    boundary,
    patientText: patientSentence({ role, status, subject, observed: obsText, requirement }),
    clinicianText: clinicianSentence({
      role,
      status,
      label,
      observed: obsText,
      requirement: symbolicRequirement,
      detail: `${values.length} value(s) for ${isMorningMetric(c.metric) ? "sessions of " : ""}${dayList(values.map((v) => v.day))}${modelNote}`,
    }),
  };
}
