import { sql } from "kysely";
import type { DB } from "~/db/client.server.ts";

export type ThrottleState = { failures: number; window_started_at: string; last_failure_at: string };

export async function getThrottle(db: DB, throttleKey: string): Promise<ThrottleState | undefined> {
  return db
    .selectFrom("sign_in_throttle")
    .select(["failures", "window_started_at", "last_failure_at"])
    .where("throttle_key", "=", throttleKey)
    .executeTakeFirst();
}

/**
 * Compare-and-swap: moves a key from the state the caller read (`expected`, or no row) to `next`. Returns false if
 * another request changed it in between, so two parallel attempts can never both count as the same attempt.
 */
export async function swapThrottle(
  db: DB,
  throttleKey: string,
  expected: ThrottleState | undefined,
  next: ThrottleState,
): Promise<boolean> {
  if (!expected) {
    const result = await db
      .insertInto("sign_in_throttle")
      .values({ throttle_key: throttleKey, ...next })
      .onConflict((oc) => oc.column("throttle_key").doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const result = await db
    .updateTable("sign_in_throttle")
    .set(next)
    .where("throttle_key", "=", throttleKey)
    .where("failures", "=", expected.failures)
    .where("last_failure_at", "=", expected.last_failure_at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Counts one attempt against a fixed window in a single statement (insert or increment), and returns the count
 * including this one. A window older than `windowStartedBefore` starts over at 1.
 */
export async function bumpWindowCounter(
  db: DB,
  throttleKey: string,
  atIso: string,
  windowStartedBefore: string,
): Promise<number> {
  const row = await db
    .insertInto("sign_in_throttle")
    .values({ throttle_key: throttleKey, failures: 1, window_started_at: atIso, last_failure_at: atIso })
    .onConflict((oc) =>
      oc.column("throttle_key").doUpdateSet({
        failures: sql<number>`case when sign_in_throttle.window_started_at < ${windowStartedBefore} then 1 else sign_in_throttle.failures + 1 end`,
        window_started_at: sql<string>`case when sign_in_throttle.window_started_at < ${windowStartedBefore} then ${atIso} else sign_in_throttle.window_started_at end`,
        last_failure_at: atIso,
      }),
    )
    .returning("failures")
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

/** Gives back one counted attempt (its password was never checked, or it succeeded). */
export async function refundAttempt(db: DB, throttleKey: string): Promise<void> {
  await db
    .updateTable("sign_in_throttle")
    .set({ failures: sql<number>`failures - 1` })
    .where("throttle_key", "=", throttleKey)
    .where("failures", ">", 0)
    .execute();
}

export async function clearThrottle(db: DB, throttleKey: string): Promise<void> {
  await db.deleteFrom("sign_in_throttle").where("throttle_key", "=", throttleKey).execute();
}

/** Forgets keys quiet since `beforeIso`, so the table holds only recent attempts. */
export async function pruneThrottles(db: DB, beforeIso: string): Promise<void> {
  await db.deleteFrom("sign_in_throttle").where("last_failure_at", "<", beforeIso).execute();
}
