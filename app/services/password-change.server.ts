import type { DB } from "~/db/client.server.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { deleteSessionsOfUser } from "~/models/session.server.ts";
import { getPasswordHash, setPassword } from "~/models/user.server.ts";
import { PasswordHashingBusyError, hashPassword, verifyPassword } from "~/utils/password.server.ts";
import { clearThrottle, refundAttempt } from "~/models/sign-in-throttle.server.ts";
import { claimGrowingDelay } from "./sign-in.server.ts";

export type PasswordChangeResult =
  | { ok: true }
  | { ok: false; status: 400 | 429 | 503; fieldErrors: Record<string, string>; retryAfterSeconds?: number };

/**
 * Changes a password after checking the current one (throttled like sign-in, with growing delays per user: someone
 * holding a stolen session cannot guess the current password quickly), and ends every session of the user (other phones, a shared
 * computer): the caller starts a fresh session for this browser.
 */
export async function changePassword(
  db: DB,
  user: { id: string; clinic_id: string; role: string },
  input: { currentPassword: string; newPassword: string },
  now: Date = new Date(),
): Promise<PasswordChangeResult> {
  const throttleKey = `password-change:${user.id}`;
  const claim = await claimGrowingDelay(db, throttleKey, now);
  if (!claim.ok) {
    const wait = claim.retryAfterSeconds;
    const when = wait < 60 ? `${wait} s` : `${Math.ceil(wait / 60)} min`;
    return {
      ok: false,
      status: 429,
      retryAfterSeconds: wait,
      fieldErrors: { currentPassword: `Too many attempts. Wait ${when} before trying again.` },
    };
  }
  let newHash: string;
  try {
    const currentHash = await getPasswordHash(db, user.id);
    if (!currentHash || !(await verifyPassword(input.currentPassword, currentHash))) {
      return { ok: false, status: 400, fieldErrors: { currentPassword: "That is not your current password" } };
    }
    newHash = await hashPassword(input.newPassword); // slow on purpose: outside the transaction
  } catch (error) {
    if (!(error instanceof PasswordHashingBusyError)) throw error;
    await refundAttempt(db, throttleKey);
    return {
      ok: false,
      status: 503,
      retryAfterSeconds: 2,
      fieldErrors: { currentPassword: "We are busy right now. Try again in a moment." },
    };
  }
  await clearThrottle(db, throttleKey);
  await db.transaction().execute(async (trx) => {
    await setPassword(trx, user.id, newHash);
    await deleteSessionsOfUser(trx, user.id);
    await recordAudit(trx, {
      clinicId: user.clinic_id,
      actor: user,
      action: "user.password_changed",
      entityType: "user",
      entityId: user.id,
    });
  });
  return { ok: true };
}
