import type { Kysely } from "kysely";

// Sign-in throttling moves from one row per failure (counted, then checked: parallel requests could all pass the
// count) to one counter row per throttle key, bumped atomically before a password is checked.
// Keys: "pair:<email>|<address>" (growing delays), "address:<address>" (a window limit),
// "password-change:<user id>" (growing delays). See app/services/sign-in.server.ts.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("login_failure").execute();
  await db.schema
    .createTable("sign_in_throttle")
    .addColumn("throttle_key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("window_started_at", "text", (c) => c.notNull())
    .addColumn("last_failure_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("sign_in_throttle_last_failure_idx")
    .on("sign_in_throttle")
    .column("last_failure_at")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("sign_in_throttle").execute();
  await db.schema
    .createTable("login_failure")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("throttle_key", "text", (c) => c.notNull())
    .addColumn("failed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("login_failure_key_idx")
    .on("login_failure")
    .columns(["throttle_key", "failed_at"])
    .execute();
}
