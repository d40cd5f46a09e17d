import type { EXERCISE_FIELDS } from "./exercise-field-specs.ts";
import type { PROGRESSION_STEP_FIELDS } from "./progression-field-specs.ts";

// The program editor's form values: what programToForm gives, the editor's fields hold and the form posts. Every value
// is text ("" = not set); names mirror the program's own paths, so react-hook-form's field names are these paths.

/** A gate or a regress rule's criterion. Its settings depend on its kind (CRITERION_FIELDS), so they go by name. */
export type CriterionFormValues = {
  id: string;
  kind: string;
  label: string;
  /** The criterion's parts without a field of their own, as JSON. */
  _rest: string;
  /** A setting of its kind: "threshold", "windowCount", "conditions" (nested), "levels" (a checkbox group)… */
  [setting: string]: unknown;
};

type ExerciseFieldName = (typeof EXERCISE_FIELDS)[number]["name"];

/** A progression rule (on an exercise, or on a stage for its exercises). `kind` "" = the place has no rule. */
type ProgressionSettingName = (typeof PROGRESSION_STEP_FIELDS)[keyof typeof PROGRESSION_STEP_FIELDS][number]["name"];

export type ProgressionFormValues = { [N in ProgressionSettingName]?: string } & {
  kind: string;
  id: string;
  label: string;
  patientText: string;
  /** The rule's parts without a field of their own (its source), as JSON. */
  _rest: string;
  when: CriterionFormValues[];
  /** Any met: one step back down. None = no step back. */
  stepBack: CriterionFormValues[];
};

export type ExerciseFormValues = { [N in ExerciseFieldName]?: string } & {
  loadText: string;
  /** The load in kg, the number a progression rule steps ("" = none). */
  loadKg?: string;
  progression?: ProgressionFormValues;
  sourceNote: string;
  sourceOurs: string;
  _rest: string;
};

/** A walk-run block: times in minutes ("1.5" or "1:30"), stored as seconds. */
export type RunBlockFormValues = { walkMinutes: string; runMinutes: string; repeats: string; intensity: string };

/** The stage's run: no blocks and nothing else set = the stage has no run. */
export type RunFormValues = {
  warmUpMinutes: string;
  coolDownMinutes: string;
  distanceKm: string;
  perWeek: string;
  restDayBetween: string;
  notes: string;
  sourceNote: string;
  sourceOurs: string;
  _rest: string;
  blocks: RunBlockFormValues[];
  progression?: ProgressionFormValues;
};

type PrescriptionFormValues = {
  frequencyPerWeek: string;
  notes: string;
  sourceNote: string;
  sourceOurs: string;
  _rest: string;
  exercises: ExerciseFormValues[];
  run?: RunFormValues;
};

type RegressRuleFormValues = {
  id: string;
  label: string;
  when: string;
  restDays: string;
  patientAdvice: string;
  _rest: string;
  criteria: CriterionFormValues[];
  action: { to: string; steps: string; stageId: string; loadReductionPercent: string };
};

/** A test the patient scores for pain the morning after a session; its id comes from its name when blank. */
export type MonitoringTestFormValues = { id: string; name: string; instructions: string; _rest: string };

/** The stage's trial sessions: label "" = no trial; test "" = every session of the stage is one. */
type TrialFormValues = { label: string; test: string; _rest: string };

export type StageFormValues = {
  id: string;
  name: string;
  goal: string;
  instructions: string;
  minDays: string;
  notes: string;
  _rest: string;
  prescription: PrescriptionFormValues;
  gates: CriterionFormValues[];
  regressRules: RegressRuleFormValues[];
  monitoringTests?: MonitoringTestFormValues[];
  trial?: TrialFormValues;
  progression?: ProgressionFormValues;
};

type CitationFormValues = {
  id: string;
  authors: string;
  year: string;
  title: string;
  journal: string;
  note: string;
};

export type ProgramFormValues = {
  id: string;
  version: string;
  name: string;
  condition: string;
  summary: string;
  notes: string;
  minDaysAfterRegress: string;
  freshDataDays: string;
  redFlagHoldDays: string;
  _rest: string;
  painModel: {
    name: string;
    duringMax: string;
    afterMax: string;
    inclusive: string;
    settleBy: string;
    weekOnWeek: string;
    redFlagPain: string;
    _rest: string;
  };
  citations: CitationFormValues[];
  stages: StageFormValues[];
};
