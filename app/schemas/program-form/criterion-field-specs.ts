import { QUESTIONNAIRES } from "~/engine/index.ts";
import type { FieldSpec } from "./field-spec.ts";

// The editor's values for each setting, in the clinician's order; the engine's schema is the authority on which exist
// (test/unit/forms/program-form-options.test.ts keeps the two in step).
const COMPARATORS = ["lte", "lt", "gte", "gt", "eq"] as const;
const SCOPES = ["stage", "plan"] as const;
/** Criteria that read session logs may also look only since the patient's current dose took effect. */
const LOG_SCOPES = ["stage", "plan", "dose"] as const;
const PAIN_METRICS = ["during", "after", "next_morning", "at_rest", "stiffness", "test"] as const;
const SORENESS_LEVELS = ["none", "warmup_resolved", "warmup_persisted", "after_1h_or_next_day"] as const;
const SWELLING_GRADES = ["none", "trace", "1+", "2+", "3+"] as const;

/** Dedicated fields for every criterion kind of the engine. A dotted name (conditions.maxPainDuring) is a nested setting. */
export const CRITERION_FIELDS = {
  pain: [
    { name: "metric", label: "Pain measured", type: "select", options: PAIN_METRICS },
    { name: "test", label: "Test (when pain is of a test)", type: "stageTest", optional: true },
    { name: "aggregate", label: "Over the window take", type: "select", options: ["max", "latest", "mean"] },
    { name: "window", label: "Window", type: "window" },
    {
      name: "comparator",
      label: "Comparison",
      type: "select",
      options: COMPARATORS,
      optional: true,
      hint: "Blank: from the pain model",
    },
    {
      name: "threshold",
      label: "Threshold (0–10)",
      type: "number",
      optional: true,
      hint: "Blank: the pain model's limit",
    },
    { name: "minSamples", label: "Minimum values", type: "number", optional: true },
    {
      name: "scope",
      label: "History",
      type: "select",
      options: LOG_SCOPES,
      optional: true,
      // Without it a progression rule also counts the sessions before its own last step (the built-in rules use "dose").
      hint: "Blank: this stage. For a progression rule: since the current dose",
    },
  ],
  capacity: [
    { name: "measure", label: "Capacity test", type: "capacityMeasure" },
    { name: "mode", label: "Mode", type: "select", options: ["lsi", "absolute", "change_from_baseline"] },
    {
      name: "side",
      label: "Side (absolute/change)",
      type: "select",
      options: ["involved", "uninvolved"],
      optional: true,
    },
    { name: "lowerIsBetter", label: "Lower is better (timed)", type: "bool", optional: true },
    { name: "comparator", label: "Comparison", type: "select", options: COMPARATORS },
    { name: "threshold", label: "Threshold", type: "number" },
    { name: "unit", label: "Unit", type: "text", optional: true },
    { name: "maxAgeDays", label: "Max age (days)", type: "number", optional: true },
    { name: "scope", label: "History", type: "select", options: SCOPES, optional: true },
  ],
  questionnaire: [
    { name: "instrument", label: "Questionnaire", type: "select", options: QUESTIONNAIRES },
    { name: "measure", label: "Measure id (custom)", type: "text", optional: true },
    { name: "mode", label: "Mode", type: "select", options: ["absolute", "change_from_baseline"] },
    { name: "comparator", label: "Comparison", type: "select", options: COMPARATORS },
    { name: "threshold", label: "Threshold", type: "number" },
    { name: "maxAgeDays", label: "Max age (days)", type: "number", optional: true },
    { name: "scope", label: "History", type: "select", options: SCOPES, optional: true },
  ],
  time: [
    {
      name: "from",
      label: "Counted from",
      type: "select",
      options: ["stage_entry", "plan_start", "injury", "surgery", "last_regress"],
    },
    {
      name: "comparator",
      label: "Comparison",
      type: "select",
      options: COMPARATORS,
      optional: true,
      hint: "Blank: at least",
    },
    { name: "days", label: "Days", type: "number" },
  ],
  adherence: [
    { name: "windowDays", label: "Window (days)", type: "number" },
    {
      name: "comparator",
      label: "Comparison",
      type: "select",
      options: COMPARATORS,
      optional: true,
      hint: "Blank: at least",
    },
    { name: "threshold", label: "Sessions done (%)", type: "number" },
    { name: "perWeek", label: "Sessions a week", type: "number", optional: true, hint: "Blank: the stage's frequency" },
    { name: "partialCredit", label: "Credit for partial (0–1)", type: "number", optional: true },
    { name: "scope", label: "History", type: "select", options: SCOPES, optional: true },
  ],
  signoff: [
    { name: "itemId", label: "Item id", type: "hiddenId", from: "prompt" },
    { name: "prompt", label: "What the clinician confirms", type: "text" },
    { name: "validDays", label: "Valid for (days)", type: "number", optional: true },
    { name: "scope", label: "History", type: "select", options: SCOPES, optional: true },
  ],
  swelling: [
    { name: "aggregate", label: "Over the window take", type: "select", options: ["max", "latest"] },
    { name: "window", label: "Window", type: "window" },
    { name: "comparator", label: "Comparison", type: "select", options: COMPARATORS },
    { name: "grade", label: "Grade (stroke test)", type: "select", options: SWELLING_GRADES },
    { name: "scope", label: "History", type: "select", options: LOG_SCOPES, optional: true },
  ],
  settle: [
    { name: "window", label: "Window", type: "window", hint: "Sessions looked at; each needs its next-morning report" },
    {
      name: "test",
      label: "Response judged on",
      type: "stageTest",
      optional: true,
      hint: "Blank: pain on waking; or one of the stage's monitoring tests",
    },
    { name: "baseline", label: "Compared with", type: "select", options: ["pre_session", "fixed", "usual"] },
    {
      name: "baselineValue",
      label: "Fixed baseline (0–10)",
      type: "number",
      optional: true,
      hint: "Only when compared with a fixed value",
    },
    {
      name: "tolerance",
      label: "Allowed rise over baseline (0–10)",
      type: "number",
      optional: true,
      hint: "Blank: the pain model's tolerance, else 0",
    },
    {
      name: "expect",
      label: "Met when",
      type: "select",
      options: ["settled", "not_settled"],
      optional: true,
      hint: "Blank: settled (gates); 'not settled' for regress rules",
    },
    { name: "minSamples", label: "Minimum sessions", type: "number", optional: true },
    { name: "scope", label: "History", type: "select", options: LOG_SCOPES, optional: true },
  ],
  trend: [
    { name: "metric", label: "Pain measured", type: "select", options: PAIN_METRICS },
    { name: "test", label: "Test (when pain is of a test)", type: "stageTest", optional: true },
    {
      name: "maxRise",
      label: "Allowed weekly rise",
      type: "number",
      optional: true,
      hint: "This week's mean over last week's; blank: 0",
    },
    {
      name: "minRaisedDays",
      label: "Days the rise must show on",
      type: "number",
      optional: true,
      hint: "Blank: 2, so one bad day alone does not count; 1 lets a single day count",
    },
    {
      name: "expect",
      label: "Met when",
      type: "select",
      options: ["not_rising", "rising"],
      optional: true,
      hint: "Blank: not rising (gates); 'rising' for regress rules",
    },
    { name: "minSamplesPerWeek", label: "Minimum values a week", type: "number", optional: true, hint: "Blank: 3" },
    {
      name: "scope",
      label: "History",
      type: "select",
      options: LOG_SCOPES,
      optional: true,
      hint: "Blank: plan (a trend needs two whole weeks)",
    },
  ],
  repetitions: [
    { name: "count", label: "Sessions needed", type: "number" },
    {
      name: "restDayBetween",
      label: "Rest day between sessions",
      type: "bool",
      optional: true,
      hint: "A session the day after another does not count",
    },
    { name: "conditions.minRunningMinutes", label: "Running at least (min)", type: "number", optional: true },
    { name: "conditions.minSessionMinutes", label: "Session at least (min)", type: "number", optional: true },
    { name: "conditions.maxPainDuring", label: "Pain during at most (0–10)", type: "number", optional: true },
    { name: "conditions.maxPainAfter", label: "Pain after at most (0–10)", type: "number", optional: true },
    {
      name: "conditions.maxNextMorningPain",
      label: "Next-morning pain at most (0–10)",
      type: "number",
      optional: true,
      hint: "Waits for the next morning's report",
    },
    {
      name: "conditions.maxSwelling",
      label: "Swelling at most",
      type: "select",
      options: SWELLING_GRADES,
      optional: true,
    },
    {
      name: "conditions.maxNextMorningSwelling",
      label: "Swelling the next morning at most",
      type: "select",
      options: SWELLING_GRADES,
      optional: true,
      hint: "Waits for the next morning's report",
    },
    {
      name: "conditions.soreness",
      label: "Soreness allowed",
      type: "multi",
      options: SORENESS_LEVELS,
      optional: true,
      hint: "None ticked: soreness not checked",
    },
    {
      name: "conditions.maxSessionRpe",
      label: "Session effort at most (0–10)",
      type: "number",
      optional: true,
      hint: "The whole session's effort rating",
    },
    {
      name: "conditions.inclusive",
      label: "Pain exactly at a maximum counts",
      type: "bool",
      optional: true,
      hint: "Blank: yes",
    },
    { name: "scope", label: "History", type: "select", options: LOG_SCOPES, optional: true },
  ],
  soreness: [
    {
      name: "aggregate",
      label: "Sessions checked",
      type: "select",
      options: ["latest", "any", "all"],
      hint: "latest session, any in the window, or all of them",
    },
    { name: "window", label: "Window", type: "window" },
    {
      name: "levels",
      label: "Met when soreness is",
      type: "multi",
      options: SORENESS_LEVELS,
      hint: "Tick one or more (Delaware soreness rules)",
    },
    { name: "scope", label: "History", type: "select", options: LOG_SCOPES, optional: true },
  ],
  dose_done: [
    { name: "sessions", label: "Sessions in a row", type: "number" },
    {
      name: "exerciseId",
      label: "Exercise",
      type: "stageExercise",
      optional: true,
      hint: "Blank in a progression rule: the rule's exercise",
    },
  ],
} as const satisfies Record<string, readonly FieldSpec[]>;

export type DedicatedKind = keyof typeof CRITERION_FIELDS;
export const CRITERION_KINDS = Object.keys(CRITERION_FIELDS) as DedicatedKind[];
export const isDedicated = (kind: unknown): kind is DedicatedKind =>
  typeof kind === "string" && kind in CRITERION_FIELDS;
