import type { Kysely } from "kysely";

// Issue 15, items 3 and 5 (docs/decisions/056-applying-dose-changes.md): a decision keeps the dose changes the engine
// proposed (JSON, null on decisions made before: read as none), and a plan says whether they wait for the clinician
// ('confirm', the default) or apply at once ('automatic').
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("decision").addColumn("dose_changes", "text").execute();
  await db.schema
    .alterTable("plan")
    .addColumn("dose_approval_mode", "text", (c) => c.notNull().defaultTo("confirm"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("plan").dropColumn("dose_approval_mode").execute();
  await db.schema.alterTable("decision").dropColumn("dose_changes").execute();
}
