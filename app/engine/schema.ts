/**
 * Program schema: the data a clinician (or the built-in library) authors.
 *
 * Deliberately no `.default()` anywhere: the parsed type equals the authored type, so a program can be written as a
 * typed object literal (`satisfies Program`) or stored as JSON and parsed back without the two drifting apart. The
 * engine applies defaults itself (see defaults.ts) and documents them.
 */
import * as z from "zod";
import { isValidLocalDate } from "./dates";
import { QUESTIONNAIRES } from "./instruments";

/** Lower-case identifier used for programs, stages, exercises, criteria and rules. */
const SlugSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "use lower-case letters, digits, '-' or '_'");

/** A local calendar date, 'YYYY-MM-DD', in the patient's time zone. */
export const LocalDateSchema = z.string().refine(isValidLocalDate, "expected a calendar date 'YYYY-MM-DD'");

const PainScore = z.number().min(0).max(10);
const PositiveInt = z.number().int().positive();
const NonNegativeInt = z.number().int().nonnegative();

// ---------------------------------------------------------------------------------------------------------------
// Provenance: every number that is "our reading" rather than the source's must be labelled as such.
// ---------------------------------------------------------------------------------------------------------------

const CitationSchema = z.object({
  id: SlugSchema,
  authors: z.string().min(1),
  year: z.number().int().min(1900).max(2100),
  title: z.string().min(1),
  journal: z.string().min(1),
  note: z.string().optional(),
});

const SourceSchema = z.object({
  /** Ids of the program's citations this value rests on. */
  citationIds: z.array(SlugSchema).optional(),
  /** True when the number is our own reading (shown as such and editable). */
  ours: z.boolean().optional(),
  note: z.string().optional(),
});

// ---------------------------------------------------------------------------------------------------------------
// Shared vocabularies
// ---------------------------------------------------------------------------------------------------------------

/** lt/lte/gt/gte compare `observed <op> threshold`; lte/gte are inclusive (the threshold itself passes). */
const ComparatorSchema = z.enum(["lt", "lte", "gt", "gte", "eq"]);

/** during/after/at rest come from the session day's log; next_morning and stiffness are reported on waking and belong
 * to the previous day's session; test = the pain of a named provocation test (hop, decline squat, ...). */
const PainMetricSchema = z.enum(["during", "after", "next_morning", "at_rest", "stiffness", "test"]);

export const SwellingGradeSchema = z.enum(["none", "trace", "1+", "2+", "3+"]);

/** Delaware soreness rules (Adams et al.). */
export const SorenessSchema = z.enum(["none", "warmup_resolved", "warmup_persisted", "after_1h_or_next_day"]);

const SideSchema = z.enum(["involved", "uninvolved", "both"]);

/** Which history a log-based criterion may look at. 'stage' = since the current stage was entered (default for
 * most kinds: earlier logs reflect another prescription); 'plan' = since the plan started; 'dose' = since the
 * patient's current dose took effect (EvaluationInput.dose.since, else the stage's first day): progression rules. */
const ScopeSchema = z.enum(["stage", "plan", "dose"]);
/** Scope of criteria that do not read session logs (measurements, sign-offs) or judge the stage's frequency
 * (adherence): a dose change does not start their history over. */
const StageOrPlanScopeSchema = z.enum(["stage", "plan"]);

/** A rolling window ending today: the last N calendar days (today included) or the last N sessions done. */
const WindowSchema = z.union([z.object({ days: PositiveInt }).strict(), z.object({ sessions: PositiveInt }).strict()]);

export const QuestionnaireSchema = z.enum(QUESTIONNAIRES);

// ---------------------------------------------------------------------------------------------------------------
// Pain model: the program's symptom-response settings. Pain criteria without a threshold take theirs from here.
// ---------------------------------------------------------------------------------------------------------------

export const PainModelSchema = z.object({
  /** Display name, e.g. "Silbernagel pain-monitoring model". */
  name: z.string().min(1),
  /** Highest pain allowed during loading; null = pain allowed (e.g. Alfredson: continue unless disabling). */
  duringMax: PainScore.nullable(),
  /** Highest pain allowed after loading; null = no separate limit. */
  afterMax: PainScore.nullable(),
  /** True: pain exactly at the limit is acceptable ("may reach 5, not exceed it"). False: must stay below it. */
  inclusive: z.boolean(),
  /** Where symptoms must have settled. */
  settleBy: z.enum(["next_morning", "24h", "none"]),
  /** Next-morning pain may exceed its baseline by this much and still count as settled (default 0). */
  settleTolerance: PainScore.optional(),
  /** Week-on-week rule: pain and stiffness must not rise from one week to the next. */
  weekOnWeek: z.enum(["no_rise", "none"]),
  /** Pain at or above this level is flagged to the clinician (never silently accepted). */
  redFlagPain: PainScore,
  source: SourceSchema.optional(),
});

