import { z } from "zod";

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

export const SelfTestResultSchema = z.object({
  measure: z.string().regex(/^[a-z0-9_]{1,60}$/),
  side: z.preprocess((v) => (isBlank(v) ? undefined : v), z.enum(["left", "right"]).optional()),
  value: z.preprocess(
    (v) => (isBlank(v) ? undefined : v),
    z.coerce.number({ error: "Enter the count as a number" }).int("Enter a whole number").min(0, "Enter 0 or more").max(1000, "Enter a smaller number").optional(),
  ),
});

/** Self-recorded capacity tests. A row left empty was not tested today and is dropped after validation, so error
 * paths keep each row's position on the page. */
export const SelfTestsSchema = z
  .object({ results: z.preprocess((rows) => (Array.isArray(rows) ? rows : []), z.array(SelfTestResultSchema).max(20)) })
  .superRefine((form, ctx) => {
    if (form.results.every((r) => r.value === undefined)) ctx.addIssue({ code: "custom", path: ["results"], message: "Enter at least one result" });
  })
  .transform((form) => ({ results: form.results.flatMap((r) => (r.value === undefined ? [] : [{ ...r, value: r.value }])) }));

export type SelfTestsInput = z.output<typeof SelfTestsSchema>;
