import { safeParse, type $ZodError, type $ZodType, type output } from "zod/v4/core";
import { clientError } from "./responses.ts";

/** Field path ("exercises.0.sets") → first message. The same shape on the server and in the browser. */
export type FieldErrors = Record<string, string>;

export type FormFailure = { ok: false; fieldErrors: FieldErrors; formError?: string; values: Record<string, unknown> };
export type FormSuccess<T> = { ok: true; data: T };

/**
 * Turns posted form data into a nested object: "exercises.0.sets" becomes { exercises: [{ sets }] }, matching
 * react-hook-form's field names, so one zod schema reads both.
 *
 * Hostile names are dropped, never followed: prototype keys (`__proto__`, `constructor`, `prototype`), names nested
 * deeper than any form of ours (a 50,000-part name would overflow the stack), and array positions no form has
 * (`exercises.99999999.sets` would make a 100-million-slot array that echoing the values back then walks).
 */
const MAX_NAME_DEPTH = 16;
const MAX_LIST_INDEX = 999;

export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of formData.entries()) {
    if (typeof raw !== "string") continue; // no file uploads in Stagewise forms
    const path = key.split(".", MAX_NAME_DEPTH + 1);
    if (path.length > MAX_NAME_DEPTH) continue;
    setPath(out, path, raw);
  }
  return out;
}

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);
const isListIndex = (s: string) => /^\d+$/.test(s) && Number(s) <= MAX_LIST_INDEX;

function setPath(target: Record<string, unknown> | unknown[], path: string[], value: string): void {
  let container = target as Record<string, unknown>;
  for (let i = 0; i < path.length; i++) {
    const head = path[i]!;
    if (FORBIDDEN.has(head)) return;
    // A list only takes positions: not "length", not a huge index.
    if (Array.isArray(container) && !isListIndex(head)) return;
    // Own properties only: "toString" must not find Object.prototype's function.
    const existing = Object.hasOwn(container, head) ? container[head] : undefined;
    if (i === path.length - 1) {
      // Repeated keys (checkbox groups) collect into an array.
      if (existing === undefined) container[head] = value;
      else if (Array.isArray(existing)) existing.push(value);
      else container[head] = [existing, value];
      return;
    }
    if (typeof existing !== "object" || existing === null) container[head] = /^\d+$/.test(path[i + 1]!) ? [] : {};
    container = container[head] as Record<string, unknown>;
  }
}

function zodFieldErrors(error: $ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/**
 * Validates a posted form with the same schema react-hook-form used in the browser. Any zod 4 schema: the form
 * schemas are zod/mini (app/utils/zod-mini.ts), the program editor's is full zod.
 */
export function parseForm<S extends $ZodType>(schema: S, formData: FormData): FormSuccess<output<S>> | FormFailure {
  const values = formDataToObject(formData);
  const result = safeParse(schema, values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, fieldErrors: zodFieldErrors(result.error), values: withoutSecrets(values) };
}

// Passwords are never echoed back into the page.
function withoutSecrets(values: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...values };
  for (const key of Object.keys(copy)) if (/password/i.test(key)) copy[key] = "";
  return copy;
}

/**
 * The posted form, or a 400 when the body is not a form at all (a multipart body without its boundary, a truncated
 * upload) or holds a null character (no form of ours has one, and PostgreSQL text cannot store it): a malformed
 * request is the client's error, never a 500.
 */
export async function readForm(request: Request): Promise<FormData> {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    throw clientError(400, "The request body is not a form.");
  }
  for (const [key, value] of formData.entries()) {
    if (key.includes("\u0000") || (typeof value === "string" && value.includes("\u0000"))) {
      throw clientError(400, "The form contains a null character.");
    }
  }
  return formData;
}
