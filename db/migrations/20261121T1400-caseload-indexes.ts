import type { Kysely } from "kysely";

// The triage home reads one physio's caseload: find their live plans and patients without scanning the clinic.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("plan_clinician_status_idx").on("plan").columns(["clinician_id", "status"]).execute();
  await db.schema
    .createIndex("patient_profile_clinician_idx")
    .on("patient_profile")
    .columns(["clinician_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("patient_profile_clinician_idx").execute();
  await db.schema.dropIndex("plan_clinician_status_idx").execute();
}
