import type { Kysely } from "kysely";

// Issue 18, items 3 and 4 (ADRs 050 and 051).
// - sign_in_link: one-time sign-in links for patients; only a hash of the token is stored, as for invites.
// - reminder_setting: a patient's reminder choice; no row means the defaults (on, 19:00 in their time zone).
// - reminder_claim: one row per (patient, kind, local day), inserted *before* a reminder is sent. The primary key is
//   what keeps two app instances (or two sweeps) from both sending: only the one whose insert lands sends.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sign_in_link")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("sign_in_link_user_idx").on("sign_in_link").column("user_id").execute();
  await db.schema.createIndex("sign_in_link_expires_idx").on("sign_in_link").column("expires_at").execute();

  await db.schema
    .createTable("reminder_setting")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("app_user.id"))
    .addColumn("enabled", "integer", (c) => c.notNull())
    .addColumn("remind_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("reminder_claim")
    .addColumn("patient_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("local_date", "text", (c) => c.notNull())
    .addColumn("claimed_at", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("delivery", "text")
    .addPrimaryKeyConstraint("reminder_claim_pk", ["patient_id", "kind", "local_date"])
    .execute();
  await db.schema.createIndex("reminder_claim_date_idx").on("reminder_claim").columns(["kind", "local_date"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("reminder_claim").execute();
  await db.schema.dropTable("reminder_setting").execute();
  await db.schema.dropTable("sign_in_link").execute();
}
