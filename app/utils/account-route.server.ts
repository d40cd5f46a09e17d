import { data } from "@remix-run/node";
import type { SessionUser } from "~/models/user.server.ts";
import { ChangePasswordSchema } from "~/schemas/auth.ts";
import { changePassword } from "~/services/password-change.server.ts";
import { startUserSession } from "./auth.server.ts";
import { getDb } from "./db.server.ts";
import { parseForm, readForm } from "./forms.ts";

/** The shared action of /clinic/account and /me/account (each route does its own guard first). */
export async function handlePasswordChange(request: Request, user: SessionUser, accountPath: string) {
  const parsed = parseForm(ChangePasswordSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false as const, fieldErrors: parsed.fieldErrors }, { status: 400 });
  const result = await changePassword(getDb(), user, parsed.data);
  if (!result.ok) {
    const headers = result.retryAfterSeconds ? { "Retry-After": String(result.retryAfterSeconds) } : undefined;
    return data({ ok: false as const, fieldErrors: result.fieldErrors }, { status: result.status, headers });
  }
  // All sessions were ended; this browser gets a fresh one.
  return startUserSession(user.id, `${accountPath}?changed=1`);
}
