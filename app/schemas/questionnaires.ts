import { LEFS_ITEMS, PSFS_ACTIVITIES, VISA_ITEM_MAXIMA } from "~/engine/instruments.ts";
import { scoreChoice } from "~/schemas/daily-log.ts";
import { isBlank, preprocess } from "~/utils/form-fields.ts";
import * as z from "~/utils/zod-mini.ts";

// One schema per questionnaire form. Each answer is a radio group; the engine scores the parsed answers. Item counts
// and maxima are the engine's (app/engine/instruments.ts).

/** Unanswered radio groups are simply absent from a posted form: pad to the item count so each gets its own error. */
const items = (count: number, max: number) =>
  preprocess(
    (v) => Array.from({ length: count }, (_, i) => (Array.isArray(v) ? (v[i] ?? "") : "")),
    z.array(scoreChoice("an answer", max)).check(z.length(count)),
  );

/** VISA items 1–7 are answered on their own scales; item 8 (the last) is a branch and a duration, scored from the branch's table. */
const VISA_SCALE_ITEMS = VISA_ITEM_MAXIMA.slice(0, -1);

export const VisaFormSchema = z.object({
  items: items(VISA_SCALE_ITEMS.length, Math.max(...VISA_SCALE_ITEMS)),
  item8Branch: z.enum(["a", "b", "c"], { error: "Choose the statement that fits you" }),
  item8Minutes: scoreChoice("how long you can do it", 4),
});

export const LefsFormSchema = z.object({ items: items(LEFS_ITEMS.count, LEFS_ITEMS.max) });

const PsfsActivity = z
  .object({
    name: preprocess(
      (v) => (isBlank(v) ? undefined : v),
      z.optional(z.string().check(z.trim(), z.maxLength(80, "Keep it under 80 characters"))),
    ),
    score: preprocess((v) => (isBlank(v) ? undefined : v), z.optional(scoreChoice("a score", PSFS_ACTIVITIES.itemMax))),
  })
  .check(
    z.superRefine((row, ctx) => {
      if (row.name !== undefined && row.score === undefined)
        ctx.addIssue({ code: "custom", path: ["score"], message: "Choose a score 0–10" });
      if (row.name === undefined && row.score !== undefined)
        ctx.addIssue({ code: "custom", path: ["name"], message: "Name the activity" });
    }),
  );

const PsfsActivities = z
  .object({
    activities: preprocess(
      (v) => (Array.isArray(v) ? v : []),
      z.array(PsfsActivity).check(z.maxLength(PSFS_ACTIVITIES.max)),
    ),
  })
  .check(
    z.superRefine((form, ctx) => {
      const named = form.activities.filter((a) => a.name !== undefined && a.score !== undefined).length;
      if (named < PSFS_ACTIVITIES.min)
        ctx.addIssue({ code: "custom", path: ["activities"], message: "Name and score at least three activities" });
    }),
  );

export const PsfsFormSchema = z.pipe(
  PsfsActivities,
  z.transform((form: z.output<typeof PsfsActivities>) => ({
    activities: form.activities.flatMap((a) =>
      a.name !== undefined && a.score !== undefined ? [{ name: a.name, score: a.score }] : [],
    ),
  })),
);

export type VisaForm = z.output<typeof VisaFormSchema>;
export type LefsForm = z.output<typeof LefsFormSchema>;
export type PsfsForm = z.output<typeof PsfsFormSchema>;
