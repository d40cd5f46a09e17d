import type { DedicatedKind } from "./criterion-field-specs.ts";
import type { CriterionFormValues } from "./form-values.ts";

/** A new gate, regress criterion or progression condition of a kind, with usual settings to start from. */
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
    dose_done: { sessions: "3", exerciseId: "" },
  };
  return { id, kind, label: "", _rest: "", ...defaults[kind] };
}
