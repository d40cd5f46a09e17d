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
  isOnBoundary,
  patientSentence,
  statusOf,
  symbolic,
  type Evaluation,
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

interface Score {
  day: number;
  value: number;
}

/** The scores the clinician's sentence quotes: the latest, and for a change the first (null: no data). */
type QuestionnaireDetails = { latest: Score; first?: Score } | null;

export class CompiledQuestionnaire extends CompiledCriterion<QuestionnaireDetails> {
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
      { threshold: c.threshold, comparator: c.comparator },
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

  evaluate(ctx: EvalContext): Evaluation {
    const { c, name } = this;
    // Questionnaires describe the person, not a limb: every entry counts whatever side it carries. The latest score
    // and the first in scope; when one day has several, the later entry stands (it corrects or repeats the first).
    let from = firstDayInScope(ctx, this.role, c.scope ?? "plan");
    if (c.maxAgeDays !== undefined) from = Math.max(from, ctx.today - c.maxAgeDays);
    const ms = ctx.input.measurements;
    let latest: Score | null = null;
    let first: Score | null = null;
    for (let i = 0; i < ms.length; i++) {
      const day = ctx.measurementDays[i]!;
      if (day < from || day > ctx.today || ms[i]!.measure !== this.measure) continue;
      const value = ms[i]!.value;
      if (!latest || day >= latest.day) latest = { day, value };
      if (!first || day <= first.day) first = { day, value };
    }
    if (!latest || !first) return this.noData(`a ${name} score${this.ageText}`, null);
    if (c.mode === "absolute") return this.compared(latest.value, { latest });
    if (first.day === latest.day)
      return this.noData(`a second ${name} score after the first (${fromDayNumber(first.day)})`, null);
    return this.compared(tidy(latest.value - first.value), { latest, first });
  }

  private compared(observed: number, details: QuestionnaireDetails): Evaluation {
    const { comparator, threshold } = this.c;
    const status = statusOf(observed, comparator, threshold);
    return this.measured(observed, status, details, isOnBoundary(observed, comparator, threshold, this.scale));
  }

  protected patient(k: Check): string {
    const { role, subject, requirement } = this;
    if (k.status === "no_data")
      return patientSentence({ role, status: "no_data", subject, requirement, missing: k.missing! });
    return patientSentence({ role, status: k.status, subject, observed: fmt(k.observed as number), requirement });
  }

  protected clinician(k: Check, p: QuestionnaireDetails): string {
    const { role, label, symbolicRequirement } = this;
    if (k.status === "no_data" || !p)
      return clinicianSentence({
        role,
        status: "no_data",
        label,
        requirement: symbolicRequirement,
        missing: k.missing!,
      });
    const { latest, first } = p;
    const detail = first
      ? `${fmt(first.value)} on ${fromDayNumber(first.day)} → ${fmt(latest.value)} on ${fromDayNumber(latest.day)}.`
      : `Scored ${fromDayNumber(latest.day)}.`;
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
