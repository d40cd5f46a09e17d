import type { Kysely } from "kysely";

// The triage home reads each plan's latest decision. A plan gathers one decision per evaluated day, so the lookup
// must be an index seek on (plan, newest first), not a sort of the plan's whole decision history.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("decision_plan_created_idx").on("decision").columns(["plan_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("decision_plan_created_idx").execute();
}
