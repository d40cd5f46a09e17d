import type { EXERCISE_FIELDS } from "./exercise-field-specs.ts";

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

type ExerciseFormValues = { [N in ExerciseFieldName]?: string } & {
  loadText: string;
  sourceNote: string;
  sourceOurs: string;
  _rest: string;
};

type PrescriptionFormValues = {
  frequencyPerWeek: string;
  notes: string;
  sourceNote: string;
  sourceOurs: string;
  _rest: string;
  exercises: ExerciseFormValues[];
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