// ---------------------------------------------------------------------------------------------------------------
// Criteria (a discriminated union on `kind`). A criterion is a predicate: in a gate it must be met to advance, in a
// regress rule it triggers the rule when met. Missing data is 'no_data': it never passes a gate and never triggers.
// ---------------------------------------------------------------------------------------------------------------

const criterionBase = {
  /** Unique within its gate list or regress rule. */
  id: SlugSchema,
  /** Short clinician-facing label; generated from the criterion when absent. */
  label: z.string().optional(),
  /** Plain-words sentence for the patient; generated when absent. */
  patientText: z.string().optional(),
  source: SourceSchema.optional(),
};

const PainCriterionSchema = z.object({
  ...criterionBase,
  kind: z.literal("pain"),
  metric: PainMetricSchema,
  /** The named test when metric = 'test' (a key of the log's testPain, e.g. 'hop', 'decline_squat'). */
  test: z.string().min(1).optional(),
  aggregate: z.enum(["latest", "max", "mean"]),
  window: WindowSchema,
  /** Defaults from the pain model: 'lte' when inclusive, 'lt' when exclusive. */
  comparator: ComparatorSchema.optional(),
  /** Defaults to the pain model's limit (only for metric during/after). */
  threshold: PainScore.optional(),
  /** Fewer values than this in the window = no data (default 1). */
  minSamples: PositiveInt.optional(),
  scope: ScopeSchema.optional(),
});

const SettleCriterionSchema = z.object({
  ...criterionBase,
  kind: z.literal("settle"),
  /** Sessions looked at (each needs its next-morning report). */
  window: WindowSchema,
  /** What the next morning is judged on: one of the stage's monitoring tests (its pain score that morning); absent =
   * the pain on waking. */
  test: SlugSchema.optional(),
  /** pre_session: the morning report of the session day itself; fixed: `baselineValue`; usual: the median of the
   * last `usualOf` scores logged in scope before the morning judged (the usual level). */
  baseline: z.enum(["pre_session", "fixed", "usual"]),
  baselineValue: PainScore.optional(),
  /** How many earlier scores make the usual level (default 5; ours). */
  usualOf: PositiveInt.optional(),
  /** Allowed excess over baseline (default: pain model settleTolerance, else 0). */
  tolerance: PainScore.optional(),
  /** 'settled' (gate use, default) or 'not_settled' (regress use: met when any session did not settle). */
  expect: z.enum(["settled", "not_settled"]).optional(),
  minSamples: PositiveInt.optional(),
  scope: ScopeSchema.optional(),
});

const TrendCriterionSchema = z.object({
  ...criterionBase,
  kind: z.literal("trend"),
  metric: PainMetricSchema,
  test: z.string().min(1).optional(),
  /** Allowed rise of this week's mean over last week's mean (default 0): the rule's tolerance. */
  maxRise: z.number().min(0).optional(),
  /** A rise counts only when at least this many days this week were above last week's mean by more than maxRise
   * (default 2, ours: a single bad day does not make a rising week; 1 = it can). */
  minRaisedDays: PositiveInt.optional(),
  /** 'not_rising' (gate use, default) or 'rising' (regress use). */
  expect: z.enum(["not_rising", "rising"]).optional(),
  /** Each 7-day week needs at least this many values (default 3). */
  minSamplesPerWeek: PositiveInt.optional(),
  /** Default 'plan': a trend needs two whole weeks. */
  scope: ScopeSchema.optional(),
});

const CapacityCriterionSchema = z.object({
  ...criterionBase,
  kind: z.literal("capacity"),
  /** Measurement id, e.g. 'single_leg_heel_raise_reps', 'quad_strength_nm', 'single_hop_cm', 'timed_6m_hop_s'. */
  measure: z.string().min(1),
  /** absolute value · limb symmetry index (involved ÷ uninvolved × 100) · change from the first measurement. */
  mode: z.enum(["absolute", "lsi", "change_from_baseline"]),
  /** For absolute/change: which limb (default involved; a measurement without side is used when the plan has no
   * single involved side). */
  side: z.enum(["involved", "uninvolved"]).optional(),
  /** Timed tests: lower is better, so LSI is inverted (uninvolved ÷ involved × 100). */
  lowerIsBetter: z.boolean().optional(),
  comparator: ComparatorSchema,
  threshold: z.number(),
  unit: z.string().optional(),
  /** Only measurements at most this many days old count (default: no limit). */
  maxAgeDays: NonNegativeInt.optional(),
  /** Measurements considered (default 'plan'). */
  scope: StageOrPlanScopeSchema.optional(),
});

