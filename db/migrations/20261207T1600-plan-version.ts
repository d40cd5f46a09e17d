import { sql, type Kysely } from "kysely";

// Issue 17: a plan's version, bumped by every write that records a decision or moves the plan, so a save or an
// evaluation that read the plan can check, in its short write transaction, that nothing changed since
// (docs/decisions/047-write-batches-on-a-writer-thread.md). And at most one decision per plan waits for the clinician:
// two evaluations at once can no longer leave two pending.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("plan")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // Before the unique index: any plan left with several pending decisions keeps its newest one pending.
  await sql`
    update decision set status = 'superseded'
    where status = 'pending'
      and exists (
        select 1 from decision newer
        where newer.plan_id = decision.plan_id and newer.status = 'pending'
          and (newer.created_at > decision.created_at or (newer.created_at = decision.created_at and newer.id > decision.id))
      )`.execute(db);
  await db.schema
    .createIndex("decision_one_pending_per_plan")
    .on("decision")
    .column("plan_id")
    .unique()
    .where(sql.ref("status"), "=", "pending")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("decision_one_pending_per_plan").execute();
  await db.schema.alterTable("plan").dropColumn("version").execute();
}
