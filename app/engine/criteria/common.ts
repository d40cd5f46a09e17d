/**
 * What every criterion compiles to, and the sentence templates they share so that patient and clinician wording
 * stays consistent across kinds.
 *
 * A criterion is compiled once per program (compiled.ts): its label, requirement words and other fixed texts are
 * worked out then. Evaluating it reads the history, decides the check's facts (observed, threshold, status, what is
 * missing) and writes the check's two sentences straight away, from those facts and the few details they quote
 * (days, counts, measured values).
 */
import { COMPARATOR_SYMBOL, compare, nearlyEqual } from "../compare";
import type { EvalContext } from "../context";
import type { Comparator, Source } from "../schema";
import type { Check, CheckKind, CheckRole, CheckStatus, Observed } from "../types";

/** What a check compares with: fixed per criterion, worked out when it is compiled. */
export interface Target {
  threshold: Observed;
  comparator?: Comparator;
  unit?: string;
}

/** A finished check, and whether its observed value sits exactly on an ambiguous threshold (the `boundary` flag). */
export interface Evaluation {
  check: Check;
  onBoundary: boolean;
}

/** What a compiled criterion takes from its authored criterion (or, for the stage's implicit gates, a made-up one). */
export interface CriterionHead {
  id: string;
  kind: CheckKind;
  source?: Source;
  patientText?: string;
}

/** `D`: the details a criterion's sentences quote beyond the check itself (days, counts, values). */
export abstract class CompiledCriterion<D = unknown> {
  readonly checkId: string;
  readonly criterionId: string;
  readonly kind: CheckKind;
  readonly ruleId: string | undefined;
  readonly source: Source | undefined;
  /** The program's own patient sentence, when it gives one. */
  readonly patientOverride: string | undefined;
  private readonly target: Target;
  private readonly noDataTarget: Target;

  /** `noDataTarget`: what a check without data states instead, for the few kinds that state it differently. */
  constructor(
    c: CriterionHead,
    readonly role: CheckRole,
    ruleId: string | undefined,
    readonly label: string,
    target: Target,
    noDataTarget: Target = target,
  ) {
    this.checkId = ruleId ? `${ruleId}.${c.id}` : c.id;
    this.criterionId = c.id;
    this.kind = c.kind;
    this.ruleId = ruleId || undefined;
    this.source = c.source || undefined;
    this.patientOverride = c.patientText || undefined;
    this.target = targetOf(target);
    this.noDataTarget = targetOf(noDataTarget);
  }

  /** The check for today's history, sentences written. */
  abstract evaluate(ctx: EvalContext): Evaluation;

  /** The generated patient sentence. */
  protected abstract patient(check: Check, details: D): string;

  /** The clinician sentence. */
  protected abstract clinician(check: Check, details: D): string;

  /**
   * For a check without enough data, what was counted so far ("4 of 5 pain during exercise scores since you started
   * this stage on 3 Dec"), or null when nothing was (or the criterion does not count). Gates only.
   */
  protected noDataProgress(_details: D): string | null {
    return null;
  }

  /** The check for a value observed in today's history. */
  protected measured(observed: Observed, status: CheckStatus, details: D, onBoundary = false): Evaluation {
    return { check: this.checkOf(observed, status, undefined, false, this.target, details), onBoundary };
  }

  /** The check when the history lacks what the criterion needs (`missing` says what). */
  protected noData(missing: string, details: D, awaitingClinician = false): Evaluation {
    const check = this.checkOf(null, "no_data", missing, awaitingClinician, this.noDataTarget, details);
    return { check, onBoundary: false };
  }

  /**
   * The check, its two sentences written from it before it is handed back. Every check has the same keys in the same
   * order (absent ones undefined, which JSON drops): the order decisions have always been stored in.
   */
  private checkOf(
    observed: Observed,
    status: CheckStatus,
    missing: string | undefined,
    awaitingClinician: boolean,
    target: Target,
    details: D,
  ): Check {
    const check: Check = {
      id: this.checkId,
      criterionId: this.criterionId,
      kind: this.kind,
      role: this.role,
      ruleId: this.ruleId,
      label: this.label,
      observed,
      threshold: target.threshold,
      comparator: target.comparator,
      unit: target.unit,
      status,
      patientText: "",
      clinicianText: "",
      missing,
      awaitingClinician: awaitingClinician || undefined,
      source: this.source,
    };
    check.patientText = this.patientOverride
      ? overridePatientText(
          this.patientOverride,
          this.role,
          status,
          status === "no_data" ? this.noDataProgress(details) : null,
        )
      : this.patient(check, details);
    check.clinicianText = this.clinician(check, details);
    return check;
  }
}

/** A target as one plain object shape, so that reading it stays cheap whichever criterion made it. */
const targetOf = (t: Target): Target => ({
  threshold: t.threshold,
  comparator: t.comparator || undefined,
  unit: t.unit || undefined,
});

export function capitalise(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

const statusWord = (role: CheckRole, status: CheckStatus): string =>
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
  const was = `${capitalise(subject)} was ${observed}`;
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
export function isOnBoundary(observed: number, op: Comparator, threshold: number, scale?: Scale): boolean {
  return (
    op !== "eq" &&
    nearlyEqual(observed, threshold) &&
    !(scale && (nearlyEqual(threshold, scale.min) || (scale.max !== undefined && nearlyEqual(threshold, scale.max))))
  );
}

/** Status of a numeric comparison. */
export const statusOf = (observed: number, op: Comparator, threshold: number): CheckStatus =>
  compare(observed, op, threshold) ? "met" : "not_met";

/**
 * Patient-authored override: the program's own sentence plus a short status. Without enough data the status is what
 * has been counted so far when the criterion says ("2 of 3 … since you started this stage on 3 Dec"), never "not
 * recorded yet" after the patient recorded.
 */
function overridePatientText(text: string, role: CheckRole, status: CheckStatus, progress: string | null): string {
  const suffix =
    status === "no_data"
      ? (progress ?? "not recorded yet")
      : role === "gate"
        ? status === "met"
          ? "done"
          : "not yet"
        : status === "met"
          ? "this happened, so we are easing off"
          : "fine";
  return `${text.replace(/[.\s]+$/, "")}: ${suffix}.`;
}
