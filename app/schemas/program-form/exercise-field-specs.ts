import type { FieldSpec } from "./field-spec.ts";

/** An exercise's fields in the editor (its load text and clinician-only source have fields of their own). */
export const EXERCISE_FIELDS = [
  { name: "id", label: "Id", type: "text", optional: true, hint: "Hidden; from the name when blank" },
  { name: "name", label: "Exercise", type: "text" },
  { name: "sets", label: "Sets", type: "number", optional: true },
  { name: "setsMax", label: "Sets (max)", type: "number", optional: true },
  { name: "reps", label: "Reps", type: "number", optional: true },
  { name: "repsMax", label: "Reps (max)", type: "number", optional: true },
  { name: "holdSeconds", label: "Hold (s)", type: "number", optional: true },
  { name: "tempo", label: "Tempo", type: "text", optional: true },
  { name: "perWeek", label: "Per week", type: "number", optional: true },
  { name: "side", label: "Side", type: "select", options: ["both", "involved", "uninvolved"] },
  {
    name: "notes",
    label: "Notes for the patient",
    type: "text",
    optional: true,
    hint: "Plain instructions; no sources",
  },
] as const satisfies readonly FieldSpec[];
