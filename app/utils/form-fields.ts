import { z } from "zod";

// Building blocks for form schemas. Forms post strings; these turn "" into "not given" and text into numbers
// the same way in the browser (react-hook-form) and in the action.

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const requiredText = (label: string, max = 200) =>
  z.string({ error: `Enter ${label}` }).trim().min(1, `Enter ${label}`).max(max, `Keep ${label} under ${max} characters`);

export const optionalText = (max = 2000) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `Keep this under ${max} characters`).optional());

export const email = () =>
  z
    .string({ error: "Enter an email address" })
    .trim()
    .min(1, "Enter an email address")
    .max(254, "Enter a shorter email address")
    .pipe(z.email("Enter a valid email address, like name@example.com"));

export const intInRange = (label: string, min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `Enter ${label} as a number` })
      .int(`Enter ${label} as a whole number`)
      .min(min, `${capitalise(label)} must be between ${min} and ${max}`)
      .max(max, `${capitalise(label)} must be between ${min} and ${max}`),
  );

export const optionalIntInRange = (label: string, min: number, max: number) =>
  z.preprocess(blankToUndefined, intInRange(label, min, max).optional());

export const numberInRange = (label: string, min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `Enter ${label} as a number` })
      .min(min, `${capitalise(label)} must be between ${min} and ${max}`)
      .max(max, `${capitalise(label)} must be between ${min} and ${max}`),
  );

export const isoDate = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${label} as a date`)
    // Date.parse rolls 2026-02-30 over to 2 March: a real date is one that reads back as itself.
    .refine((s) => isRealDate(s), `Enter ${label} as a real date`);

function isRealDate(s: string): boolean {
  const ms = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s;
}

export const optionalIsoDate = (label: string) => z.preprocess(blankToUndefined, isoDate(label).optional());

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
