// Blank form values for the editor's "add" buttons and for a new program (ids come from names or are generated; the
// clinician never types one).
import type { DedicatedKind } from "./criterion-field-specs.ts";
import type { CriterionFormValues, ExerciseFormValues, ProgramFormValues, StageFormValues } from "./form-values.ts";
import { blankProgression, programToForm } from "./program-to-form.ts";

export function blankCriterion(kind: DedicatedKind, id: string): CriterionFormValues {
  const defaults: Record<DedicatedKind, Record<string, unknown>> = {
    pain: { metric: "during", aggregate: "max", windowUnit: "days", windowCount: "7" },
    capacity: { measure: "", mode: "lsi", comparator: "gte", threshold: "90" },
    questionnaire: { instrument: "visa_a", mode: "absolute", comparator: "gte", threshold: "" },
    time: { from: "plan_start", days: "14" },
    adherence: { windowDays: "14", threshold: "80" },
    signoff: { itemId: "", prompt: "" },
    swelling: { aggregate: "max", windowUnit: "days", windowCount: "7", comparator: "lte", grade: "trace" },
    settle: { windowUnit: "sessions", windowCount: "3", baseline: "pre_session" },
    trend: { metric: "next_morning", expect: "" },
    repetitions: { count: "2", conditions: { maxPainDuring: "2", soreness: [] } },
    soreness: { aggregate: "latest", windowUnit: "sessions", windowCount: "1", levels: ["warmup_persisted"] },
  };
  return { id, kind, label: "", _rest: "", ...defaults[kind] };
}

/** A new stage: its id comes from its name when saved (./form-to-program.ts). */
export function blankStage(): StageFormValues {
  return {
    id: "",
    name: "",
    goal: "",
    instructions: "",
    minDays: "7",
    notes: "",
    _rest: "",
    prescription: { frequencyPerWeek: "", notes: "", sourceNote: "", sourceOurs: "", _rest: "", exercises: [] },
    gates: [],
    regressRules: [],
    monitoringTests: [],
    trial: { label: "", test: "", _rest: "" },
    progression: blankProgression("progression"),
  };
}

export function blankProgram(): ProgramFormValues {
  return programToForm({
    id: "new-program",
    version: 1,
    name: "",
    condition: "",
    summary: "",
    painModel: {
      name: "Pain-monitoring model",
      duringMax: 5,
      afterMax: null,
      inclusive: true,
      settleBy: "next_morning",
      weekOnWeek: "no_rise",
      redFlagPain: 7,
    },
    citations: [],
    stages: [],
  });
}

/** A new exercise: a usual dose to start from; its id comes from its name when saved. */
export function blankExercise(): ExerciseFormValues {
  return {
    id: "",
    name: "",
    sets: "3",
    reps: "10",
    side: "both",
    loadText: "",
    loadKg: "",
    sourceNote: "",
    sourceOurs: "",
    _rest: "",
    progression: blankProgression(""),
  };
}