const QuestionnaireCriterionSchema = z.object({
  ...criterionBase,
  kind: z.literal("questionnaire"),
  instrument: QuestionnaireSchema,
  /** Measurement id (default: the instrument name; required for 'custom'). */
  measure: z.string().min(1).optional(),
  mode: z.enum(["absolute", "change_from_baseline"]),
  comparator: ComparatorSchema,
  threshold: z.number(),
  maxAgeDays: NonNegativeInt.optional(),
  scope: StageOrPlanScopeSchema.optional(),
});

const AdherenceCriterionSchema = z.object({
  ...criterionBase,
  kind: z.literal("adherence"),
  windowDays: PositiveInt,
  /** Default 'gte'. */
  comparator: ComparatorSchema.optional(),
  /** Percent of prescribed sessions done, 0–100. */
  threshold: z.number().min(0).max(100),
  /** Prescribed sessions per week (default: the stage prescription's frequencyPerWeek, else 7). */
  perWeek: z.number().positive().max(14).optional(),
  /** Credit for a 'partial' session (default 0.5). */
  partialCredit: z.number().min(0).max(1).optional(),
  scope: StageOrPlanScopeSchema.optional(),
});

const TimeCriterionSchema = z.object({
  ...criterionBase,
  kind: z.literal("time"),
  from: z.enum(["stage_entry", "plan_start", "injury", "surgery", "last_regress"]),
  /** Default 'gte'. */
  comparator: ComparatorSchema.optional(),
  days: NonNegativeInt,
});

const RepetitionConditionsSchema = z.object({
  minRunningMinutes: z.number().nonnegative().optional(),
  minSessionMinutes: z.number().nonnegative().optional(),
  maxPainDuring: PainScore.optional(),
  maxPainAfter: PainScore.optional(),
  /** Checked on the next morning's report (so the latest session cannot count until that report exists). */
  maxNextMorningPain: PainScore.optional(),
  maxSwelling: SwellingGradeSchema.optional(),
  soreness: z.array(SorenessSchema).min(1).optional(),
  /** Checked on the next day's log: effusion the next morning no worse than this (a session followed by a swelling
   * response does not count; the session waits for that report). */
  maxNextMorningSwelling: SwellingGradeSchema.optional(),
  /** Session effort: the whole session's Borg CR-10 rating (sessionRpe) at most this. */
  maxSessionRpe: z.number().min(0).max(10).optional(),
  /** Whether a pain value equal to a max counts (default true). */
  inclusive: z.boolean().optional(),
});

const RepetitionsCriterionSchema = z.object({
  ...criterionBase,
  kind: z.literal("repetitions"),
  /** Sessions that must have met the conditions (e.g. "each walk-run phase at least twice"). */
  count: PositiveInt,
  conditions: RepetitionConditionsSchema,
  /** A session done the day after another session does not count (e.g. "a rest day between runs"). */
  restDayBetween: z.boolean().optional(),
  scope: ScopeSchema.optional(),
});

const SwellingCriterionSchema = z.object({
  ...criterionBase,
  kind: z.literal("swelling"),
  aggregate: z.enum(["latest", "max"]),
  window: WindowSchema,
  comparator: ComparatorSchema,
  grade: SwellingGradeSchema,
  scope: ScopeSchema.optional(),
});

const SorenessCriterionSchema = z.object({
  ...criterionBase,
  kind: z.literal("soreness"),
  /** latest: the most recent session's report; any/all: over the window. */
  aggregate: z.enum(["latest", "any", "all"]),
  window: WindowSchema,
  /** Met when the soreness observed is one of these. */
  levels: z.array(SorenessSchema).min(1),
  scope: ScopeSchema.optional(),
});

