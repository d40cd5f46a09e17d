/**
 * The engine's input and output shapes. Facts are inferred from their zod schemas (facts.ts); the Decision is a
 * plain interface because the engine produces it (nothing outside parses it back except the audit trail, which
 * stores it as JSON).
 */
import type { CriterionKind, Comparator, Program, RegressAction, Source } from "./schema";
import type { DailyLogFact, MeasurementFact, PlanFacts, SignoffFact } from "./facts";

export type { DailyLogFact, MeasurementFact, PlanFacts, SignoffFact } from "./facts";

export interface EvaluationInput {
  program: Program;
  plan: PlanFacts;
  /** The patient's local date the decision is for. */
  today: string;
  logs: readonly DailyLogFact[];
  measurements: readonly MeasurementFact[];
  signoffs: readonly SignoffFact[];
}

/** A check's kind: its criterion's, or `red_flag` for the stage's implicit red-flag hold. */
export type CheckKind = CriterionKind | "red_flag";

export type Outcome = "advance" | "hold" | "regress" | "complete";
export type CheckStatus = "met" | "not_met" | "no_data";
export type CheckRole = "gate" | "regress";
export type Observed = number | string | boolean | null;

export interface Check {
  /** Unique within the decision: the criterion id for gates, `<ruleId>.<criterionId>` for regress rules, and
   * `min_days` / `after_regress` for the stage's implicit time gates. */
  id: string;
  criterionId: string;
  kind: CheckKind;
  role: CheckRole;
  /** Set for regress checks. */
  ruleId?: string;
  label: string;
  observed: Observed;
  threshold: Observed;
  comparator?: Comparator;
  unit?: string;
  status: CheckStatus;
  /** Plain words for the patient. */
  patientText: string;
  /** Precise wording for the clinician (values, window, rule). */
  clinicianText: string;
  /** What is missing when status is 'no_data'. */
  missing?: string;
  /** A clinician must act (sign-off items). */
  awaitingClinician?: boolean;
  source?: Source;
}

export type FlagCode =
  | "red_flag_pain"
  | "effusion"
  | "boundary"
  | "conflicting_rules"
  | "regress_despite_gates"
  | "multiple_regress_rules"
  | "first_stage_regress"
  | "no_gates"
  | "future_data_ignored";

type FlagSeverity = "info" | "warning" | "high";

export interface Flag {
  code: FlagCode;
  severity: FlagSeverity;
  message: string;
  /** The check the flag is about, when there is one. */
  checkId?: string;
}

/** Session-RPE load (Foster 2001): CR-10 × minutes, arbitrary units. Information only, never a trigger. */
export interface WeekLoad {
  /** Last day of the 7-day week (weeks end today, counted back). */
  weekEnding: string;
  total: number;
  /** Mean daily load ÷ SD of daily load; null when SD is 0 or there is no load. */
  monotony: number | null;
  /** total × monotony. */
  strain: number | null;
  runningMinutes: number;
}

export interface LoadSummary {
  /** Loads of the last 28 days, oldest first (0 for days without a logged session). */
  daily: { date: string; load: number }[];
  /** The last four 7-day weeks, most recent first. */
  weeks: WeekLoad[];
  /** Sum of the last 7 days. */
  acute: number;
  /** Mean weekly load over the last 28 days. */
  chronic: number;
  /** acute ÷ chronic (coupled, as usually published); null when chronic is 0. Criticised: information only. */
  acwr: number | null;
  /** Running minutes this week vs last week, percent change; null without last-week running. */
  runningChangePercent: number | null;
  note: string;
}

export interface RegressDetail {
  ruleId: string;
  label: string;
  action: RegressAction;
  loadReductionPercent?: number;
  restDays?: number;
  patientAdvice?: string;
}

export interface Decision {
  outcome: Outcome;
  fromStageId: string;
  toStageId: string;
  /** Regress-rule checks first (in rule order), then gate checks. */
  checks: Check[];
  flags: Flag[];
  load: LoadSummary;
  /** Set when outcome is 'regress'. */
  regress?: RegressDetail;
  /** Set on an advance or completion that carries a high-severity flag: why a clinician must confirm it, even in a
   * plan whose advances otherwise apply automatically. */
  requiresClinician?: string;
  patientSummary: string;
  clinicianSummary: string;
  engineVersion: string;
  programId: string;
  programVersion: number;
  /** The local date the decision is for (= input.today). */
  evaluatedFor: string;
}
