import type { FieldSpec } from "~/schemas/program-form/field-spec.ts";

// The clinician's wording for the editor's choices.

export const KIND_LABELS: Record<string, string> = {
  pain: "Pain",
  capacity: "Capacity / limb symmetry",
  questionnaire: "Questionnaire",
  time: "Time",
  adherence: "Adherence",
  signoff: "Clinician sign-off",
  swelling: "Swelling",
  settle: "Settles by next morning",
  trend: "Week-on-week trend",
  repetitions: "Repeated sessions",
  soreness: "Soreness rules",
  dose_done: "Prescribed dose done",
};

const COMPARATOR_LABELS: Record<string, string> = {
  lte: "≤ at most",
  lt: "< below",
  gte: "≥ at least",
  gt: "> above",
  eq: "= exactly",
};

/** Clinician wording for option values whose id alone is unclear (others show the id with spaces). */
const OPTION_LABELS: Record<string, Record<string, string>> = {
  soreness: {
    none: "no soreness",
    warmup_resolved: "sore at warm-up, gone after it",
    warmup_persisted: "sore at warm-up, and it stayed",
    after_1h_or_next_day: "sore over 1 h after, or the next day",
  },
  baseline: { pre_session: "that session day's morning report", fixed: "a fixed value" },
  // "dose" alone read as a number; a progression rule's conditions usually want it (the built-in rules use it).
  scope: { stage: "this stage", plan: "the whole plan", dose: "since the current dose" },
};

export function optionLabel(spec: FieldSpec, value: string) {
  if (spec.name === "comparator") return COMPARATOR_LABELS[value] ?? value;
  const key = spec.name.split(".").pop()!;
  return OPTION_LABELS[key === "levels" ? "soreness" : key]?.[value] ?? value.replace(/_/g, " ");
}
