import {
  blankToUndefined,
  intInRange,
  isBlank,
  numberInRange,
  optionalIntInRange,
  optionalText,
  preprocess,
  requiredText,
} from "~/utils/form-fields.ts";
import * as z from "~/utils/zod-mini.ts";

// The clinician's "this patient's dose" form (docs/decisions/052-personal-prescription.md): one row per exercise of
// the current stage, a spare row to add one, the run, a reason and the dose version the form was opened on.

export const DOSE_SIDES = [
  { value: "involved", label: "Painful" },
  { value: "uninvolved", label: "Other" },
  { value: "both", label: "Both" },
] as const;

/** "program": an exercise of the stage; "added": one added for this patient earlier; "new": the spare row. */
export const DOSE_ROW_ORIGINS = ["program", "added", "new"] as const;

const optionalNumber = (label: string, min: number, max: number) =>
  preprocess(blankToUndefined, z.optional(numberInRange(label, min, max)));

const ExerciseDoseRowSchema = z
  .object({
    exerciseId: preprocess(blankToUndefined, z.optional(z.string().check(z.maxLength(80)))),
    origin: z.enum(DOSE_ROW_ORIGINS),
    name: optionalText(120),
    // A checkbox: the browser posts "on" when ticked; react-hook-form gives true or false.
    drop: preprocess((v) => (v === true || v === "on" ? "on" : undefined), z.optional(z.literal("on"))),
    sets: optionalIntInRange("sets", 1, 20),
    setsMax: optionalIntInRange("the most sets", 1, 20),
    reps: optionalIntInRange("reps", 1, 500),
    repsMax: optionalIntInRange("the most reps", 1, 500),
    holdSeconds: optionalNumber("hold seconds", 1, 600),
    loadKg: optionalNumber("load in kg", 0, 500),
    loadText: optionalText(80),
    tempo: optionalText(30),
    perDay: optionalIntInRange("times a day", 1, 10),
    perWeek: optionalIntInRange("days a week", 1, 7),
    side: preprocess(
      blankToUndefined,
      z.optional(z.enum(["involved", "uninvolved", "both"], { error: "Choose a side" })),
    ),
    notes: optionalText(300),
  })
  .check(
    z.superRefine((row, ctx) => {
      const dropped = row.drop !== undefined;
      const anything =
        row.name !== undefined ||
        [row.sets, row.reps, row.holdSeconds, row.loadKg, row.perDay, row.perWeek].some((v) => v !== undefined);
      // The spare row left empty is not an exercise.
      if (row.origin === "new" && !anything) return;
      if (dropped) return;
      if (row.origin !== "program" && row.name === undefined)
        ctx.addIssue({ code: "custom", path: ["name"], message: "Name the exercise" });
      // A program's exercise may have no count ("hops and jumps, build up gradually"); one added here needs one.
      if (row.origin !== "program" && row.sets === undefined && row.reps === undefined && row.holdSeconds === undefined)
        ctx.addIssue({ code: "custom", path: ["reps"], message: "Give sets, reps or a hold time" });
      if (row.setsMax !== undefined && (row.sets === undefined || row.setsMax < row.sets))
        ctx.addIssue({ code: "custom", path: ["setsMax"], message: "The most sets must be at least the sets" });
      if (row.repsMax !== undefined && (row.reps === undefined || row.repsMax < row.reps))
        ctx.addIssue({ code: "custom", path: ["repsMax"], message: "The top of the range must be at least the reps" });
      if (row.origin === "new" && row.side === undefined)
        ctx.addIssue({ code: "custom", path: ["side"], message: "Choose a side" });
    }),
  );

export type ExerciseDoseRow = z.output<typeof ExerciseDoseRowSchema>;

const RunDoseSchema = z.object({
  warmUpMinutes: optionalNumber("warm-up minutes", 0, 60),
  runMinutes: numberInRange("run minutes", 0.1, 180),
  walkMinutes: optionalNumber("walk minutes", 0, 60),
  repeats: intInRange("repeats", 1, 50),
  perWeek: optionalIntInRange("runs a week", 1, 7),
  notes: optionalText(300),
});

export const PersonalDoseSchema = z.object({
  planId: requiredText("the plan", 80),
  stageId: requiredText("the stage", 80),
  /** "current": the patient's stage now; "prepared": the starting dose of a stage they have not entered yet. */
  target: z.enum(["current", "prepared"], { error: "Reload the page and try again" }),
  doseVersion: z.coerce
    .number({ error: "Reload the page: the form has lost its version" })
    .check(z.int(), z.gte(0, "Reload the page: the form has lost its version")),
  /** The plan's program version the form showed: a move to another version since makes the form stale too. */
  programVersion: z.coerce
    .number({ error: "Reload the page: the form has lost its version" })
    .check(z.int(), z.gte(1, "Reload the page: the form has lost its version")),
  exercises: preprocess((v) => (isBlank(v) ? [] : v), z.array(ExerciseDoseRowSchema).check(z.maxLength(40))),
  run: preprocess(blankToUndefined, z.optional(RunDoseSchema)),
  doseReason: requiredText("why you are changing the dose", 500),
});

export type PersonalDoseForm = z.output<typeof PersonalDoseSchema>;
