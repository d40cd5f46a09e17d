import { createHash } from "node:crypto";
import type { DB } from "~/db/client.server.ts";
import { newId } from "~/utils/ids.server.ts";

// Only a hash of the token is stored, so a copy of the database can't be used to take over accounts.
function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function insertInvite(
  db: DB,
  invite: { id?: string; userId: string; token: string; createdBy: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto("invite")
    .values({
      id: invite.id ?? newId(),
      user_id: invite.userId,
      token_hash: hashToken(invite.token),
      created_by: invite.createdBy,
      created_at: invite.createdAt,
      expires_at: invite.expiresAt,
      used_at: null,
    })
    .execute();
}

/** An invite that can still be used: not used before and not expired. */
export async function findUsableInvite(db: DB, token: string, nowIso: string) {
  return db
    .selectFrom("invite")
    .innerJoin("app_user", "app_user.id", "invite.user_id")
    .select(["invite.id", "invite.user_id", "app_user.name", "app_user.email", "app_user.clinic_id"])
    .where("invite.token_hash", "=", hashToken(token))
    .where("invite.used_at", "is", null)
    .where("invite.expires_at", ">", nowIso)
    .executeTakeFirst();
}

/** Marks the invite used; returns false if someone else used it first (double submit). */
export async function markInviteUsed(db: DB, inviteId: string, nowIso: string): Promise<boolean> {
  const result = await db
    .updateTable("invite")
    .set({ used_at: nowIso })
    .where("id", "=", inviteId)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A new link replaces any unused one. */
export async function revokeOpenInvites(db: DB, userId: string, nowIso: string): Promise<void> {
  await db
    .updateTable("invite")
    .set({ used_at: nowIso })
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .execute();
}

/** The patient's newest invite that can still be used, if any (its id; the token is never stored). */
export async function findOpenInviteOfUser(db: DB, userId: string, nowIso: string) {
  return db
    .selectFrom("invite")
    .select(["id", "expires_at"])
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .where("expires_at", ">", nowIso)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}
