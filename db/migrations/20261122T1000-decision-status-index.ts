import type { Kysely } from "kysely";

// Every log save first marks the plan's pending decisions superseded. Without this index that update reads every
// decision the plan ever gathered (one a day, each a few KB of checks) to find the one or two pending.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("decision_plan_status_idx").on("decision").columns(["plan_id", "status"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("decision_plan_status_idx").execute();
}
