import {
  blankToUndefined,
  intInRange,
  isBlank,
  isoDate,
  numberInRange,
  optionalIntInRange,
  optionalText,
  preprocess,
  requiredChoice,
} from "~/utils/form-fields.ts";
import { daysBetween } from "~/engine/dates.ts";
import { formatDate } from "~/utils/dates.ts";
import * as z from "~/utils/zod-mini.ts";

// The daily log form: one schema for react-hook-form in the browser and for the action on the server.
// Forms post strings; blanks mean "not given" and are never turned into a fabricated 0. Written with zod/mini so the
// browser bundle stays small (docs/decisions/031-zod-mini-on-the-client.md).

/** A log can be added or changed for today and this many days before it (docs/decisions/030-patient-daily-log.md). */
export const EDIT_WINDOW_DAYS = 3;

/** Why a day's log cannot be added or changed; null when it can. */
export type LogDayRefusal = "future" | "before-plan" | "too-old";

export function logDayRefusal(date: string, today: string, planStart: string): LogDayRefusal | null {
  const age = daysBetween(date, today);
  if (age < 0) return "future";
  if (date < planStart) return "before-plan";
  if (age > EDIT_WINDOW_DAYS) return "too-old";
  return null;
}

/** The true reason, in the patient's words, for the log page and for a refused save. */
export function logDayRefusalMessage(refusal: LogDayRefusal, planStart: string): string {
  switch (refusal) {
    case "future":
      return "That day hasn't come yet: you can log a day once it has started.";
    case "before-plan":
      return `Your plan started on ${formatDate(planStart)}, so there is nothing to log before then.`;
    case "too-old":
      return `Logs can be added or changed for today and the ${EDIT_WINDOW_DAYS} days before it. This day can no longer be changed.`;
  }
}

export const SESSION_DONE = ["done", "partial", "none"] as const;
export const EXERCISE_STATUSES = ["done", "partial", "skipped"] as const;
export const SWELLING_GRADES = ["none", "trace", "1+", "2+", "3+"] as const;
export const SORENESS_LEVELS = ["none", "warmup_resolved", "warmup_persisted", "after_1h_or_next_day"] as const;

export const EXERCISE_STATUS_MESSAGE = "Choose done, partly or not done";
/** The log the form was opened on: "none" when the day had no log yet, else its edit count (see daily-log.server.ts). */
export const NO_LOG_YET = "none";

const optionalNumber = (label: string, min: number, max: number) =>
  preprocess(blankToUndefined, z.optional(numberInRange(label, min, max)));
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  preprocess(blankToUndefined, z.optional(z.enum(values, { error: message })));

/** A required 0–10 radio group: "Choose …" reads better than "Enter … as a number" when nothing was picked. */
export const scoreChoice = (label: string, max = 10) =>
  preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `Choose ${label}` })
      .check(z.int(`Choose ${label}`), z.gte(0, `Choose ${label}`), z.lte(max, `Choose ${label}`)),
  );

/**
 * One exercise of the day. It starts unanswered: after "did them all" an unanswered exercise counts as done at the
 * patient's dose (the service fills it in); after "some of it" each one needs an answer (checked below).
 */
const ExerciseEntrySchema = z.object({
  exerciseId: z.string().check(z.minLength(1), z.maxLength(80)),
  status: optionalEnum(EXERCISE_STATUSES, EXERCISE_STATUS_MESSAGE),
  sets: optionalIntInRange("sets", 0, 50),
  reps: optionalIntInRange("reps", 0, 500),
  loadKg: optionalNumber("extra weight", 0, 500),
});

/**
 * Another activity of the day. The form always has a spare empty row, so a row left completely empty is not an
 * activity (dropped after validation, so error paths keep the row's position on the page); a started row needs all three.
 */
