import type { z } from "zod";

/** Field path ("exercises.0.sets") → first message. The same shape on the server and in the browser. */
export type FieldErrors = Record<string, string>;

export type FormFailure = { ok: false; fieldErrors: FieldErrors; formError?: string; values: Record<string, unknown> };
export type FormSuccess<T> = { ok: true; data: T };

/**
 * Turns posted form data into a nested object: "exercises.0.sets" becomes { exercises: [{ sets }] }, matching
 * react-hook-form's field names, so one zod schema reads both.
 */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of formData.entries()) {
    if (typeof raw !== "string") continue; // no file uploads in Stagewise forms
    setPath(out, key.split("."), raw);
  }
  return out;
}

function setPath(target: Record<string, unknown> | unknown[], path: string[], value: string): void {
  const [head, ...rest] = path;
  if (head === undefined || head === "__proto__" || head === "constructor" || head === "prototype") return;
  const container = target as Record<string, unknown>;
  if (rest.length === 0) {
    const existing = container[head];
    // Repeated keys (checkbox groups) collect into an array.
    container[head] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    return;
  }
  const nextIsIndex = /^\d+$/.test(rest[0]!);
  if (typeof container[head] !== "object" || container[head] === null) container[head] = nextIsIndex ? [] : {};
  setPath(container[head] as Record<string, unknown>, rest, value);
}

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Validates a posted form with the same schema react-hook-form used in the browser. */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): FormSuccess<z.output<S>> | FormFailure {
  const values = formDataToObject(formData);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, fieldErrors: zodFieldErrors(result.error), values: withoutSecrets(values) };
}

// Passwords are never echoed back into the page.
function withoutSecrets(values: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...values };
  for (const key of Object.keys(copy)) if (/password/i.test(key)) copy[key] = "";
  return copy;
}
