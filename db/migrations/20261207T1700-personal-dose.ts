import type { Kysely } from "kysely";

// A patient's own dose of their current stage (docs/decisions/052-personal-prescription.md). Append-only: every
// change is a new row with the plan's next version number, so the history is the table and two physios saving the
// same version collide on the unique (plan_id, version) index instead of one silently overwriting the other.
// A row belongs to one stay in a stage (stage_id + stage_entered_on): a new stay starts from the program's dose.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("personal_dose")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("clinic_id", "text", (c) => c.notNull().references("clinic.id"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plan.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("stage_id", "text", (c) => c.notNull())
    .addColumn("stage_entered_on", "text", (c) => c.notNull())
    .addColumn("program_version", "integer", (c) => c.notNull())
    // JSON: the exercises that differ from the program's (tailored, dropped or added for this patient).
    .addColumn("exercises", "text", (c) => c.notNull())
    // JSON: the run as tailored, or null for the program's.
    .addColumn("run", "text")
    .addColumn("cause", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("changed_by", "text", (c) => c.references("app_user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("personal_dose_plan_version_idx")
    .on("personal_dose")
    .columns(["plan_id", "version"])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("personal_dose").execute();
}
