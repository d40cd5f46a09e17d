import { scoreChoice } from "~/schemas/daily-log.ts";
import { isBlank, preprocess } from "~/utils/form-fields.ts";
import * as z from "~/utils/zod-mini.ts";

// One schema per questionnaire form. Each answer is a radio group; the engine scores the parsed answers.

/** Unanswered radio groups are simply absent from a posted form: pad to the item count so each gets its own error. */
const items = (count: number, max: number) =>
  preprocess(
    (v) => Array.from({ length: count }, (_, i) => (Array.isArray(v) ? (v[i] ?? "") : "")),
    z.array(scoreChoice("an answer", max)).check(z.length(count)),
  );

export const VisaFormSchema = z.object({
  items: items(7, 10),
  item8Branch: z.enum(["a", "b", "c"], { error: "Choose the statement that fits you" }),
  item8Minutes: scoreChoice("how long you can do it", 4),
});

export const LefsFormSchema = z.object({ items: items(20, 4) });

const PsfsActivity = z
  .object({
    name: preprocess((v) => (isBlank(v) ? undefined : v), z.optional(z.string().check(z.trim(), z.maxLength(80, "Keep it under 80 characters")))),
    score: preprocess((v) => (isBlank(v) ? undefined : v), z.optional(scoreChoice("a score"))),
  })
  .check(
    z.superRefine((row, ctx) => {
      if (row.name !== undefined && row.score === undefined) ctx.addIssue({ code: "custom", path: ["score"], message: "Choose a score 0–10" });
      if (row.name === undefined && row.score !== undefined) ctx.addIssue({ code: "custom", path: ["name"], message: "Name the activity" });
    }),
  );

const PsfsActivities = z
  .object({ activities: preprocess((v) => (Array.isArray(v) ? v : []), z.array(PsfsActivity).check(z.maxLength(5))) })
  .check(
    z.superRefine((form, ctx) => {
      const named = form.activities.filter((a) => a.name !== undefined && a.score !== undefined).length;
      if (named < 3) ctx.addIssue({ code: "custom", path: ["activities"], message: "Name and score at least three activities" });
    }),
  );

export const PsfsFormSchema = z.pipe(
  PsfsActivities,
  z.transform((form: z.output<typeof PsfsActivities>) => ({
    activities: form.activities.flatMap((a) => (a.name !== undefined && a.score !== undefined ? [{ name: a.name, score: a.score }] : [])),
  })),
);

export type VisaForm = z.output<typeof VisaFormSchema>;
export type LefsForm = z.output<typeof LefsFormSchema>;
export type PsfsForm = z.output<typeof PsfsFormSchema>;
