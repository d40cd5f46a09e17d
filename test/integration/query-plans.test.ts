import { sql, type Compilable } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server.ts";

// A log save and the triage must cost the same on a plan's first day and after a year of one decision a day: their
// decision lookups are index searches, never a scan of the plan's decision history. Checked on SQLite's planner (the
// PostgreSQL planner picks by table statistics, so a tiny test table proves nothing there).
const onSqlite = process.env.STAGEWISE_TEST_DB !== "postgres";

async function planOf(query: Compilable) {
  const { sql: text, parameters } = query.compile();
  const rows = await sql.raw<{ detail: string }>(`explain query plan ${inline(text, parameters)}`).execute(getDb());
  return rows.rows.map((r) => r.detail).join("\n");
}

/** EXPLAIN QUERY PLAN takes no bound values here; the test's values are plain strings. */
function inline(text: string, parameters: readonly unknown[]): string {
  let i = 0;
  return text.replace(/\?/g, () => `'${String(parameters[i++]).replace(/'/g, "''")}'`);
}

describe.runIf(onSqlite)("decision lookups on the hot paths are index searches", () => {
  const db = () => getDb();

  it("superseding a plan's pending decisions (every log save) searches by plan and status", async () => {
    const plan = await planOf(
      db()
        .updateTable("decision")
        .set({ status: "superseded" })
        .where("plan_id", "=", "p")
        .where("status", "=", "pending"),
    );
    expect(plan).toContain("USING INDEX decision_plan_status_idx (plan_id=? AND status=?)");
  });

  it("replacing today's held decision (every log save) searches by plan and day", async () => {
    const plan = await planOf(
      db()
        .deleteFrom("decision")
        .where("plan_id", "=", "p")
        .where("evaluated_for", "=", "2026-11-21")
        .where("status", "=", "info"),
    );
    expect(plan).toMatch(
      /USING INDEX decision_plan_idx \(plan_id=\? AND evaluated_for=\?\)|USING INDEX decision_plan_status_idx/,
    );
  });

  it("a plan's latest decision (the triage, Today) is one step down the (plan, created) index", async () => {
    const plan = await planOf(
      db().selectFrom("decision").select(["id"]).where("plan_id", "=", "p").orderBy("created_at", "desc").limit(1),
    );
    expect(plan).toContain("USING INDEX decision_plan_created_idx (plan_id=?)");
    expect(plan).not.toContain("TEMP B-TREE");
  });
});
