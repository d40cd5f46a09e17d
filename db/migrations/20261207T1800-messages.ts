import type { Kysely } from "kysely";

// Messages between a patient and their clinic, one thread per plan (issue 18). `read_at` is set when the other side
// opens the thread: a patient's message is read once any clinician of the clinic has seen it. `message_notice` keeps
// when each side was last emailed about new messages, so a burst of messages sends at most one email an hour.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("message")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("clinic_id", "text", (c) => c.notNull().references("clinic.id"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plan.id"))
    .addColumn("patient_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("author_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("author_role", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  await db.schema.createIndex("message_plan_created_idx").on("message").columns(["plan_id", "created_at"]).execute();
  // Unread counts: a clinic's unread messages from patients, a patient's unread messages from the clinic.
  await db.schema
    .createIndex("message_unread_idx")
    .on("message")
    .columns(["clinic_id", "author_role", "read_at"])
    .execute();
  await db.schema
    .createTable("message_notice")
    .addColumn("plan_id", "text", (c) => c.notNull().references("plan.id"))
    .addColumn("recipient_role", "text", (c) => c.notNull())
    .addColumn("last_sent_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("message_notice_pk", ["plan_id", "recipient_role"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("message_notice").execute();
  await db.schema.dropTable("message").execute();
}
