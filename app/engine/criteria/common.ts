/**
 * What every criterion compiles to, and the sentence templates they share so that patient and clinician wording
 * stays consistent across kinds.
 *
 * A criterion is compiled once per program (compiled.ts): its label, requirement words and other fixed texts are
 * worked out then. Evaluating it produces the check's facts (observed, threshold, status, what is missing) and a
 * small record of the values its sentences quote (`params`: numbers, day numbers and short strings copied out of
 * the history, never the caller's objects). The two sentences are written from those later, when the decision's
 * checks are first read (decision.ts), and are exactly what writing them straight away would give.
 */
import { COMPARATOR_SYMBOL, compare, nearlyEqual } from "../compare";
import type { EvalContext } from "../context";
import type { Comparator, Criterion, CriterionKind, Source, TimeCriterion } from "../schema";
import type { Check, CheckRole, CheckStatus, Observed } from "../types";

/** Side results of an evaluation, written into one reused object (no allocation per check). */
export interface EvalOut {
  /** What the sentences need; undefined when they need nothing beyond the check itself. */
  params: unknown;
  /** The observed value sits exactly on an ambiguous numeric threshold (the `boundary` flag). */
  boundary: boolean;
}

export abstract class CompiledCriterion<P = unknown> {
  readonly checkId: string;
  readonly criterionId: string;
  readonly kind: CriterionKind;
  readonly ruleId: string | undefined;
  readonly source: Source | undefined;
  /** The program's own patient sentence, when it gives one. */
  readonly patientOverride: string | undefined;

  constructor(
    c: Criterion | TimeCriterion,
    readonly role: CheckRole,
    ruleId: string | undefined,
    readonly label: string,
  ) {
    this.checkId = ruleId ? `${ruleId}.${c.id}` : c.id;
    this.criterionId = c.id;
    this.kind = c.kind;
    this.ruleId = ruleId || undefined;
    this.source = c.source || undefined;
    this.patientOverride = c.patientText || undefined;
  }

  /** The check for today's history, sentences not yet written; side results in `out`. */
  abstract evaluate(ctx: EvalContext, out: EvalOut): Check;

  /** The generated patient sentence, from the check's facts and its params. */
  protected abstract patient(check: Check, params: P): string;

  /** The clinician sentence, from the check's facts and its params. */
  protected abstract clinician(check: Check, params: P): string;

  /** The patient sentence: the program's own, with a short status, or the generated one. */
  patientText(check: Check, params: unknown): string {
    return this.patientOverride
      ? overridePatientText(this.patientOverride, this.role, check.status)
      : this.patient(check, params as P);
  }

  /** Writes the check's patientText and clinicianText. */
  writeTexts(check: Check, params: unknown): void {
    check.patientText = this.patientText(check, params);
    check.clinicianText = this.clinician(check, params as P);
  }

  /**
   * The check object. Every check gets the same keys in the same order (absent ones undefined, which JSON drops):
   * one object shape keeps property access fast in everything that reads checks afterwards.
   */
  protected check(
    observed: Observed,
    threshold: Observed,
    comparator: Comparator | undefined,
    unit: string | undefined,
    status: CheckStatus,
    missing?: string,
    awaitingClinician?: boolean,
  ): Check {
    return {
      id: this.checkId,
      criterionId: this.criterionId,
      kind: this.kind,
      role: this.role,
      ruleId: this.ruleId,
      label: this.label,
      observed,
      threshold,
      comparator: comparator || undefined,
      unit: unit || undefined,
      status,
      patientText: "",
      clinicianText: "",
      missing: missing || undefined,
      awaitingClinician: awaitingClinician ? true : undefined,
      source: this.source,
    };
  }
}