const SignoffCriterionSchema = z.object({
  ...criterionBase,
  kind: z.literal("signoff"),
  /** Stable id of the item, e.g. 'clinical_exam_clear', 'h_test_no_insecurity'. */
  itemId: SlugSchema,
  /** What the clinician confirms, e.g. "Clinical exam shows no signs of injury". */
  prompt: z.string().min(1),
  /** Sign-offs before this point do not count (default 'stage'). */
  scope: StageOrPlanScopeSchema.optional(),
  /** A sign-off counts for this many days, the day it was given included (7 = that day and the 6 after it). */
  validDays: PositiveInt.optional(),
});

/** The exercise's prescribed sets × reps (at the prescribed load) done in each of the last `sessions` sessions since
 * the patient's current dose took effect (always dose scope). In a progression rule `exerciseId` defaults to the
 * rule's exercise; elsewhere it must name one. */
const DoseDoneCriterionSchema = z.object({
  ...criterionBase,
  kind: z.literal("dose_done"),
  sessions: PositiveInt,
  exerciseId: SlugSchema.optional(),
});

export const CriterionSchema = z.discriminatedUnion("kind", [
  PainCriterionSchema,
  SettleCriterionSchema,
  TrendCriterionSchema,
  CapacityCriterionSchema,
  QuestionnaireCriterionSchema,
  AdherenceCriterionSchema,
  TimeCriterionSchema,
  RepetitionsCriterionSchema,
  SwellingCriterionSchema,
  SorenessCriterionSchema,
  SignoffCriterionSchema,
  DoseDoneCriterionSchema,
]);

// ---------------------------------------------------------------------------------------------------------------
// Regress rules
// ---------------------------------------------------------------------------------------------------------------

const RegressActionSchema = z.discriminatedUnion("to", [
  /** Back one stage (on the first stage: stay, with the load reduction if given). */
  z.object({ to: z.literal("previous"), loadReductionPercent: z.number().min(0).max(100).optional() }),
  /** Back N stages (clamped at the first stage). */
  z.object({ to: z.literal("back"), steps: PositiveInt, loadReductionPercent: z.number().min(0).max(100).optional() }),
  /** To a named stage (must be this stage or an earlier one). */
  z.object({
    to: z.literal("stage"),
    stageId: SlugSchema,
    loadReductionPercent: z.number().min(0).max(100).optional(),
  }),
  /** Stay in this stage with reduced load. */
  z.object({ to: z.literal("stay"), loadReductionPercent: z.number().min(0).max(100).optional() }),
  /** Repeat this stage (level, phase): stay in it and start it over, so its minimum days and the sessions it counts
   * restart (walk-run and running protocols on mild swelling or next-day soreness). Not a move back. */
  z.object({ to: z.literal("repeat"), loadReductionPercent: z.number().min(0).max(100).optional() }),
]);

const RegressRuleSchema = z.object({
  id: SlugSchema,
  label: z.string().min(1),
  /** 'any' (default): one met criterion triggers the rule; 'all': every criterion must be met. */
  when: z.enum(["any", "all"]).optional(),
  criteria: z.array(CriterionSchema).min(1),
  action: RegressActionSchema,
  /** Days off before resuming (e.g. Delaware: 2 days off when soreness persists through warm-up). */
  restDays: NonNegativeInt.optional(),
  /** Plain-words advice shown to the patient when the rule fires. */
  patientAdvice: z.string().optional(),
  source: SourceSchema.optional(),
});

// ---------------------------------------------------------------------------------------------------------------
// Prescription
// ---------------------------------------------------------------------------------------------------------------

const LoadSchema = z.object({
  /** Free text as shown to the patient, e.g. "body weight", "backpack 10 kg", "~70 % max". */
  text: z.string().min(1),
  kg: z.number().nonnegative().optional(),
  percentBodyWeight: z.number().nonnegative().optional(),
});

// ---------------------------------------------------------------------------------------------------------------
// Progression: rules that change a patient's own dose within a stage (docs/engine.md "Progression rules")
// ---------------------------------------------------------------------------------------------------------------

/** Add load: + stepKg or + stepPercent of the current kg (one of the two), never above maxKg. */
const LoadStepSchema = z.object({
  kind: z.literal("load_step"),
  stepKg: z.number().positive().optional(),
  stepPercent: z.number().positive().max(100).optional(),
  maxKg: z.number().positive().optional(),
});

/** Double progression: reps rise by repsStep up to repsTo; at repsTo the load rises (as load_step) and the reps return
 * to repsFrom. */
const DoubleProgressionSchema = z.object({
  kind: z.literal("double_progression"),
  repsFrom: PositiveInt,
  repsTo: PositiveInt,
  /** Default 1. */
  repsStep: PositiveInt.optional(),
  stepKg: z.number().positive().optional(),
  stepPercent: z.number().positive().max(100).optional(),
  maxKg: z.number().positive().optional(),
});

