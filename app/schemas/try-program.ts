import { intInRange, numberInRange, optionalText } from "~/utils/form-fields.ts";
import * as z from "~/utils/zod-mini.ts";

/** The "Try it" page's query: a synthetic history's settings, or an existing patient's history. Nothing is saved. */
export const TryProgramSchema = z.object({
  source: z.enum(["synthetic", "patient"], { error: "Choose a history" }),
  startStageId: optionalText(80),
  days: intInRange("the number of days", 7, 120),
  painDuring: numberInRange("the pain during exercise", 0, 10),
  painTrend: z.enum(["steady", "falling", "rising"], { error: "Choose a pain trend" }),
  morningPain: numberInRange("the morning pain", 0, 10),
  adherencePercent: intInRange("the sessions done", 0, 100),
  runningMinutes: intInRange("the running minutes", 0, 180),
  lsiStart: numberInRange("the starting limb symmetry", 0, 150),
  lsiEnd: numberInRange("the final limb symmetry", 0, 150),
  questionnaireStart: numberInRange("the starting questionnaire score", 0, 100),
  questionnaireEnd: numberInRange("the final questionnaire score", 0, 100),
  signoffs: z.optional(z.enum(["yes", "no"])),
  patientId: optionalText(80),
});
export type TryProgramInput = z.output<typeof TryProgramSchema>;

export const TRY_DEFAULTS = {
  source: "synthetic",
  startStageId: "",
  days: "42",
  painDuring: "3",
  painTrend: "falling",
  morningPain: "1",
  adherencePercent: "90",
  runningMinutes: "0",
  lsiStart: "70",
  lsiEnd: "95",
  questionnaireStart: "50",
  questionnaireEnd: "85",
  signoffs: "yes",
  patientId: "",
} as const;
