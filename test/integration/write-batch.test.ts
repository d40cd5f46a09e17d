import { describe, expect, it } from "vitest";
import { isPostgresUrl } from "~/db/client.server.ts";
import { runWriteBatch } from "~/db/write-batch.server.ts";
import { nowIso } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";
import { newId } from "~/utils/ids.server.ts";

// Write batches (ADR 047) on the real database: SQLite's writer thread, or one PostgreSQL transaction.
const onSqlite = !isPostgresUrl(process.env.DATABASE_URL!);

function insertClinic(name: string, id = newId()) {
  return getDb().insertInto("clinic").values({ id, name, created_at: nowIso() });
}

async function clinicNamed(name: string) {
  return getDb().selectFrom("clinic").select(["id", "name"]).where("name", "=", name).execute();
}

describe("write batches", () => {
  it("write every statement with its bound parameters, quotes and placeholders in values kept as typed", async () => {
    const odd = `O'Brien "quoted" ? ?1 :name -- not a comment; drop table clinic`;
    const id = newId();
    const result = await runWriteBatch(getDb(), [
      { query: insertClinic(odd, id) },
      {
        query: getDb()
          .updateTable("clinic")
          .set({ name: `${odd} (renamed)` })
          .where("id", "=", id),
        expectChanges: 1,
      },
    ]);
    expect(result).toEqual({ ok: true });
    expect(await clinicNamed(`${odd} (renamed)`)).toEqual([{ id, name: `${odd} (renamed)` }]);
  });

  it("a check that does not hold rolls the whole batch back and names the check", async () => {
    const result = await runWriteBatch(getDb(), [
      { query: insertClinic("batch-rolled-back") },
      { query: getDb().updateTable("clinic").set({ name: "x" }).where("id", "=", "no-such-clinic"), expectChanges: 1 },
      { query: insertClinic("batch-never-reached") },
    ]);
    expect(result).toEqual({ ok: false, conflictAt: 1 });
    expect(await clinicNamed("batch-rolled-back")).toEqual([]);
    expect(await clinicNamed("batch-never-reached")).toEqual([]);
  });

  it("a failing statement rolls the whole batch back and throws the database's error", async () => {
    const id = newId();
    await expect(
      runWriteBatch(getDb(), [{ query: insertClinic("batch-first", id) }, { query: insertClinic("batch-dup", id) }]),
    ).rejects.toThrow(/unique|duplicate/i);
    expect(await clinicNamed("batch-first")).toEqual([]);
    // The writer is free again: the next batch runs.
    expect(await runWriteBatch(getDb(), [{ query: insertClinic("batch-after-error") }])).toEqual({ ok: true });
  });

  it.runIf(onSqlite)("a batch waits while a transaction is open on the writer, then runs after it", async () => {
    const db = getDb();
    const trx = await db.startTransaction().execute();
    await trx.insertInto("clinic").values({ id: newId(), name: "batch-open-trx", created_at: nowIso() }).execute();
    let settled = false;
    const batch = runWriteBatch(db, [{ query: insertClinic("batch-waited") }]).finally(() => (settled = true));
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(settled).toBe(false);
    await trx.rollback().execute();
    expect(await batch).toEqual({ ok: true });
    expect(await clinicNamed("batch-waited")).toHaveLength(1);
    expect(await clinicNamed("batch-open-trx")).toEqual([]);
  });

  it("refuses to run inside a transaction (it is its own)", async () => {
    await expect(
      getDb()
        .transaction()
        .execute((trx) => runWriteBatch(trx, [{ query: insertClinic("batch-nested") }])),
    ).rejects.toThrow(/outside/);
  });
});
