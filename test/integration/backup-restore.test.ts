import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "~/db/client.server.ts";
import { newId } from "~/utils/ids.server.ts";
import { backupSqlite, restoreSqlite } from "../../db/backup.ts";
import { migrateToLatest } from "../../db/migrate.ts";

// SQLite-specific by nature (PostgreSQL deployments use pg_dump): runs against its own files in both projects.
const dir = mkdtempSync(path.join(os.tmpdir(), "stagewise-backup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("backup and restore", () => {
  it("a backup taken while writes keep arriving restores to a consistent, complete database", async () => {
    const liveUrl = `file:${path.join(dir, "live.db")}`;
    const live = createDb(liveUrl);
    await migrateToLatest(live);
    const insertClinic = (i: number) =>
      live
        .insertInto("clinic")
        .values({ id: newId(), name: `Clinic ${i}`, created_at: new Date().toISOString() })
        .execute();
    for (let i = 0; i < 50; i++) await insertClinic(i);

    // The app keeps writing during the backup.
    let writing = true;
    let written = 50;
    const writer = (async () => {
      while (writing) await insertClinic(written++);
    })();
    const backupFile = path.join(dir, "backup.db");
    await backupSqlite(liveUrl, backupFile);
    writing = false;
    await writer;
    await live.destroy();

    const restoredUrl = `file:${path.join(dir, "restored.db")}`;
    await restoreSqlite(restoredUrl, backupFile);
    const restored = createDb(restoredUrl);
    const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(restored);
    const count = Number(
      (
        await restored
          .selectFrom("clinic")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    await restored.destroy();

    expect(integrity.rows[0]?.integrity_check).toBe("ok");
    // Everything committed before the backup began is there; nothing half-written.
    expect(count).toBeGreaterThanOrEqual(50);
    expect(count).toBeLessThanOrEqual(written);
  });

  it("refuses to overwrite an existing file and refuses a damaged backup", async () => {
    const url = `file:${path.join(dir, "other.db")}`;
    const db = createDb(url);
    await migrateToLatest(db);
    await db.destroy();
    const target = path.join(dir, "exists.db");
    await backupSqlite(url, target);
    await expect(backupSqlite(url, target)).rejects.toThrow(/already exists/);
    const { writeFileSync } = await import("node:fs");
    const damaged = path.join(dir, "damaged.db");
    writeFileSync(damaged, "this is not a database");
    await expect(restoreSqlite(`file:${path.join(dir, "r2.db")}`, damaged)).rejects.toThrow();
  });
});