/** Run progression within a level: each block runs longer (runSecondsStep), walks less (walkSecondsStep) and/or
 * repeats more (repeatsStep), within the caps. */
const RunProgressionSchema = z.object({
  kind: z.literal("run_progression"),
  runSecondsStep: z.number().positive().optional(),
  walkSecondsStep: z.number().positive().optional(),
  repeatsStep: PositiveInt.optional(),
  maxRunSeconds: z.number().positive().optional(),
  minWalkSeconds: z.number().nonnegative().optional(),
  maxRepeats: PositiveInt.optional(),
});

const ProgressionStepSchema = z.discriminatedUnion("kind", [
  LoadStepSchema,
  DoubleProgressionSchema,
  RunProgressionSchema,
]);

export const ProgressionRuleSchema = z.object({
  /** Unique within the stage. */
  id: SlugSchema,
  /** Clinician-facing label; generated when absent. */
  label: z.string().optional(),
  step: ProgressionStepSchema,
  /** All must be met for one step up. */
  when: z.array(CriterionSchema).min(1),
  /** Any met: one step back down (e.g. pain after above the model's limit). Checked before `when`. */
  stepBack: z.object({ when: z.array(CriterionSchema).min(1) }).optional(),
  /** Plain words for the patient when the rule steps their dose. */
  patientText: z.string().optional(),
  source: SourceSchema.optional(),
});

const ExerciseSchema = z.object({
  id: SlugSchema,
  name: z.string().min(1),
  sets: PositiveInt.optional(),
  /** Upper end when the dose is a range (e.g. 3–4 sets). */
  setsMax: PositiveInt.optional(),
  reps: PositiveInt.optional(),
  /** Upper end when the dose is a range (e.g. 10–15 reps). */
  repsMax: PositiveInt.optional(),
  holdSeconds: z.number().positive().optional(),
  load: LoadSchema.optional(),
  restSeconds: z.number().nonnegative().optional(),
  /** e.g. "3-0-3" or "slow lowering". */
  tempo: z.string().optional(),
  perDay: PositiveInt.optional(),
  perWeek: z.number().positive().max(7).optional(),
  side: SideSchema,
  /** Shown to the patient: plain instructions only, no provenance. */
  notes: z.string().optional(),
  /** Clinician-only provenance of this exercise's dose and notes (never shown to the patient). */
  source: SourceSchema.optional(),
  /** How this exercise's dose progresses (load_step or double_progression); overrides the stage's. */
  progression: ProgressionRuleSchema.optional(),
});

const RunBlockSchema = z.object({
  /** 0 for continuous running. */
  walkSeconds: z.number().nonnegative(),
  runSeconds: z.number().positive(),
  repeats: PositiveInt,
  /** e.g. "≤ 50 % perceived max". */
  intensity: z.string().optional(),
});

const RunPrescriptionSchema = z.object({
  warmUpMinutes: z.number().nonnegative().optional(),
  blocks: z.array(RunBlockSchema).min(1),
  coolDownMinutes: z.number().nonnegative().optional(),
  /** Alternative to blocks for distance-based levels (e.g. Delaware: 2 miles at a level). */
  distanceKm: z.number().positive().optional(),
  perWeek: z.number().positive().max(7).optional(),
  restDayBetween: z.boolean().optional(),
  /** Shown to the patient: plain instructions only, no provenance. */
  notes: z.string().optional(),
  /** Clinician-only provenance of the run's volumes, intensities and notes (never shown to the patient). */
  source: SourceSchema.optional(),
  /** How the run progresses within the stage (run_progression). */
  progression: ProgressionRuleSchema.optional(),
});

export const PrescriptionSchema = z.object({
  exercises: z.array(ExerciseSchema),
  run: RunPrescriptionSchema.optional(),
  /** Sessions per week the adherence criterion expects. */
  frequencyPerWeek: z.number().positive().max(14).optional(),
  /** Shown to the patient: plain instructions only, no provenance. */
  notes: z.string().optional(),
  /** Clinician-only provenance of the prescription (frequency, doses, notes); never shown to the patient. */
  source: SourceSchema.optional(),
});

// ---------------------------------------------------------------------------------------------------------------
// Stage and program
// ---------------------------------------------------------------------------------------------------------------

/** A test the patient does the morning after a session and scores for pain 0–10 (e.g. the single-leg decline squat):
 * the log asks for it every day of the stage, and settle criteria can judge the response on it. */
