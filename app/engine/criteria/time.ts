/**
 * Time: whole days since an anchor (stage entry, plan start, injury, surgery, last regress), counted on the civil
 * calendar so daylight saving never shifts it. A missing anchor (e.g. no surgery date) is no data.
 */
import { fromDayNumber } from "../dates";
import { requirementWords } from "../compare";
import type { EvalContext } from "../context";
import type { Comparator, TimeCriterion } from "../schema";
import type { Check, CheckRole } from "../types";
import { clinicianSentence, CompiledCriterion, patientSentence, statusOf, symbolic, type Evaluation } from "./common";

const ANCHOR_WORDS: Record<TimeCriterion["from"], { patient: string; clinician: string; missing: string }> = {
  stage_entry: { patient: "days in this stage", clinician: "Days in stage", missing: "the stage entry date" },
  plan_start: { patient: "days since you started", clinician: "Days since plan start", missing: "the plan start date" },
  injury: { patient: "days since your injury", clinician: "Days since injury", missing: "the injury date" },
  surgery: { patient: "days since your surgery", clinician: "Days since surgery", missing: "the surgery date" },
  last_regress: {
    patient: "days since we last eased off",
    clinician: "Days since last regress",
    missing: "a previous regress",
  },
};

function anchorDay(from: TimeCriterion["from"], ctx: EvalContext): number | null {
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

/** The anchor day (null: no data). */
type Anchor = number | null;

export class CompiledTime extends CompiledCriterion<Anchor> {
  private readonly comparator: Comparator;
  private readonly words: { patient: string; clinician: string; missing: string };
  private readonly requirement: string;
  private readonly symbolicDays: string;

  /**
   * `stay`: set for the stage's implicit "stay after a regress" gate, whose patient sentence counts down the days
   * left when it is not met.
   */
  constructor(
    private readonly c: TimeCriterion,
    role: CheckRole,
    ruleId?: string,
    private readonly stay?: number,
  ) {
    const comparator = c.comparator ?? "gte";
    const words = ANCHOR_WORDS[c.from];
    super(c, role, ruleId, c.label ?? `${words.clinician} ${symbolic(comparator, String(c.days))}`, {
      threshold: c.days,
      comparator,
      unit: "days",
    });
    this.comparator = comparator;
    this.words = words;
    this.requirement = requirementWords(comparator, `${c.days} days`);
    this.symbolicDays = symbolic(comparator, `${c.days} d`);
  }

  evaluate(ctx: EvalContext): Evaluation {
    const { c, comparator } = this;
    const anchor = anchorDay(c.from, ctx);
    if (anchor === null) return this.noData(this.words.missing, anchor);
    // Days in stage are never negative (stage-dates.ts daysInStage); other anchors count as they fall.
    const observed = c.from === "stage_entry" ? Math.max(0, ctx.today - anchor) : ctx.today - anchor;
    return this.measured(observed, statusOf(observed, comparator, c.days), anchor);
  }

  protected patient(k: Check, anchor: Anchor): string {
    const { c, comparator, words, role } = this;
    if (anchor === null)
      return patientSentence({
        role,
        status: "no_data",
        subject: words.patient,
        requirement: this.requirement,
        missing: words.missing,
      });
    const observed = k.observed as number;
    const status = k.status;
    if (this.stay !== undefined && status === "not_met") {
      const left = this.stay - observed;
      return `After easing off, we keep you at this stage for ${this.stay} days before moving on (${left} day${left === 1 ? "" : "s"} to go).`;
    }
    const remaining = comparator === "gte" ? c.days - observed : comparator === "gt" ? c.days + 1 - observed : 0;
    return role === "gate" && status === "not_met" && remaining > 0
      ? `${remaining} more day${remaining === 1 ? "" : "s"} to go in this stage (${observed} of ${c.days} ${words.patient}).`
      : patientSentence({
          role,
          status,
          subject: `the number of ${words.patient}`,
          observed: String(observed),
          requirement: this.requirement,
        });
  }

  protected clinician(k: Check, anchor: Anchor): string {
    const { role, label } = this;
    if (anchor === null)
      return clinicianSentence({
        role,
        status: "no_data",
        label,
        requirement: this.symbolicDays,
        missing: this.words.missing,
      });
    return clinicianSentence({
      role,
      status: k.status,
      label,
      observed: `${k.observed as number} d`,
      requirement: this.symbolicDays,
      detail: `Counted from ${fromDayNumber(anchor)}.`,
    });
  }
}
