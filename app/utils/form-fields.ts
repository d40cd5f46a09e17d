import * as z from "~/utils/zod-mini.ts";

// Building blocks for form schemas (zod/mini, see app/utils/zod-mini.ts). Forms post strings; these turn "" into
// "not given" and text into numbers the same way in the browser (react-hook-form) and in the action.

/** Not given: absent, null, or only spaces. */
export const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
export const blankToUndefined = (v: unknown) => (isBlank(v) ? undefined : v);

/**
 * What a form posts for a schema's input `T`: the same objects and lists, each value as the browser sends it (text,
 * or nothing). react-hook-form takes its field names from this ("exercises.0.sets").
 */
export type Posted<T> = T extends undefined | null
  ? never // a blank is the field left out: its place is optional
  : T extends readonly (infer E)[]
    ? Posted<E>[]
    : T extends object
      ? { [K in keyof T]?: Posted<T[K]> }
      : unknown;

/**
 * zod's `preprocess` (which zod/mini doesn't have): the same pipe of a transform into the schema. `fn` takes whatever
 * was posted; the input type says what the form posts there, so the fields inside keep their names.
 */
export const preprocess = <S extends z.ZodMiniType>(fn: (v: unknown) => unknown, schema: S) =>
  z.pipe(z.transform<Posted<z.input<S>>, unknown>(fn), schema);

export const requiredText = (label: string, max = 200) =>
  z
    .string({ error: `Enter ${label}` })
    .check(z.trim(), z.minLength(1, `Enter ${label}`), z.maxLength(max, `Keep ${label} under ${max} characters`));

/**
 * A required choice from a select or radio group. The form starts with nothing chosen (""), which the input type
 * allows and the schema answers with `message`.
 */
export const requiredChoice = <const V extends readonly [string, ...string[]]>(
  values: V,
  message: string,
): z.ZodMiniType<V[number], V[number] | ""> => z.enum(values, { error: message });

export const optionalText = (max = 2000) =>
  preprocess(
    blankToUndefined,
    z.optional(z.string().check(z.trim(), z.maxLength(max, `Keep this under ${max} characters`))),
  );

export const email = () =>
  z.pipe(
    z
      .string({ error: "Enter an email address" })
      .check(z.trim(), z.minLength(1, "Enter an email address"), z.maxLength(254, "Enter a shorter email address")),
    z.email("Enter a valid email address, like name@example.com"),
  );

export const intInRange = (label: string, min: number, max: number) =>
  preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `Enter ${label} as a number` })
      .check(
        z.int(`Enter ${label} as a whole number`),
        z.gte(min, `${capitalise(label)} must be between ${min} and ${max}`),
        z.lte(max, `${capitalise(label)} must be between ${min} and ${max}`),
      ),
  );

export const optionalIntInRange = (label: string, min: number, max: number) =>
  preprocess(blankToUndefined, z.optional(intInRange(label, min, max)));

export const numberInRange = (label: string, min: number, max: number) =>
  preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `Enter ${label} as a number` })
      .check(
        z.gte(min, `${capitalise(label)} must be between ${min} and ${max}`),
        z.lte(max, `${capitalise(label)} must be between ${min} and ${max}`),
      ),
  );

export const isoDate = (label: string) =>
  z.string({ error: `Enter ${label}` }).check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${label} as a date`),
    // Date.parse rolls 2026-02-30 over to 2 March: a real date is one that reads back as itself.
    z.refine((s: string) => isRealDate(s), `Enter ${label} as a real date`),
  );

function isRealDate(s: string): boolean {
  const ms = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s;
}

export const optionalIsoDate = (label: string) => preprocess(blankToUndefined, z.optional(isoDate(label)));

/** "global rating" → "Global rating" (labels and messages built from lower-case names). */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