const MonitoringTestSchema = z.object({
  /** Key of the log's test pain, e.g. 'decline_squat'. */
  id: SlugSchema,
  /** Patient-facing name, e.g. "Single-leg decline squat". */
  name: z.string().min(1),
  /** Plain instruction for the patient, e.g. "Squat on the painful leg on a 25° slope, once". */
  instructions: z.string().min(1).optional(),
  source: SourceSchema.optional(),
});

/** The stage's sessions that try a new load (a first loaded or isotonic session, a new running level): an advance
 * waits for the next morning's response to the latest one. */
const TrialSchema = z.object({
  /** Clinician wording of what the trial is, e.g. "first isotonic loading session". */
  label: z.string().min(1),
  /** A session is a trial when this named test was scored that day (e.g. 'isotonic_trial'); absent = every session
   * of the stage is one (a new running level). */
  test: SlugSchema.optional(),
  source: SourceSchema.optional(),
});

const StageSchema = z.object({
  id: SlugSchema,
  name: z.string().min(1),
  goal: z.string().min(1),
  /** Patient-facing, plain words. */
  instructions: z.string().min(1),
  /** Minimum days in the stage before its gates can advance the patient (0 = none). */
  minDays: NonNegativeInt,
  prescription: PrescriptionSchema,
  /** All must be met to advance. An empty list means only minDays (and the post-regress stay) gate the stage. */
  gates: z.array(CriterionSchema),
  regressRules: z.array(RegressRuleSchema),
  /** Tests scored the morning after a session; the log asks for each (patient-facing names). */
  monitoringTests: z.array(MonitoringTestSchema).optional(),
  /** Marks the stage's sessions as trials of a new load: an advance waits for the next morning's response. */
  trial: TrialSchema.optional(),
  /** Progression for every exercise of the stage with a load and no progression of its own (load kinds only). */
  progression: ProgressionRuleSchema.optional(),
  source: SourceSchema.optional(),
  notes: z.string().optional(),
});

const ProgramObjectSchema = z.object({
  id: SlugSchema,
  version: PositiveInt,
  name: z.string().min(1),
  condition: z.string().min(1),
  summary: z.string().min(1),
  painModel: PainModelSchema,
  citations: z.array(CitationSchema),
  stages: z.array(StageSchema).min(1),
  /** After a regress, days to stay before the gates may advance again (default 7; ours). */
  minDaysAfterRegress: NonNegativeInt.optional(),
  /** An advance needs a log at most this many days old: a patient silent for longer has shown nothing about today
   * (default 3; ours). */
  freshDataDays: NonNegativeInt.optional(),
  /** A high-severity flag (red-flag pain, effusion 2+ or worse) raised in the last this-many days, today included,
   * holds an advance (default 7; ours; 0 = never holds, the clinician still confirms a flagged advance). */
  redFlagHoldDays: NonNegativeInt.optional(),
  notes: z.string().optional(),
});

