/**
 * Questionnaire scores (VISA-A, VISA-P, LEFS, PSFS, KOOS-ADL, global rating, custom), stored as measurements
 * (already scored; see questionnaires.ts). Absolute = the latest score; change = latest − first in scope.
 */
import { fmt, requirementWords, tidy } from "../compare";
import { fromDayNumber } from "../dates";
import type { EvalContext } from "../context";
import type { Questionnaire, QuestionnaireCriterion } from "../schema";
import type { Check, CheckRole } from "../types";
import {
  clinicianSentence,
  CompiledCriterion,
  onBoundary,
  patientSentence,
  statusOf,
  symbolic,
  type EvalOut,
  type Scale,
} from "./common";
import { firstDayInScope } from "../windows";
import { questionnaireName } from "../measure-names";

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
    const name = questionnaireName(c);
    super(
      c,
      role,
      ruleId,
      c.label ??
        `${name} ${c.mode === "change_from_baseline" ? "change " : ""}${symbolic(c.comparator, fmt(c.threshold))}`,
    );
    this.measure = measure;
    this.name = name;
    this.requirement = requirementWords(c.comparator, fmt(c.threshold));
    this.subject = c.mode === "change_from_baseline" ? `the change in your ${name} score` : `your ${name} score`;
    this.symbolicRequirement = symbolic(c.comparator, fmt(c.threshold));
    this.ageText = c.maxAgeDays !== undefined ? ` in the last ${c.maxAgeDays} days` : "";
    // The instrument's range applies to its own absolute score (not to a change, nor to a renamed measure).
    this.scale =
      c.mode === "absolute" && (c.measure === undefined || c.measure === c.instrument)
        ? INSTRUMENT_SCALES[c.instrument]
        : undefined;
  }

  evaluate(ctx: EvalContext, out: EvalOut): Check {
    const { c, name } = this;
    out.boundary = false;
    out.params = null;
    // Questionnaires describe the person, not a limb: every entry counts whatever side it carries. The latest score
    // and the first in scope; when one day has several, the later entry stands (it corrects or repeats the first).
    let from = firstDayInScope(ctx, this.role, c.scope ?? "plan");
    if (c.maxAgeDays !== undefined) from = Math.max(from, ctx.today - c.maxAgeDays);
    const ms = ctx.input.measurements;
    const mdays = ctx.measurementDays;
    let latestDay = -Infinity;
    let latestValue = 0;
    let firstDay = Infinity;
    let firstValue = 0;
    for (let i = 0; i < ms.length; i++) {
      const day = mdays[i]!;
      if (day < from || day > ctx.today || ms[i]!.measure !== this.measure) continue;
      if (day >= latestDay) {
        latestDay = day;
        latestValue = ms[i]!.value;
      }
      if (day <= firstDay) {
        firstDay = day;
        firstValue = ms[i]!.value;
      }
    }
    if (latestDay === -Infinity)
      return this.check(null, c.threshold, c.comparator, undefined, "no_data", `a ${name} score${this.ageText}`);
    let observed = latestValue;
    if (c.mode === "change_from_baseline") {
      if (firstDay === latestDay) {
        return this.check(
          null,
          c.threshold,
          c.comparator,
          undefined,
          "no_data",
          `a second ${name} score after the first (${fromDayNumber(firstDay)})`,
        );
      }
      observed = tidy(latestValue - firstValue);
      out.params = { day: latestDay, value: latestValue, firstDay, firstValue };
    } else {
      out.params = { day: latestDay, value: latestValue };
    }
    out.boundary = onBoundary(observed, c.comparator, c.threshold, this.scale);
    return this.check(observed, c.threshold, c.comparator, undefined, statusOf(observed, c.comparator, c.threshold));
  }

  protected patient(k: Check): string {
    const { role, subject, requirement } = this;
    if (k.status === "no_data")
      return patientSentence({ role, status: "no_data", subject, requirement, missing: k.missing! });
    return patientSentence({ role, status: k.status, subject, observed: fmt(k.observed as number), requirement });
  }

  protected clinician(k: Check, p: QuestionnaireParams): string {
    const { role, label, symbolicRequirement } = this;
    if (k.status === "no_data" || !p)
      return clinicianSentence({
        role,
        status: "no_data",
        label,
        requirement: symbolicRequirement,
        missing: k.missing!,
      });
    const detail =
      p.firstDay !== undefined
        ? `${fmt(p.firstValue!)} on ${fromDayNumber(p.firstDay)} → ${fmt(p.value)} on ${fromDayNumber(p.day)}.`
        : `Scored ${fromDayNumber(p.day)}.`;
    return clinicianSentence({
      role,
      status: k.status,
      label,
      observed: fmt(k.observed as number),
      requirement: symbolicRequirement,
      detail,
    });
  }
}
