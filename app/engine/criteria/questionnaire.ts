/**
 * Questionnaire scores (VISA-A, VISA-P, LEFS, PSFS, KOOS-ADL, global rating, custom), stored as measurements
 * (already scored; see questionnaires.ts). Absolute = the latest score; change = latest − first in scope.
 */
import { fmt, requirementWords, tidy } from "../compare";
import { fromDayNumber } from "../dates";
import type { EvalContext } from "../context";
import type { Questionnaire, QuestionnaireCriterion } from "../schema";
import type { Check, CheckRole } from "../types";
import { clinicianSentence, CompiledCriterion, onBoundary, patientSentence, statusOf, symbolic, type EvalOut, type Scale } from "./common";
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

/** The scores the clinician's sentence quotes: the latest, and for a change the first. */
type QuestionnaireParams = { day: number; firstDay?: number; firstValue?: number; value: number } | null;

export class CompiledQuestionnaire extends CompiledCriterion<QuestionnaireParams> {
  private readonly measure: string;
  private readonly name: string;
  private readonly subject: string;
  private readonly requirement: string;
  private readonly symbolicRequirement: string;
  private readonly ageText: string;
  private readonly scale: Scale | undefined;

  constructor(
    private readonly c: QuestionnaireCriterion,
    role: CheckRole,
    ruleId?: string,
  ) {
    const measure = c.measure ?? c.instrument;
    const name = c.instrument === "custom" ? measure.replace(/_/g, " ") : INSTRUMENT_NAMES[c.instrument];
    super(c, role, ruleId, c.label ?? `${name} ${c.mode === "change_from_baseline" ? "change " : ""}${symbolic(c.comparator, fmt(c.threshold))}`);
    this.measure = measure;
    this.name = name;
    this.requirement = requirementWords(c.comparator, fmt(c.threshold));
    this.subject = c.mode === "change_from_baseline" ? `the change in your ${name} score` : `your ${name} score`;
    this.symbolicRequirement = symbolic(c.comparator, fmt(c.threshold));
    this.ageText = c.maxAgeDays !== undefined ? ` in the last ${c.maxAgeDays} days` : "";
    // The instrument's range applies to its own absolute score (not to a change, nor to a renamed measure).
    this.scale = c.mode === "absolute" && (c.measure === undefined || c.measure === c.instrument) ? INSTRUMENT_SCALES[c.instrument] : undefined;
  }

  evaluate(ctx: EvalContext, out: EvalOut): Check {
    const { c, name } = this;
    out.boundary = false;
    out.params = null;
    // Questionnaires describe the person, not a limb: every entry counts whatever side it carries.
    const rows = lastPerDay(measurementsInScope(ctx, this.role, this.measure, c.scope ?? "plan", c.maxAgeDays));
    const latest = rows[rows.length - 1];
    if (!latest) return this.check(null, c.threshold, c.comparator, undefined, "no_data", `a ${name} score${this.ageText}`);
    let observed = latest.value;
    if (c.mode === "change_from_baseline") {
      const first = rows[0]!;
      if (first.day === latest.day) {
        return this.check(null, c.threshold, c.comparator, undefined, "no_data", `a second ${name} score after the first (${fromDayNumber(first.day)})`);
      }
      observed = tidy(latest.value - first.value);
      out.params = { day: latest.day, value: latest.value, firstDay: first.day, firstValue: first.value };
    } else {
      out.params = { day: latest.day, value: latest.value };
    }
    out.boundary = onBoundary(observed, c.comparator, c.threshold, this.scale);
    return this.check(observed, c.threshold, c.comparator, undefined, statusOf(observed, c.comparator, c.threshold));
  }

  protected sentences(k: Check, p: QuestionnaireParams): void {
    const { role, label, subject, requirement, symbolicRequirement } = this;
    if (k.status === "no_data" || !p) {
      const missing = k.missing!;
      k.patientText = patientSentence({ role, status: "no_data", subject, requirement, missing });
      k.clinicianText = clinicianSentence({ role, status: "no_data", label, requirement: symbolicRequirement, missing });
      return;
    }
    const detail =
      p.firstDay !== undefined
        ? `${fmt(p.firstValue!)} on ${fromDayNumber(p.firstDay)} → ${fmt(p.value)} on ${fromDayNumber(p.day)}.`
        : `Scored ${fromDayNumber(p.day)}.`;
    const observed = fmt(k.observed as number);
    k.patientText = patientSentence({ role, status: k.status, subject, observed, requirement });
    k.clinicianText = clinicianSentence({ role, status: k.status, label, observed, requirement: symbolicRequirement, detail });
  }
}
