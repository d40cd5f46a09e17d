import { optionalText, preprocess, requiredText } from "~/utils/form-fields.ts";
import * as z from "~/utils/zod-mini.ts";

// The patient page's forms for the patient's notes (mark read) and the engine's flags (mark reviewed).

/** One or more logs (hidden fields, one per note shown): a single value posts as text, several as a list. */
const logIds = preprocess(
  (v) => (Array.isArray(v) ? v : typeof v === "string" && v !== "" ? [v] : []),
  z
    .array(z.string().check(z.minLength(1), z.maxLength(80)))
    .check(z.minLength(1, "Choose a note to mark read"), z.maxLength(100, "Mark at most 100 notes at once")),
);

export const MarkNotesReadSchema = z.object({
  planId: requiredText("the plan", 80),
  logIds,
});
export type MarkNotesRead = z.output<typeof MarkNotesReadSchema>;

export const FlagReviewSchema = z.object({
  decisionId: requiredText("the decision", 80),
  reviewNote: optionalText(1000),
});
export type FlagReview = z.output<typeof FlagReviewSchema>;
