/**
 * What every criterion evaluator returns, and the sentence templates they share so that patient and clinician
 * wording stays consistent across kinds.
 */
import { COMPARATOR_SYMBOL, compare, nearlyEqual } from "../compare";
import type { Comparator } from "../schema";
import type { CheckRole, CheckStatus, Observed } from "../types";

export interface CheckCore {
  label: string;
  observed: Observed;
  threshold: Observed;
  comparator?: Comparator;
  unit?: string;
  status: CheckStatus;
  patientText: string;
  clinicianText: string;
  missing?: string;
  awaitingClinician?: boolean;
  /** The observed value sits exactly on a numeric threshold (the clinician is told). */
  boundary?: boolean;
}

export function capitalise(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

export const statusWord = (role: CheckRole, status: CheckStatus): string =>
  status === "no_data" ? "no data" : role === "regress" ? (status === "met" ? "triggered" : "not triggered") : status === "met" ? "met" : "not met";

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
  if (role === "gate") return status === "met" ? `${was}: goal met (${requirement}).` : `${was}; the goal is ${requirement}.`;
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
 * Status of a numeric comparison plus whether it sits on an ambiguous threshold (the `boundary` flag).
 *
 * A value exactly on the threshold is ambiguous when reading the comparator the other way (inclusive ↔ exclusive)
 * would still be a meaningful rule: Grindem's "LSI > 90" against "≥ 90". It is **not** ambiguous, and not flagged,
 * when the threshold is the minimum or maximum of the scale: there the other reading is vacuous (pain "< 0" can never
 * happen, "≥ 0" always holds), so "pain ≤ 0" can only mean pain-free and "pain > 0" any pain. `eq` is never flagged:
 * it has no inclusive/exclusive reading.
 */
export function judge(observed: number, op: Comparator, threshold: number, scale?: Scale): { status: CheckStatus; boundary: boolean } {
  return {
    status: compare(observed, op, threshold) ? "met" : "not_met",
    boundary:
      op !== "eq" &&
      nearlyEqual(observed, threshold) &&
      !(scale && (nearlyEqual(threshold, scale.min) || (scale.max !== undefined && nearlyEqual(threshold, scale.max)))),
  };
}

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

/** The check for a criterion that cannot be judged: it names what is missing, for both readers. */
export function noDataCore(a: {
  role: CheckRole;
  label: string;
  subject: string;
  requirement: string;
  symbolicRequirement: string;
  missing: string;
  threshold: Observed;
  comparator?: Comparator;
  unit?: string;
}): CheckCore {
  const core: CheckCore = {
    label: a.label,
    observed: null,
    threshold: a.threshold,
    status: "no_data",
    missing: a.missing,
    patientText: patientSentence({ role: a.role, status: "no_data", subject: a.subject, requirement: a.requirement, missing: a.missing }),
    clinicianText: clinicianSentence({ role: a.role, status: "no_data", label: a.label, requirement: a.symbolicRequirement, missing: a.missing }),
  };
  if (a.comparator) core.comparator = a.comparator;
  if (a.unit) core.unit = a.unit;
  return core;
}