/** Cross-field rules a flat schema cannot express. */
export const ProgramSchema = ProgramObjectSchema.superRefine((program, ctx) => {
  const stageIds = program.stages.map((s) => s.id);
  const citationIds = new Set(program.citations.map((c) => c.id));
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });

  const checkSource = (source: Source | undefined, path: (string | number)[]) => {
    for (const id of source?.citationIds ?? []) {
      if (!citationIds.has(id)) issue([...path, "source", "citationIds"], `unknown citation '${id}'`);
    }
  };
  /** `stage`: the stage's monitoring tests and exercise ids; `ruleExercise`: the criteria belong to a progression
   * rule of exercises, so a dose_done without exerciseId means the rule's exercise. */
  const checkCriteria = (
    criteria: Criterion[],
    path: (string | number)[],
    stage: { monitoringTests: Set<string>; exerciseIds: Set<string> },
    ruleExercise = false,
  ) => {
    const { monitoringTests } = stage;
    const seen = new Set<string>();
    criteria.forEach((c, i) => {
      if (seen.has(c.id)) issue([...path, i, "id"], `duplicate criterion id '${c.id}'`);
      seen.add(c.id);
      checkSource(c.source, [...path, i]);
      if (c.kind === "dose_done") {
        if (c.exerciseId === undefined && !ruleExercise)
          issue([...path, i, "exerciseId"], "name the exercise whose dose must be done");
        else if (c.exerciseId !== undefined && !stage.exerciseIds.has(c.exerciseId))
          issue([...path, i, "exerciseId"], `'${c.exerciseId}' is not an exercise of this stage`);
      }
      if ((c.kind === "pain" || c.kind === "trend") && c.metric === "test" && !c.test) {
        issue([...path, i, "test"], "metric 'test' needs the test's name");
      }
      if (c.kind === "pain" && c.threshold === undefined) {
        const modelLimit =
          c.metric === "during"
            ? program.painModel.duringMax
            : c.metric === "after"
              ? program.painModel.afterMax
              : null;
        if (modelLimit === null) {
          issue([...path, i, "threshold"], `no threshold, and the pain model sets no '${c.metric}' limit to inherit`);
        }
      }
      if (c.kind === "settle" && c.baseline === "fixed" && c.baselineValue === undefined) {
        issue([...path, i, "baselineValue"], "a fixed baseline needs baselineValue");
      }
      if (c.kind === "settle" && c.test !== undefined && !monitoringTests.has(c.test)) {
        issue([...path, i, "test"], `'${c.test}' is not one of the stage's monitoring tests`);
      }
      if (c.kind === "questionnaire" && c.instrument === "custom" && !c.measure) {
        issue([...path, i, "measure"], "a custom questionnaire needs the measurement id");
      }
    });
  };

  checkSource(program.painModel.source, ["painModel"]);
  program.stages.forEach((stage, s) => {
    if (stageIds.indexOf(stage.id) !== s) issue(["stages", s, "id"], `duplicate stage id '${stage.id}'`);
    checkSource(stage.source, ["stages", s]);
    const monitoringTests = new Set((stage.monitoringTests ?? []).map((t) => t.id));
    (stage.monitoringTests ?? []).forEach((t, x) => {
      if ((stage.monitoringTests ?? []).findIndex((o) => o.id === t.id) !== x)
        issue(["stages", s, "monitoringTests", x, "id"], `duplicate monitoring test '${t.id}'`);
      checkSource(t.source, ["stages", s, "monitoringTests", x]);
    });
    if (stage.trial) checkSource(stage.trial.source, ["stages", s, "trial"]);
    const stageFacts = { monitoringTests, exerciseIds: new Set(stage.prescription.exercises.map((e) => e.id)) };
    checkCriteria(stage.gates, ["stages", s, "gates"], stageFacts);
    const ruleIds = new Set<string>();
    stage.regressRules.forEach((rule, r) => {
      const path = ["stages", s, "regressRules", r];
      if (ruleIds.has(rule.id)) issue([...path, "id"], `duplicate regress rule id '${rule.id}'`);
      ruleIds.add(rule.id);
      checkSource(rule.source, path);
      checkCriteria(rule.criteria, [...path, "criteria"], stageFacts);
      if (rule.action.to === "stage") {
        const target = stageIds.indexOf(rule.action.stageId);
        if (target < 0) issue([...path, "action", "stageId"], `unknown stage '${rule.action.stageId}'`);
        else if (target > s) issue([...path, "action", "stageId"], "a regress rule cannot move the patient forward");
      }
    });
    checkSource(stage.prescription.source, ["stages", s, "prescription"]);
    if (stage.prescription.run) checkSource(stage.prescription.run.source, ["stages", s, "prescription", "run"]);
    const exerciseIds = new Set<string>();
    stage.prescription.exercises.forEach((e, x) => {
      if (exerciseIds.has(e.id))
        issue(["stages", s, "prescription", "exercises", x, "id"], `duplicate exercise '${e.id}'`);
      exerciseIds.add(e.id);
      checkSource(e.source, ["stages", s, "prescription", "exercises", x]);
    });
    checkProgressions(stage, ["stages", s], stageFacts);
  });

  /** Progression rules: the step fits where the rule sits, a cap is not below today's load, ids unique per stage. */
  function checkProgressions(
    stage: Stage,
    stagePath: (string | number)[],
    stageFacts: { monitoringTests: Set<string>; exerciseIds: Set<string> },
  ) {
    const { exercises, run } = stage.prescription;
    const placed: {
      rule: ProgressionRule;
      path: (string | number)[];
      on: "exercise" | "stage" | "run";
      kg: number[];
    }[] = [];
    exercises.forEach((e, x) => {
      if (e.progression)
        placed.push({
          rule: e.progression,
          path: [...stagePath, "prescription", "exercises", x, "progression"],
          on: "exercise",
          kg: e.load?.kg !== undefined ? [e.load.kg] : [],
        });
    });
    if (stage.progression) {
      // The stage's rule serves the exercises with a load and no rule of their own.
      const kg = exercises.flatMap((e) => (!e.progression && e.load?.kg !== undefined ? [e.load.kg] : []));
      placed.push({ rule: stage.progression, path: [...stagePath, "progression"], on: "stage", kg });
    }
    if (run?.progression)
      placed.push({
        rule: run.progression,
        path: [...stagePath, "prescription", "run", "progression"],
        on: "run",
        kg: [],
      });

    const ids = new Set<string>();
    for (const { rule, path, on, kg } of placed) {
      if (ids.has(rule.id)) issue([...path, "id"], `duplicate progression rule id '${rule.id}' in this stage`);
      ids.add(rule.id);
      checkSource(rule.source, path);
      checkCriteria(rule.when, [...path, "when"], stageFacts, on !== "run");
      if (rule.stepBack) checkCriteria(rule.stepBack.when, [...path, "stepBack", "when"], stageFacts, on !== "run");
      const step = rule.step;
      const stepPath = [...path, "step"];
      if (step.kind === "run_progression") {
        if (on !== "run") issue([...stepPath, "kind"], "a run progression belongs on the stage's run");
        if (step.runSecondsStep === undefined && step.walkSecondsStep === undefined && step.repeatsStep === undefined)
          issue(stepPath, "give at least one step: runSecondsStep, walkSecondsStep or repeatsStep");
        continue;
      }
      if (on === "run") issue([...stepPath, "kind"], "the run progresses by run_progression, not by load");
      if ((step.stepKg === undefined) === (step.stepPercent === undefined))
        issue([...stepPath, "stepKg"], "give exactly one of stepKg or stepPercent");
      if (step.kind === "double_progression" && step.repsTo <= step.repsFrom)
        issue([...stepPath, "repsTo"], "the top of the rep range must be above its bottom");
      if (step.maxKg !== undefined) {
        const above = kg.filter((k) => k > step.maxKg!);
        if (above.length > 0)
          issue(
            [...stepPath, "maxKg"],
            `the cap ${step.maxKg} kg is below the current load of ${Math.max(...above)} kg`,
          );
      }
    }
  }
});

