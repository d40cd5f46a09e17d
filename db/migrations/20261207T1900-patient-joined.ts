import { sql, type Kysely } from "kysely";

// When a patient joined (set a password, continued from the invite without one, or signed in by an emailed link).
// "Invited, not joined yet" used to mean "no password", which stopped being true once patients could join without
// one (docs/decisions/051-sign-in-links.md). Patients with a password joined when they set it; their profile's
// creation date stands in for that moment.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("patient_profile").addColumn("joined_at", "text").execute();
  await sql`update patient_profile set joined_at = created_at
    where user_id in (select id from app_user where password_hash is not null)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("patient_profile").dropColumn("joined_at").execute();
}
