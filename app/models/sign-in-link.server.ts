import { createHash } from "node:crypto";
import type { DB } from "~/db/client.server.ts";
import { newId } from "~/utils/ids.server.ts";

// Only a hash of the token is stored, so a copy of the database can't be used to sign in.
function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function insertSignInLink(
  db: DB,
  link: { userId: string; token: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto("sign_in_link")
    .values({
      id: newId(),
      user_id: link.userId,
      token_hash: hashToken(link.token),
      created_at: link.createdAt,
      expires_at: link.expiresAt,
      used_at: null,
    })
    .execute();
}

/** The link behind a token, used or not, with its patient (to say "already used" rather than "unknown"). */
export async function findSignInLink(db: DB, token: string) {
  return db
    .selectFrom("sign_in_link")
    .innerJoin("app_user", "app_user.id", "sign_in_link.user_id")
    .select([
      "sign_in_link.id",
      "sign_in_link.user_id",
      "sign_in_link.expires_at",
      "sign_in_link.used_at",
      "app_user.name",
      "app_user.role",
      "app_user.clinic_id",
    ])
    .where("sign_in_link.token_hash", "=", hashToken(token))
    .executeTakeFirst();
}

/**
 * Uses the link: one statement that succeeds only while it is unused and unexpired, so two clicks (or two tabs) can
 * never both sign in. Returns false if it was not usable.
 */
export async function consumeSignInLink(db: DB, linkId: string, nowIso: string): Promise<boolean> {
  const result = await db
    .updateTable("sign_in_link")
    .set({ used_at: nowIso })
    .where("id", "=", linkId)
    .where("used_at", "is", null)
    .where("expires_at", ">", nowIso)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** After one link is used, the user's other open links stop working. */
export async function revokeOpenSignInLinks(db: DB, userId: string, nowIso: string): Promise<void> {
  await db
    .updateTable("sign_in_link")
    .set({ used_at: nowIso })
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .execute();
}

/** Forgets links that expired before `beforeIso` (they can only say "expired" until then). */
export async function pruneSignInLinks(db: DB, beforeIso: string): Promise<void> {
  await db.deleteFrom("sign_in_link").where("expires_at", "<", beforeIso).execute();
}