export type Citation = z.infer<typeof CitationSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type Comparator = z.infer<typeof ComparatorSchema>;
export type PainMetric = z.infer<typeof PainMetricSchema>;
export type SwellingGrade = z.infer<typeof SwellingGradeSchema>;
export type Soreness = z.infer<typeof SorenessSchema>;
export type Scope = z.infer<typeof ScopeSchema>;
export type Window = z.infer<typeof WindowSchema>;
export type Questionnaire = z.infer<typeof QuestionnaireSchema>;
export type PainModel = z.infer<typeof PainModelSchema>;
export type PainCriterion = z.infer<typeof PainCriterionSchema>;
export type SettleCriterion = z.infer<typeof SettleCriterionSchema>;
export type TrendCriterion = z.infer<typeof TrendCriterionSchema>;
export type CapacityCriterion = z.infer<typeof CapacityCriterionSchema>;
export type QuestionnaireCriterion = z.infer<typeof QuestionnaireCriterionSchema>;
export type AdherenceCriterion = z.infer<typeof AdherenceCriterionSchema>;
export type TimeCriterion = z.infer<typeof TimeCriterionSchema>;
export type RepetitionsCriterion = z.infer<typeof RepetitionsCriterionSchema>;
export type SwellingCriterion = z.infer<typeof SwellingCriterionSchema>;
export type SorenessCriterion = z.infer<typeof SorenessCriterionSchema>;
export type SignoffCriterion = z.infer<typeof SignoffCriterionSchema>;
export type DoseDoneCriterion = z.infer<typeof DoseDoneCriterionSchema>;
export type Criterion = z.infer<typeof CriterionSchema>;
export type ProgressionStep = z.infer<typeof ProgressionStepSchema>;
export type ProgressionRule = z.infer<typeof ProgressionRuleSchema>;
export type CriterionKind = Criterion["kind"];
export type RegressAction = z.infer<typeof RegressActionSchema>;
export type RegressRule = z.infer<typeof RegressRuleSchema>;
export type Prescription = z.infer<typeof PrescriptionSchema>;
export type Stage = z.infer<typeof StageSchema>;
export type MonitoringTest = z.infer<typeof MonitoringTestSchema>;
export type Trial = z.infer<typeof TrialSchema>;
export type Program = z.infer<typeof ProgramSchema>;
