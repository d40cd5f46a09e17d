import { execFile, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "~/db/client.server.ts";
import { newId } from "~/utils/ids.server.ts";
import { appsUsing, holdAppLock } from "../../db/app-lock.ts";
import { backupSqlite, DatabaseInUseError, restoreSqlite } from "../../db/backup.ts";
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

  it("refuses while the app has the database open, says how to stop it, and ignores a killed app's pid file", async () => {
    const url = `file:${path.join(dir, "in-use.db")}`;
    await makeDb(url, 2);
    const backupFile = path.join(dir, "in-use-backup.db");
    await backupSqlite(url, backupFile);
    await addClinics(url, 3, "after the backup");

    // What server/start.ts does: a pid file beside the database while the app runs.
    const release = holdAppLock(url);
    await expect(restoreSqlite(url, backupFile)).rejects.toThrow(DatabaseInUseError);
    await expect(restoreSqlite(url, backupFile)).rejects.toThrow(new RegExp(`Stop it first .*kill ${process.pid}`));
    expect(await clinicCount(url)).toBe(5); // untouched
    // The command itself says the same and fails.
    const cli = await runCli(url, backupFile);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/Restore failed: the app has the database open/);
    expect(cli.stderr).toMatch(new RegExp(`kill ${process.pid}`));
    release();

    // An app killed with SIGKILL leaves its file behind; its process is gone, so the restore goes ahead.
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => dead.once("exit", resolve));
    const stale = `${path.join(dir, "in-use.db")}.app-${dead.pid}.pid`;
    writeFileSync(stale, JSON.stringify({ pid: dead.pid, host: os.hostname(), startedAt: "then" }));
    expect(appsUsing(url).map((a) => a.alive)).toEqual([false]);
    const ok = await runCli(url, backupFile);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/kept as .*before-restore/);
    expect(await clinicCount(url)).toBe(2);
    expect(existsSync(stale)).toBe(false);
  }, 30_000);

  it("swaps atomically: the old WAL is never replayed onto the backup, and the replaced database is kept whole", async () => {
    // A database left by a crashed app: 10 rows in the main file and 5 committed only in its WAL.
    const live = path.join(dir, "live-wal.db");
    await makeDb(`file:${live}`, 10);
    const writer = createDb(`file:${live}`);
    await sql`pragma wal_autocheckpoint = 0`.execute(writer);
    for (let i = 0; i < 5; i++) {
      await writer
        .insertInto("clinic")
        .values({ id: newId(), name: `Only in the WAL ${i}`, created_at: new Date().toISOString() })
        .execute();
    }
    const crashed = path.join(dir, "crashed.db");
    copyFileSync(live, crashed);
    copyFileSync(`${live}-wal`, `${crashed}-wal`);
    await writer.destroy();
    expect(statSync(`${crashed}-wal`).size).toBeGreaterThan(0);

    const backupUrl = `file:${path.join(dir, "three.db")}`;
    await makeDb(backupUrl, 3);
    const backupFile = path.join(dir, "three-backup.db");
    await backupSqlite(backupUrl, backupFile);

    const { previous } = await restoreSqlite(`file:${crashed}`, backupFile, new Date("2026-12-07T15:00:00Z"));
    expect(previous).toBe(`${crashed}.before-restore-2026-12-07T15-00-00-000Z`);
    expect(existsSync(`${crashed}-wal`) ? statSync(`${crashed}-wal`).size : 0).toBe(0);
    expect(readdirSync(dir).filter((f) => f.includes(".restoring-"))).toEqual([]);
    expect(await clinicCount(`file:${crashed}`)).toBe(3);
    expect(await integrity(`file:${crashed}`)).toBe("ok");
    // Nothing lost: the replaced database, WAL rows folded in, is kept beside it.
    expect(await clinicCount(`file:${previous}`)).toBe(15);
    expect(await integrity(`file:${previous}`)).toBe("ok");
  });

  it("a damaged backup leaves the database as it was, with no temp file behind", async () => {
    const url = `file:${path.join(dir, "keep.db")}`;
    await makeDb(url, 4);
    const damaged = path.join(dir, "damaged-2.db");
    writeFileSync(damaged, "this is not a database either");
    await expect(restoreSqlite(url, damaged)).rejects.toThrow();
    expect(await clinicCount(url)).toBe(4);
    expect(readdirSync(dir).filter((f) => f.startsWith("keep.db."))).toEqual([]);
  });
});

async function makeDb(url: string, clinics: number): Promise<void> {
  const db = createDb(url);
  await migrateToLatest(db);
  await db.destroy();
  await addClinics(url, clinics, "Clinic");
}

async function addClinics(url: string, n: number, name: string): Promise<void> {
  const db = createDb(url);
  for (let i = 0; i < n; i++) {
    await db
      .insertInto("clinic")
      .values({ id: newId(), name: `${name} ${i}`, created_at: new Date().toISOString() })
      .execute();
  }
  await db.destroy();
}

async function clinicCount(url: string): Promise<number> {
  const db = createDb(url);
  try {
    const row = await db
      .selectFrom("clinic")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await db.destroy();
  }
}

async function integrity(url: string): Promise<string> {
  const db = createDb(url);
  try {
    return (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows[0]!.integrity_check;
  } finally {
    await db.destroy();
  }
}

/** `npm run db:restore -- <file>` as an operator runs it. */
function runCli(url: string, backupFile: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "db/cli/restore.ts", backupFile],
      { env: { ...process.env, DATABASE_URL: url, NODE_ENV: "test" } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
