import { isBlank, preprocess } from "~/utils/form-fields.ts";
import * as z from "~/utils/zod-mini.ts";

const SelfTestResultSchema = z.object({
  measure: z.string().check(z.regex(/^[a-z0-9_]{1,60}$/)),
  side: preprocess((v) => (isBlank(v) ? undefined : v), z.optional(z.enum(["left", "right"]))),
  value: preprocess(
    (v) => (isBlank(v) ? undefined : v),
    z.optional(
      z.coerce
        .number({ error: "Enter the count as a number" })
        .check(z.int("Enter a whole number"), z.gte(0, "Enter 0 or more"), z.lte(1000, "Enter a smaller number")),
    ),
  ),
});

/** Self-recorded capacity tests. A row left empty was not tested today and is dropped after validation, so error
 * paths keep each row's position on the page. */
const SelfTestResults = z
  .object({
    results: preprocess(
      (rows) => (Array.isArray(rows) ? rows : []),
      z.array(SelfTestResultSchema).check(z.maxLength(20)),
    ),
  })
  .check(
    z.superRefine((form, ctx) => {
      if (form.results.every((r) => r.value === undefined))
        ctx.addIssue({ code: "custom", path: ["results"], message: "Enter at least one result" });
    }),
  );

export const SelfTestsSchema = z.pipe(
  SelfTestResults,
  z.transform((form: z.output<typeof SelfTestResults>) => ({
    results: form.results.flatMap((r) => (r.value === undefined ? [] : [{ ...r, value: r.value }])),
  })),
);

export type SelfTestsInput = z.output<typeof SelfTestsSchema>;
