// Blank form values for the editor's "add" buttons and for a new program (ids come from names or are generated; the
// clinician never types one).
import type { ExerciseFormValues, ProgramFormValues, StageFormValues } from "./form-values.ts";
import { blankCriterion } from "./blank-criterion.ts";
import { blankProgression, programToForm, runToForm } from "./program-to-form.ts";

export { blankCriterion };

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
    prescription: {
      frequencyPerWeek: "",
      notes: "",
      sourceNote: "",
      sourceOurs: "",
      _rest: "",
      exercises: [],
      run: runToForm(undefined),
    },
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
