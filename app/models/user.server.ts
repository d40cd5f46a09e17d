import type { DB } from "~/db/client.server.ts";
import type { Role } from "~/db/types.ts";
import { nowIso } from "~/utils/dates.ts";
import { newId } from "~/utils/ids.server.ts";

const publicColumns = ["id", "clinic_id", "role", "email", "name", "time_zone"] as const;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function getUserById(db: DB, id: string) {
  return db.selectFrom("app_user").select(publicColumns).where("id", "=", id).executeTakeFirst();
}

/** Includes the password hash: only for sign-in. */
export async function getUserForSignIn(db: DB, email: string) {
  return db
    .selectFrom("app_user")
    .select([...publicColumns, "password_hash"])
    .where("email", "=", normalizeEmail(email))
    .executeTakeFirst();
}

/** The stored password hash of a user (null while invited): only for checking a password. */
export async function getPasswordHash(db: DB, userId: string): Promise<string | null> {
  const row = await db.selectFrom("app_user").select("password_hash").where("id", "=", userId).executeTakeFirst();
  return row?.password_hash ?? null;
}

/** Whether a user is a patient of this clinic (ids from a form are checked before use). */
export async function isPatientOfClinic(db: DB, clinicId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("app_user")
    .select("id")
    .where("id", "=", userId)
    .where("clinic_id", "=", clinicId)
    .where("role", "=", "patient")
    .executeTakeFirst();
  return Boolean(row);
}

export async function emailExists(db: DB, email: string): Promise<boolean> {
  const row = await db
    .selectFrom("app_user")
    .select("id")
    .where("email", "=", normalizeEmail(email))
    .executeTakeFirst();
  return Boolean(row);
}

export async function insertUser(
  db: DB,
  user: { clinicId: string; role: Role; email: string; name: string; timeZone: string; passwordHash: string | null },
): Promise<string> {
  const id = newId();
  await db
    .insertInto("app_user")
    .values({
      id,
      clinic_id: user.clinicId,
      role: user.role,
      email: normalizeEmail(user.email),
      name: user.name,
      password_hash: user.passwordHash,
      time_zone: user.timeZone,
      created_at: nowIso(),
      password_changed_at: user.passwordHash ? nowIso() : null,
    })
    .execute();
  return id;
}

export async function setPassword(db: DB, userId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable("app_user")
    .set({ password_hash: passwordHash, password_changed_at: nowIso() })
    .where("id", "=", userId)
    .execute();
}

export type SessionUser = NonNullable<Awaited<ReturnType<typeof getUserById>>>;
