import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Kysely, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Sqlite3Dialect } from "~/db/sqlite3-dialect.server.ts";

type T = { item: { id: number; name: string } };

describe("sqlite3 dialect", () => {
  let dir: string;
  let db: Kysely<T>;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "stagewise-dialect-"));
    db = new Kysely<T>({ dialect: new Sqlite3Dialect({ filename: path.join(dir, "d.db") }) });
    await db.schema
      .createTable("item")
      .addColumn("id", "integer", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull().unique())
      .execute();
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("opens the file in WAL mode with foreign keys on and a busy timeout", async () => {
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    const timeout = await sql<{ timeout: number }>`pragma busy_timeout`.execute(db);
    expect(journal.rows[0]?.journal_mode).toBe("wal");
    expect(fk.rows[0]?.foreign_keys).toBe(1);
    expect(timeout.rows[0]?.timeout).toBe(5000);
  });

  it("reports inserted ids, affected rows and RETURNING rows", async () => {
    const inserted = await db.insertInto("item").values({ id: 7, name: "a" }).executeTakeFirst();
    expect(inserted.insertId).toBe(7n);
    const updated = await db.updateTable("item").set({ name: "b" }).where("id", "=", 7).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
    const returned = await db.insertInto("item").values({ id: 8, name: "c" }).returning(["id", "name"]).execute();
    expect(returned).toEqual([{ id: 8, name: "c" }]);
  });

  it("rolls back a failed transaction completely", async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto("item").values({ id: 1, name: "kept?" }).execute();
        await trx.insertInto("item").values({ id: 2, name: "kept?" }).execute(); // unique violation
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(await db.selectFrom("item").selectAll().execute()).toEqual([]);
  });

  it("rolls back to a savepoint inside a transaction and keeps the outer work", async () => {
    const trx = await db.startTransaction().execute();
    await trx.insertInto("item").values({ id: 1, name: "outer" }).execute();
    const inner = await trx.savepoint("inner").execute();
    await inner.insertInto("item").values({ id: 2, name: "inner" }).execute();
    const outer = await inner.rollbackToSavepoint("inner").execute();
    await outer.commit().execute();
    expect(await db.selectFrom("item").select("name").execute()).toEqual([{ name: "outer" }]);
  });

  it("never runs a concurrent query inside another request's open transaction", async () => {
    let releaseTransaction!: () => void;
    const gate = new Promise<void>((r) => (releaseTransaction = r));
    const transaction = db.transaction().execute(async (trx) => {
      await trx.insertInto("item").values({ id: 1, name: "in-tx" }).execute();
      await gate;
      throw new Error("abort");
    });
    // Issued while the transaction is open: must wait, then see the rolled-back state.
    const outside = db.selectFrom("item").selectAll().execute();
    await new Promise((r) => setTimeout(r, 20));
    releaseTransaction();
    await expect(transaction).rejects.toThrow("abort");
    expect(await outside).toEqual([]);
  });

  it("answers a plain read from a reader while another request's write transaction is still open", async () => {
    await db.insertInto("item").values({ id: 1, name: "committed" }).execute();
    let releaseTransaction!: () => void;
    const gate = new Promise<void>((r) => (releaseTransaction = r));
    const transaction = db.transaction().execute(async (trx) => {
      await trx.insertInto("item").values({ id: 2, name: "uncommitted" }).execute();
      await gate;
    });
    await new Promise((r) => setTimeout(r, 10));
    // Resolves while the writer is held (it would hang here if reads queued behind the write lock).
    expect(await db.selectFrom("item").select("name").execute()).toEqual([{ name: "committed" }]);
    releaseTransaction();
    await transaction;
    // A read issued after the commit sees it.
    expect(await db.selectFrom("item").select("name").orderBy("id").execute()).toEqual([
      { name: "committed" },
      { name: "uncommitted" },
    ]);
  });

  it("keeps the writer's own reads inside a transaction on the writer (they see its uncommitted rows)", async () => {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("item").values({ id: 5, name: "mine" }).execute();
      expect(await trx.selectFrom("item").select("name").execute()).toEqual([{ name: "mine" }]);
    });
  });

  it("reports a statement that cannot be prepared every time it is asked, instead of hanging", async () => {
    for (let i = 0; i < 2; i++) {
      await expect(sql`select * from no_such_table`.execute(db)).rejects.toThrow(/no such table/);
      await expect(
        db
          .selectFrom("missing" as "item")
          .selectAll()
          .execute(),
      ).rejects.toThrow(/no such table/);
    }
    // The same text works once the table exists (a failed preparation is not kept).
    await sql`create table no_such_table (x integer)`.execute(db);
    expect((await sql`select * from no_such_table`.execute(db)).rows).toEqual([]);
  });

  it("reuses a prepared statement across calls with different parameters", async () => {
    await db
      .insertInto("item")
      .values([
        { id: 1, name: "a" },
        { id: 2, name: "b" },
      ])
      .execute();
    const byId = (id: number) => db.selectFrom("item").select("name").where("id", "=", id).executeTakeFirst();
    expect(await Promise.all([byId(1), byId(2), byId(3), byId(1)])).toEqual([
      { name: "a" },
      { name: "b" },
      undefined,
      { name: "a" },
    ]);
  });

  it("answers SQLite's own error when the file cannot be opened", async () => {
    const unopenable = new Kysely<T>({
      dialect: new Sqlite3Dialect({ filename: path.join(dir, "no-such-folder", "d.db") }),
    });
    await expect(unopenable.selectFrom("item").selectAll().execute()).rejects.toMatchObject({
      code: "SQLITE_CANTOPEN",
    });
    await unopenable.destroy();
  });

  it("serves many concurrent writers without SQLITE_BUSY", async () => {
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        db.transaction().execute((trx) =>
          trx
            .insertInto("item")
            .values({ id: i + 1, name: `n${i}` })
            .execute(),
        ),
      ),
    );
    const count = await db
      .selectFrom("item")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(100);
  });
});
