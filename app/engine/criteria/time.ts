/**
 * Time: whole days since an anchor (stage entry, plan start, injury, surgery, last regress), counted on the civil
 * calendar so daylight saving never shifts it. A missing anchor (e.g. no surgery date) is no data.
 */
import { fromDayNumber } from "../dates";
import { requirementWords } from "../compare";
import type { TimeCriterion } from "../schema";
import type { CriterionEnv } from "../windows";
import { clinicianSentence, judge, patientSentence, symbolic, type CheckCore } from "./common";

const ANCHOR_WORDS: Record<TimeCriterion["from"], { patient: string; clinician: string; missing: string }> = {
  stage_entry: { patient: "days in this stage", clinician: "Days in stage", missing: "the stage entry date" },
  plan_start: { patient: "days since you started", clinician: "Days since plan start", missing: "the plan start date" },
  injury: { patient: "days since your injury", clinician: "Days since injury", missing: "the injury date" },
  surgery: { patient: "days since your surgery", clinician: "Days since surgery", missing: "the surgery date" },
  last_regress: { patient: "days since we last eased off", clinician: "Days since last regress", missing: "a previous regress" },
};

export function anchorDay(from: TimeCriterion["from"], env: CriterionEnv): number | null {
  const { ctx } = env;
  switch (from) {
    case "stage_entry":
      return ctx.stageEntered;
    case "plan_start":
      return ctx.planStart;
    case "injury":
      return ctx.injury;
    case "surgery":
      return ctx.surgery;
    case "last_regress":
      return ctx.lastRegress;
  }
}

export function evaluateTime(c: TimeCriterion, env: CriterionEnv): CheckCore {
  const { ctx, role } = env;
  const comparator = c.comparator ?? "gte";
  const words = ANCHOR_WORDS[c.from];
  const label = c.label ?? `${words.clinician} ${symbolic(comparator, String(c.days))}`;
  const requirement = requirementWords(comparator, `${c.days} days`);
  const anchor = anchorDay(c.from, env);
  if (anchor === null) {
    return {
      label,
      observed: null,
      threshold: c.days,
      comparator,
      unit: "days",
      status: "no_data",
      missing: words.missing,
      patientText: patientSentence({ role, status: "no_data", subject: words.patient, requirement, missing: words.missing }),
      clinicianText: clinicianSentence({ role, status: "no_data", label, requirement: symbolic(comparator, `${c.days} d`), missing: words.missing }),
    };
  }
  const observed = ctx.today - anchor;
  const { status } = judge(observed, comparator, c.days);
  const remaining = comparator === "gte" ? c.days - observed : comparator === "gt" ? c.days + 1 - observed : 0;
  return {
    label,
    observed,
    threshold: c.days,
    comparator,
    unit: "days",
    status,
    patientText:
      role === "gate" && status === "not_met" && remaining > 0
        ? `${remaining} more day${remaining === 1 ? "" : "s"} to go in this step (${observed} of ${c.days} ${words.patient}).`
        : patientSentence({ role, status, subject: `the number of ${words.patient}`, observed: String(observed), requirement }),
    clinicianText: clinicianSentence({
      role,
      status,
      label,
      observed: `${observed} d`,
      requirement: symbolic(comparator, `${c.days} d`),
      detail: `Counted from ${fromDayNumber(anchor)}.`,
    }),
  };
}
