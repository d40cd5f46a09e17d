import type { Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one instead.
// Dialect-neutral on purpose (SQLite and PostgreSQL): ids are text, timestamps ISO-8601 text, JSON as text,
// booleans as integers.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("clinic")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("app_user")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("clinic_id", "text", (c) => c.notNull().references("clinic.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("password_changed_at", "text")
    .execute();
  await db.schema.createIndex("app_user_clinic_role_idx").on("app_user").columns(["clinic_id", "role"]).execute();

  await db.schema
    .createTable("patient_profile")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("app_user.id"))
    .addColumn("clinic_id", "text", (c) => c.notNull().references("clinic.id"))
    .addColumn("clinician_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("condition", "text", (c) => c.notNull())
    .addColumn("involved_side", "text", (c) => c.notNull())
    .addColumn("injury_date", "text")
    .addColumn("surgery_date", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("user_session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("user_session_user_idx").on("user_session").column("user_id").execute();

  await db.schema
    .createTable("invite")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();

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

  // Clinic-authored programs; built-in programs live as data files under db/programs and are never rows here.
  await db.schema
    .createTable("program")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("clinic_id", "text", (c) => c.notNull().references("clinic.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("condition", "text", (c) => c.notNull())
    .addColumn("based_on", "text")
    .addColumn("current_version", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("archived_at", "text")
    .execute();
  await db.schema.createIndex("program_clinic_idx").on("program").column("clinic_id").execute();

  // Every saved edit is a new immutable version: plans keep the version they started on.
  await db.schema
    .createTable("program_version")
    .addColumn("program_id", "text", (c) => c.notNull().references("program.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("program_version_pk", ["program_id", "version"])
    .execute();

  await db.schema
    .createTable("plan")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("clinic_id", "text", (c) => c.notNull().references("clinic.id"))
    .addColumn("patient_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("clinician_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("program_id", "text", (c) => c.notNull())
    .addColumn("program_version", "integer", (c) => c.notNull())
    // The program definition the plan runs on, frozen when the plan starts or is moved to a new version.
    .addColumn("program_snapshot", "text", (c) => c.notNull())
    .addColumn("current_stage_id", "text", (c) => c.notNull())
    .addColumn("stage_entered_on", "text", (c) => c.notNull())
    .addColumn("last_regress_on", "text")
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("injury_date", "text")
    .addColumn("surgery_date", "text")
    .addColumn("involved_side", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("approval_mode", "text", (c) => c.notNull())
    .addColumn("goal_text", "text")
    .addColumn("goal_activity", "text")
    .addColumn("goal_target_date", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("plan_clinic_status_idx").on("plan").columns(["clinic_id", "status"]).execute();
  await db.schema.createIndex("plan_patient_idx").on("plan").columns(["patient_id", "status"]).execute();

  await db.schema
    .createTable("daily_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("clinic_id", "text", (c) => c.notNull().references("clinic.id"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plan.id"))
    .addColumn("patient_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("log_date", "text", (c) => c.notNull())
    .addColumn("morning_pain", "integer")
    .addColumn("morning_stiffness", "integer")
    .addColumn("session_done", "text", (c) => c.notNull())
    .addColumn("pain_during", "integer")
    .addColumn("pain_after", "integer")
    .addColumn("pain_at_rest", "integer")
    .addColumn("session_minutes", "integer")
    .addColumn("session_rpe", "integer")
    .addColumn("running_minutes", "integer")
    .addColumn("swelling", "text")
    .addColumn("soreness", "text")
    .addColumn("exercises", "text")
    .addColumn("other_activities", "text")
    .addColumn("test_pain", "text")
    .addColumn("notes", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("edit_count", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("daily_log_plan_date_uq", ["plan_id", "log_date"])
    .execute();

  await db.schema
    .createTable("measurement")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("clinic_id", "text", (c) => c.notNull().references("clinic.id"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plan.id"))
    .addColumn("patient_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("measured_on", "text", (c) => c.notNull())
    .addColumn("measure", "text", (c) => c.notNull())
    .addColumn("side", "text")
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("answers", "text")
    .addColumn("recorded_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("measurement_plan_idx").on("measurement").columns(["plan_id", "measured_on"]).execute();

  // Clinician sign-off items (e.g. "clinical exam clear"): only a clinician can record one.
  await db.schema
    .createTable("signoff")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("clinic_id", "text", (c) => c.notNull().references("clinic.id"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plan.id"))
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("stage_id", "text", (c) => c.notNull())
    .addColumn("signed_on", "text", (c) => c.notNull())
    .addColumn("clinician_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("signoff_plan_idx").on("signoff").column("plan_id").execute();

  await db.schema
    .createTable("decision")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("clinic_id", "text", (c) => c.notNull().references("clinic.id"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plan.id"))
    .addColumn("evaluated_for", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("from_stage_id", "text", (c) => c.notNull())
    .addColumn("to_stage_id", "text", (c) => c.notNull())
    .addColumn("checks", "text", (c) => c.notNull())
    .addColumn("flags", "text", (c) => c.notNull())
    .addColumn("load", "text")
    .addColumn("patient_summary", "text", (c) => c.notNull())
    .addColumn("clinician_summary", "text", (c) => c.notNull())
    .addColumn("engine_version", "text", (c) => c.notNull())
    .addColumn("program_version", "integer", (c) => c.notNull())
    // pending: awaiting a clinician · applied · overridden · superseded by a later evaluation · info (hold, nothing to do)
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reviewed_by", "text", (c) => c.references("app_user.id"))
    .addColumn("reviewed_at", "text")
    .addColumn("review_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("decision_plan_idx").on("decision").columns(["plan_id", "evaluated_for"]).execute();
  await db.schema.createIndex("decision_clinic_status_idx").on("decision").columns(["clinic_id", "status"]).execute();

  // Append-only: the app has no code path that updates or deletes audit rows.
  await db.schema
    .createTable("audit_event")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("clinic_id", "text", (c) => c.notNull().references("clinic.id"))
    .addColumn("actor_id", "text", (c) => c.references("app_user.id"))
    .addColumn("actor_role", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("plan_id", "text")
    .addColumn("detail", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_plan_idx").on("audit_event").columns(["plan_id", "at"]).execute();
  await db.schema.createIndex("audit_clinic_idx").on("audit_event").columns(["clinic_id", "at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "audit_event",
    "decision",
    "signoff",
    "measurement",
    "daily_log",
    "plan",
    "program_version",
    "program",
    "login_failure",
    "invite",
    "user_session",
    "patient_profile",
    "app_user",
    "clinic",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