const OtherActivitySchema = z
  .object({
    label: preprocess(
      blankToUndefined,
      z.optional(z.string().check(z.trim(), z.maxLength(60, "Keep it under 60 characters"))),
    ),
    minutes: optionalIntInRange("minutes", 1, 600),
    rpe: optionalIntInRange("effort", 0, 10),
  })
  .check(
    z.superRefine((row, ctx) => {
      const started = row.label !== undefined || row.minutes !== undefined || row.rpe !== undefined;
      if (!started) return;
      if (row.label === undefined)
        ctx.addIssue({ code: "custom", path: ["label"], message: "Say what the activity was" });
      if (row.minutes === undefined) ctx.addIssue({ code: "custom", path: ["minutes"], message: "Enter the minutes" });
      if (row.rpe === undefined) ctx.addIssue({ code: "custom", path: ["rpe"], message: "Enter the effort, 0–10" });
    }),
  );

type OtherActivityRow = z.output<typeof OtherActivitySchema>;
const isComplete = (row: OtherActivityRow): row is { label: string; minutes: number; rpe: number } =>
  row.label !== undefined && row.minutes !== undefined && row.rpe !== undefined;

/** Named provocation tests (hop, decline squat): blanks dropped, the rest 0–10. */
const testPainSchema = preprocess(
  (v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, value]) => !isBlank(value)))
      : undefined,
  z.optional(z.record(z.string().check(z.regex(/^[a-z0-9_-]{1,40}$/)), intInRange("test pain", 0, 10))),
);

export const DailyLogSchema = z
  .object({
    date: isoDate("the day"),
    morningPain: optionalIntInRange("morning pain", 0, 10),
    morningStiffness: optionalIntInRange("morning stiffness", 0, 10),
    sessionDone: requiredChoice(SESSION_DONE, "Did you do today's session? Choose one"),
    exercises: preprocess((v) => (isBlank(v) ? [] : v), z.array(ExerciseEntrySchema).check(z.maxLength(40))),
    runningMinutes: optionalIntInRange("running minutes", 0, 600),
    painDuring: optionalIntInRange("pain during", 0, 10),
    painAfter: optionalIntInRange("pain after", 0, 10),
    sessionRpe: optionalIntInRange("effort", 0, 10),
    sessionMinutes: optionalIntInRange("session minutes", 0, 600),
    swelling: optionalEnum(SWELLING_GRADES, "Choose how swollen it is"),
    soreness: optionalEnum(SORENESS_LEVELS, "Choose how sore it was"),
    testPain: testPainSchema,
    otherActivities: z.pipe(
      preprocess((v) => (isBlank(v) ? [] : v), z.array(OtherActivitySchema).check(z.maxLength(10))),
      z.transform((rows: OtherActivityRow[]) => rows.filter(isComplete)),
    ),
    notes: optionalText(1000),
    // Absent from hand-made posts and older forms: then there is nothing to compare, and the save goes ahead.
    openedVersion: preprocess(
      blankToUndefined,
      z.optional(z.string().check(z.regex(/^(none|\d{1,6})$/, "Open this day's log again and save"))),
    ),
  })
  .check(
    z.superRefine((log, ctx) => {
      // Pain during loading is the number the plan is steered by: a session without it can't be judged.
      if (log.sessionDone !== "none" && log.painDuring === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["painDuring"],
          message: "How much did it hurt during the session? Choose 0–10",
        });
      }
      // "Some of it": which ones is the point of the answer, so each exercise needs one.
      if (log.sessionDone === "partial") {
        log.exercises.forEach((exercise, i) => {
          if (exercise.status === undefined)
            ctx.addIssue({ code: "custom", path: ["exercises", i, "status"], message: EXERCISE_STATUS_MESSAGE });
        });
      }
    }),
  );

export type DailyLogInput = z.output<typeof DailyLogSchema>;

/** The morning check-in on the Today page: just the two numbers on waking. */
export const CheckInSchema = z.object({
  date: isoDate("the day"),
  morningPain: scoreChoice("your pain on waking"),
  morningStiffness: scoreChoice("your stiffness on waking"),
});

export type CheckInInput = z.output<typeof CheckInSchema>;