export function capitalise(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

/** capitalise() of a criterion's subject, remembered: subjects are fixed per criterion (a bounded memo). */
const CAPITALISED = new Map<string, string>();

function capitalisedSubject(subject: string): string {
  let text = CAPITALISED.get(subject);
  if (text === undefined) {
    if (CAPITALISED.size >= 1024) CAPITALISED.clear();
    CAPITALISED.set(subject, (text = capitalise(subject)));
  }
  return text;
}

export const statusWord = (role: CheckRole, status: CheckStatus): string =>
  status === "no_data"
    ? "no data"
    : role === "regress"
      ? status === "met"
        ? "triggered"
        : "not triggered"
      : status === "met"
        ? "met"
        : "not met";

/** Plain words for the patient. `requirement` is the goal (gate) or the trigger (regress), e.g. "at or below 5/10". */
export function patientSentence(args: {
  role: CheckRole;
  status: CheckStatus;
  subject: string;
  observed?: string;
  requirement: string;
  missing?: string;
}): string {
  const { role, status, subject, observed, requirement, missing } = args;
  if (status === "no_data") {
    return role === "gate"
      ? `We still need ${missing ?? subject} before we can check this (goal: ${subject} ${requirement}).`
      : `Nothing recorded yet for this safety check (${missing ?? subject}).`;
  }
  const was = `${capitalisedSubject(subject)} was ${observed}`;
  if (role === "gate")
    return status === "met" ? `${was}: goal met (${requirement}).` : `${was}; the goal is ${requirement}.`;
  return status === "met" ? `${was} (${requirement}), so we are easing off.` : `${was}, which is fine.`;
}

/** Precise wording for the clinician: label, observed, requirement, status, then details. */
export function clinicianSentence(args: {
  role: CheckRole;
  status: CheckStatus;
  label: string;
  observed?: string;
  requirement: string;
  detail?: string;
  missing?: string;
}): string {
  const { role, status, label, observed, requirement, detail, missing } = args;
  const head = `${label}: ${status === "no_data" ? `no data (${missing ?? "missing"})` : `observed ${observed}`}`;
  const rule = role === "regress" ? `trigger ${requirement}` : `required ${requirement}`;
  return `${head}; ${rule} → ${statusWord(role, status)}.${detail ? ` ${detail}` : ""}`;
}

export function symbolic(op: Comparator, value: string): string {
  return `${COMPARATOR_SYMBOL[op]} ${value}`;
}

/** The closed range a bounded scale can take (pain 0–10, VISA-A 0–100, adherence from 0 %). */
export interface Scale {
  min: number;
  max?: number;
}

export const PAIN_SCALE: Scale = { min: 0, max: 10 };

/**
 * Whether a numeric observation sits on an ambiguous threshold (the `boundary` flag).
 *
 * A value exactly on the threshold is ambiguous when reading the comparator the other way (inclusive ↔ exclusive)
 * would still be a meaningful rule: Grindem's "LSI > 90" against "≥ 90". It is **not** ambiguous, and not flagged,
 * when the threshold is the minimum or maximum of the scale: there the other reading is vacuous (pain "< 0" can never
 * happen, "≥ 0" always holds), so "pain ≤ 0" can only mean pain-free and "pain > 0" any pain. `eq` is never flagged:
 * it has no inclusive/exclusive reading.
 */
export function onBoundary(observed: number, op: Comparator, threshold: number, scale?: Scale): boolean {
  return (
    op !== "eq" &&
    nearlyEqual(observed, threshold) &&
    !(scale && (nearlyEqual(threshold, scale.min) || (scale.max !== undefined && nearlyEqual(threshold, scale.max))))
  );
}

/** Status of a numeric comparison. */
export const statusOf = (observed: number, op: Comparator, threshold: number): CheckStatus =>
  compare(observed, op, threshold) ? "met" : "not_met";

/** Patient-authored override: the program's own sentence plus a short status. */
export function overridePatientText(text: string, role: CheckRole, status: CheckStatus): string {
  const suffix =
    status === "no_data"
      ? "not recorded yet"
      : role === "gate"
        ? status === "met"
          ? "done"
          : "not yet"
        : status === "met"
          ? "this happened, so we are easing off"
          : "fine";
  return `${text.replace(/[.\s]+$/, "")}: ${suffix}.`;
}
