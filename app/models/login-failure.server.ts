import type { DB } from "~/db/client.server.ts";
import { newId } from "~/utils/ids.server.ts";

export async function countFailuresSince(db: DB, throttleKey: string, sinceIso: string): Promise<number> {
  const row = await db
    .selectFrom("login_failure")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("throttle_key", "=", throttleKey)
    .where("failed_at", ">", sinceIso)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function recordFailures(db: DB, throttleKeys: string[], atIso: string): Promise<void> {
  await db
    .insertInto("login_failure")
    .values(throttleKeys.map((throttle_key) => ({ id: newId(), throttle_key, failed_at: atIso })))
    .execute();
}

export async function clearFailures(db: DB, throttleKey: string): Promise<void> {
  await db.deleteFrom("login_failure").where("throttle_key", "=", throttleKey).execute();
}
