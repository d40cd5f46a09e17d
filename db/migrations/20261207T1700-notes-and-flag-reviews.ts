import { sql, type Kysely } from "kysely";

// Issue 16: a patient's note to the physio is read (or not), and an engine flag can be marked reviewed.
// - log_note_read: one row per log whose note a clinician of the clinic marked read, holding the note as it was then,
//   so a note the patient edits afterwards is unread again (docs/decisions/049-notes-and-flag-reviews.md).
// - flag_review: who reviewed which flags of the plan, when, with an optional note; the flags as they read then, so
//   triage can tell a reviewed flag from a new one.
// - daily_log_note_idx: a partial index over the few logs carrying a note, so counting unread notes per plan reads
//   those rows only, not the plan's whole history.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("log_note_read")
    .addColumn("log_id", "text", (c) => c.primaryKey().references("daily_log.id").onDelete("cascade"))
    .addColumn("clinic_id", "text", (c) => c.notNull().references("clinic.id"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plan.id"))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("read_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("read_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("log_note_read_plan_idx").on("log_note_read").column("plan_id").execute();

  await db.schema
    .createTable("flag_review")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("clinic_id", "text", (c) => c.notNull().references("clinic.id"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plan.id"))
    // No foreign key: a day's held decision is replaced when the plan is evaluated again; the review stays.
    .addColumn("decision_id", "text", (c) => c.notNull())
    .addColumn("flags", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("reviewed_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("reviewed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("flag_review_plan_idx").on("flag_review").columns(["plan_id", "reviewed_at"]).execute();

  await db.schema
    .createIndex("daily_log_note_idx")
    .on("daily_log")
    .columns(["plan_id", "log_date"])
    .where(sql.ref("notes"), "is not", null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("daily_log_note_idx").execute();
  await db.schema.dropTable("flag_review").execute();
  await db.schema.dropTable("log_note_read").execute();
}
