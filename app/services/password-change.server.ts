import type { DB } from "~/db/client.server.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { deleteSessionsOfUser } from "~/models/session.server.ts";
import { getPasswordHash, setPassword } from "~/models/user.server.ts";
import { hashPassword, verifyPassword } from "~/utils/password.server.ts";

export type PasswordChangeResult = { ok: true } | { ok: false; fieldErrors: Record<string, string> };

/**
 * Changes a password after checking the current one, and ends every session of the user (other phones, a shared
 * computer): the caller starts a fresh session for this browser.
 */
export async function changePassword(
  db: DB,
  user: { id: string; clinic_id: string; role: string },
  input: { currentPassword: string; newPassword: string },
): Promise<PasswordChangeResult> {
  const currentHash = await getPasswordHash(db, user.id);
  if (!currentHash || !(await verifyPassword(input.currentPassword, currentHash))) {
    return { ok: false, fieldErrors: { currentPassword: "That is not your current password" } };
  }
  const newHash = await hashPassword(input.newPassword); // slow on purpose: outside the transaction
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
