import type { DB } from "~/db/client.server.ts";

export async function insertSession(
  db: DB,
  row: { id: string; userId: string; data: string; expiresAt: string; createdAt: string },
) {
  await db
    .insertInto("user_session")
    .values({ id: row.id, user_id: row.userId, data: row.data, expires_at: row.expiresAt, created_at: row.createdAt })
    .execute();
}

export async function getLiveSession(db: DB, id: string, now: string) {
  return db
    .selectFrom("user_session")
    .select(["id", "user_id", "data"])
    .where("id", "=", id)
    .where("expires_at", ">", now)
    .executeTakeFirst();
}

/** The signed-in user behind a live session, in one query (every authenticated request asks). */
export async function getLiveSessionUser(db: DB, id: string, now: string) {
  return db
    .selectFrom("user_session")
    .innerJoin("app_user", "app_user.id", "user_session.user_id")
    .select([
      "app_user.id",
      "app_user.clinic_id",
      "app_user.role",
      "app_user.email",
      "app_user.name",
      "app_user.time_zone",
    ])
    .where("user_session.id", "=", id)
    .where("user_session.expires_at", ">", now)
    .executeTakeFirst();
}

export async function updateSessionData(db: DB, id: string, data: string, expiresAt: string) {
  await db.updateTable("user_session").set({ data, expires_at: expiresAt }).where("id", "=", id).execute();
}

export async function deleteSession(db: DB, id: string) {
  await db.deleteFrom("user_session").where("id", "=", id).execute();
}

/** Signs a user out everywhere (password change). */
export async function deleteSessionsOfUser(db: DB, userId: string) {
  await db.deleteFrom("user_session").where("user_id", "=", userId).execute();
}
