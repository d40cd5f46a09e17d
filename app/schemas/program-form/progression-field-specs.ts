import type { FieldSpec } from "./field-spec.ts";

/**
 * The settings of each kind of progression step (the engine's ProgressionStepSchema), as the editor shows them. A new
 * step kind is one more entry here and a label in PROGRESSION_KIND_LABELS.
 */
export const PROGRESSION_STEP_FIELDS = {
  load_step: [
    { name: "stepKg", label: "Add (kg)", type: "number", optional: true, hint: "Or a percentage; one of the two" },
    { name: "stepPercent", label: "Add (% of the load)", type: "number", optional: true },
    { name: "maxKg", label: "Never above (kg)", type: "number", optional: true },
  ],
  double_progression: [
    { name: "repsFrom", label: "Reps from", type: "number" },
    { name: "repsTo", label: "Reps up to", type: "number" },
    { name: "repsStep", label: "Reps added per step", type: "number", optional: true, hint: "Blank: 1" },
    { name: "stepKg", label: "Then add (kg)", type: "number", optional: true, hint: "Or a percentage; one of the two" },
    { name: "stepPercent", label: "Then add (% of the load)", type: "number", optional: true },
    { name: "maxKg", label: "Never above (kg)", type: "number", optional: true },
  ],
  run_progression: [
    { name: "runSecondsStep", label: "Run longer by (s)", type: "number", optional: true },
    { name: "walkSecondsStep", label: "Walk less by (s)", type: "number", optional: true },
    { name: "repeatsStep", label: "Repeats added", type: "number", optional: true },
    { name: "maxRunSeconds", label: "Run at most (s)", type: "number", optional: true },
    { name: "minWalkSeconds", label: "Walk at least (s)", type: "number", optional: true },
    { name: "maxRepeats", label: "Repeats at most", type: "number", optional: true },
  ],
} as const satisfies Record<string, readonly FieldSpec[]>;

export type ProgressionKind = keyof typeof PROGRESSION_STEP_FIELDS;
export const isProgressionKind = (kind: unknown): kind is ProgressionKind =>
  typeof kind === "string" && kind in PROGRESSION_STEP_FIELDS;

/** Every setting name any step kind has (form values hold them all; only the chosen kind's are read). */
export const PROGRESSION_SETTING_NAMES = [
  ...new Set(Object.values(PROGRESSION_STEP_FIELDS).flatMap((specs) => specs.map((s) => s.name))),
];

/** The clinician's words for each kind. */
export const PROGRESSION_KIND_LABELS: Record<ProgressionKind, string> = {
  load_step: "Add load",
  double_progression: "Double progression (reps, then load)",
  run_progression: "Run longer",
};

/** Exercises and a stage's exercises progress by load; the run block by run progression (docs/engine.md). */
export const LOAD_PROGRESSION_KINDS: ProgressionKind[] = ["load_step", "double_progression"];
