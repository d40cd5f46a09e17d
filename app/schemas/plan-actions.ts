import {
  INSTRUMENT_NAMES,
  INSTRUMENT_SCORE_RANGES,
  KNOWN_INSTRUMENTS,
  type KnownInstrument,
} from "~/engine/instruments.ts";
import {
  capitalise,
  isoDate,
  numberInRange,
  optionalIsoDate,
  optionalText,
  preprocess,
  requiredChoice,
  requiredText,
} from "~/utils/form-fields.ts";
import * as z from "~/utils/zod-mini.ts";

// One schema per form on the clinician's patient page. Each form posts a hidden `intent` naming its schema.

export const APPROVAL_MODES = [
  { value: "confirm", label: "I confirm each advance (recommended)" },
  { value: "automatic", label: "Advances apply automatically" },
] as const;

export const StartPlanSchema = z.object({
  programId: requiredText("a program", 120),
  /** Blank = the program's first stage. */
  startStageId: optionalText(80),
  startDate: isoDate("the start date"),
  approvalMode: z.enum(["confirm", "automatic"], { error: "Choose how advances are approved" }),
  goalText: requiredText("the patient's goal, in their own words", 300),
  goalActivity: optionalText(200),
  goalTargetDate: optionalIsoDate("the target date"),
});
export type StartPlanForm = z.output<typeof StartPlanSchema>;

export const DOSE_APPROVAL_MODES = [
  { value: "confirm", label: "I confirm each dose change (recommended)" },
  { value: "automatic", label: "Dose changes apply automatically" },
] as const;

export const DoseApprovalSchema = z.object({
  planId: requiredText("the plan", 80),
  doseApprovalMode: z.enum(["confirm", "automatic"], { error: "Choose how dose changes are approved" }),
});
export type DoseApprovalForm = z.output<typeof DoseApprovalSchema>;

export const PlanIdSchema = z.object({ planId: requiredText("the plan", 80) });

export const ConfirmDecisionSchema = z.object({ decisionId: requiredText("the decision", 80) });

export const OverrideDecisionSchema = z.object({
  decisionId: requiredText("the decision", 80),
  overrideReason: requiredText("why you are overriding the recommendation", 1000),
});

export const MoveStageSchema = z.object({
  planId: requiredText("the plan", 80),
  stageId: requiredText("the stage to move to", 80),
  moveReason: requiredText("why you are moving the stage", 1000),
});

export const MoveVersionSchema = z.object({
  planId: requiredText("the plan", 80),
  version: z.coerce.number({ error: "Choose a version" }).check(z.int(), z.positive("Choose a version")),
});

const optionalMeasureValue = (label: string) =>
  preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.optional(numberInRange(label, 0, 100000)),
  );

export const CapacityMeasurementSchema = z
  .object({
    planId: requiredText("the plan", 80),
    measure: requiredText("the test", 80).check(
      z.regex(/^[a-z0-9][a-z0-9_-]*$/, "Use lower-case letters, digits and '_' (e.g. single_hop_cm)"),
    ),
    testedOn: isoDate("the test date"),
    left: optionalMeasureValue("the left side"),
    right: optionalMeasureValue("the right side"),
  })
  .check(
    z.refine((m) => m.left !== undefined || m.right !== undefined, {
      path: ["left"],
      message: "Enter a result for at least one side",
    }),
  );

/**
 * Score ranges of the instruments the engine knows (a score outside its range is a typing slip), labelled for the
 * select: "VISA-A (0–100)", "Global rating of function (0–100)".
 */
export const QUESTIONNAIRE_RANGES = Object.fromEntries(
  KNOWN_INSTRUMENTS.map((id) => {
    const { min, max } = INSTRUMENT_SCORE_RANGES[id];
    return [id, { label: `${capitalise(INSTRUMENT_NAMES[id])} (${min}–${max})`, min, max }];
  }),
) as Record<KnownInstrument, { label: string; min: number; max: number }>;

export const QuestionnaireMeasurementSchema = z
  .object({
    planId: requiredText("the plan", 80),
    instrument: requiredChoice(KNOWN_INSTRUMENTS, "Choose a questionnaire"),
    answeredOn: isoDate("the date"),
    score: numberInRange("the score", 0, 100),
  })
  .check(
    z.superRefine((m, ctx) => {
      const range = QUESTIONNAIRE_RANGES[m.instrument];
      if (m.score < range.min || m.score > range.max) {
        ctx.addIssue({
          code: "custom",
          path: ["score"],
          message: `A ${range.label.split(" (")[0]} score is between ${range.min} and ${range.max}`,
        });
      }
    }),
  );

export const SignoffSchema = z.object({
  planId: requiredText("the plan", 80),
  itemId: requiredText("the sign-off item", 80),
  signedOn: isoDate("the date"),
  note: optionalText(1000),
});
