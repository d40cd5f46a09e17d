/**
 * Fact schemas: the plan history the app loads from the database and hands to the engine.
 *
 * Optional values accept both `undefined` and `null` (`nullish`) so database rows map across without a cleanup
 * step. All dates are the patient's local calendar dates 'YYYY-MM-DD'.
 */
import * as z from "zod";
import { isValidTimeZone } from "./dates";
import { LocalDateSchema, ProgramSchema, SorenessSchema, SwellingGradeSchema } from "./schema";

const PainScore = z.number().min(0).max(10);

const InvolvedSideSchema = z.enum(["left", "right", "both", "none"]);

export const PlanFactsSchema = z.object({
  /** IANA zone of the patient, e.g. 'Europe/Stockholm'. Decides what "today" is. */
  timeZone: z.string().refine(isValidTimeZone, "unknown IANA time zone"),
  startDate: LocalDateSchema,
  injuryDate: LocalDateSchema.nullish(),
  surgeryDate: LocalDateSchema.nullish(),
  involvedSide: InvolvedSideSchema,
  currentStageId: z.string().min(1),
  stageEnteredOn: LocalDateSchema,
  /**
   * The day the decision that moved the patient into this stage was made for, when it is the entry date itself: that
   * day's log belongs to the stage before (stage-dates.ts `firstStageDay`). Absent for a plan's first stage.
   */
  movedOn: LocalDateSchema.nullish(),
  /** Date of the most recent regress decision applied (starts the no-flip-flop stay). */
  lastRegressOn: LocalDateSchema.nullish(),
});

const ExerciseActualSchema = z.object({
  exerciseId: z.string().min(1),
  status: z.enum(["done", "partial", "skipped"]),
  sets: z.number().int().nonnegative().nullish(),
  reps: z.number().int().nonnegative().nullish(),
  loadKg: z.number().nonnegative().nullish(),
});

const OtherActivitySchema = z.object({
  label: z.string().min(1),
  minutes: z.number().nonnegative(),
  /** Borg CR-10. */
  rpe: z.number().min(0).max(10),
});

export const DailyLogFactSchema = z.object({
  /** The local day the log is for. */
  date: LocalDateSchema,
  /** Reported on waking on `date`: the next-morning response to the session of `date - 1`. */
  morningPain: PainScore.nullish(),
  /** Reported on waking on `date`, like morningPain. */
  morningStiffness: PainScore.nullish(),
  sessionDone: z.enum(["done", "partial", "none"]),
  painDuring: PainScore.nullish(),
  painAfter: PainScore.nullish(),
  painAtRest: PainScore.nullish(),
  sessionMinutes: z.number().nonnegative().nullish(),
  /** Borg CR-10 rating of the whole session. */
  sessionRpe: z.number().min(0).max(10).nullish(),
  runningMinutes: z.number().nonnegative().nullish(),
  swelling: SwellingGradeSchema.nullish(),
  soreness: SorenessSchema.nullish(),
  exercises: z.array(ExerciseActualSchema).nullish(),
  otherActivities: z.array(OtherActivitySchema).nullish(),
  /** Pain of named provocation tests, e.g. { hop: 2, decline_squat: 3 }. */
  testPain: z.record(z.string(), PainScore).nullish(),
});

export const MeasurementFactSchema = z.object({
  date: LocalDateSchema,
  /** e.g. 'single_leg_heel_raise_reps', 'quad_strength_nm', 'single_hop_cm', 'visa_a', 'lefs'. */
  measure: z.string().min(1),
  side: z.enum(["left", "right"]).nullish(),
  value: z.number().finite(),
});

export const SignoffFactSchema = z.object({
  itemId: z.string().min(1),
  date: LocalDateSchema,
  clinicianId: z.string().nullish(),
});

export type PlanFacts = z.infer<typeof PlanFactsSchema>;
export type DailyLogFact = z.infer<typeof DailyLogFactSchema>;
export type MeasurementFact = z.infer<typeof MeasurementFactSchema>;
export type SignoffFact = z.infer<typeof SignoffFactSchema>;

export const EvaluationInputSchema = z.object({
  program: ProgramSchema,
  plan: PlanFactsSchema,
  /** The patient's local date the decision is for (see localDateOf to derive it from an instant). */
  today: LocalDateSchema,
  logs: z.array(DailyLogFactSchema),
  measurements: z.array(MeasurementFactSchema),
  signoffs: z.array(SignoffFactSchema),
});
