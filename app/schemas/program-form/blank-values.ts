// Blank form values for the editor's "add" buttons and for a new program (ids prefilled so the clinician rarely
// types one).
import type { DedicatedKind } from "./criterion-field-specs.ts";
import type { CriterionFormValues, ProgramFormValues, StageFormValues } from "./form-values.ts";
import { programToForm } from "./program-to-form.ts";

export function blankCriterion(kind: DedicatedKind, id: string): CriterionFormValues {
  const defaults: Record<DedicatedKind, Record<string, unknown>> = {
    pain: { metric: "during", aggregate: "max", windowUnit: "days", windowCount: "7" },
    capacity: { measure: "", mode: "lsi", comparator: "gte", threshold: "90" },
    questionnaire: { instrument: "visa_a", mode: "absolute", comparator: "gte", threshold: "" },
    time: { from: "stage_entry", days: "14" },
    adherence: { windowDays: "14", threshold: "80" },
    signoff: { itemId: "", prompt: "" },
    swelling: { aggregate: "max", windowUnit: "days", windowCount: "7", comparator: "lte", grade: "trace" },
    settle: { windowUnit: "sessions", windowCount: "3", baseline: "pre_session" },
    trend: { metric: "next_morning", expect: "" },
    repetitions: { count: "2", conditions: { maxPainDuring: "2", soreness: [] } },
    soreness: { aggregate: "latest", windowUnit: "sessions", windowCount: "1", levels: ["warmup_persisted"] },
    dose_done: { sessions: "3", exerciseId: "" },
  };
  return { id, kind, label: "", _rest: "", ...defaults[kind] };
}

export function blankStage(n: number): StageFormValues {
  return {
    id: `stage-${n}`,
    name: "",
    goal: "",
    instructions: "",
    minDays: "7",
    notes: "",
    _rest: "",
    prescription: { frequencyPerWeek: "", notes: "", sourceNote: "", sourceOurs: "", _rest: "", exercises: [] },
    gates: [],
    regressRules: [],
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
