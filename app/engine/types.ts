/**
 * The engine's input and output shapes. Facts are inferred from their zod schemas (facts.ts); the Decision is a
 * plain interface because the engine produces it (nothing outside parses it back except the audit trail, which
 * stores it as JSON).
 */
import type { CriterionKind, Comparator, Prescription, Program, RegressAction, Source } from "./schema";
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
  /** The patient's own dose of the current stage; absent = the stage's prescription, in effect since stage entry. */
  dose?: PersonalDoseInput;
}

/** An exercise's dose as the patient gets it: the program's exercise without provenance or progression rule. */
export type ExerciseDose = Omit<Prescription["exercises"][number], "source" | "progression">;
/** The run as the patient gets it. */
export type RunDose = Omit<NonNullable<Prescription["run"]>, "source" | "progression">;

export interface PersonalDoseInput {
  /** The current stage's prescription with the patient's dose applied (exercise ids kept). */
  prescription: Prescription;
  /** The local date the current dose took effect: sessions before it do not count for progression. */
  since: string;
}

interface DoseChangeBase {
  direction: "increase" | "decrease";
  /** The progression rule (`progression`, `step_back`) or regress rule (`regress`) that made the change. */
  ruleId: string;
  reason: "progression" | "step_back" | "regress";
  /** True when the step was cut short by the rule's cap (or the change is the cap itself). */
  capped: boolean;
  /** The rule's checks, explained like gates. */
  checks: Check[];
  patientText: string;
  clinicianText: string;
}

/** One change of the patient's dose: `to` is the whole new dose of that exercise (or of the run). */
export type DoseChange =
  | (DoseChangeBase & { part: "exercise"; exerciseId: string; name: string; from: ExerciseDose; to: ExerciseDose })
  | (DoseChangeBase & { part: "run"; exerciseId: null; name: string; from: RunDose; to: RunDose });

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
  /** Changes of the patient's dose within the stage (progression, step back, a regress's load reduction); empty when
   * nothing changes. Never an increase with a regress or a high-severity flag. */
  doseChanges: DoseChange[];
  patientSummary: string;
  clinicianSummary: string;
  engineVersion: string;
  programId: string;
  programVersion: number;
  /** The local date the decision is for (= input.today). */
  evaluatedFor: string;
}
