import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
} from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { createDb, isPostgresUrl } from "~/db/client.server.ts";
import { appsUsing, type RunningApp } from "./app-lock.ts";

/**
 * Online backup of the SQLite database: `VACUUM INTO` writes a consistent snapshot (one read transaction) while the
 * app keeps serving and writing. The copy is checked with `PRAGMA integrity_check` before we call it a backup.
 */
export async function backupSqlite(databaseUrl: string, target: string): Promise<{ file: string; bytes: number }> {
  if (isPostgresUrl(databaseUrl)) throw new Error("For PostgreSQL use pg_dump / pg_restore (see README).");
  if (existsSync(target)) throw new Error(`${target} already exists; choose a new file name`);
  mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const db = createDb(databaseUrl);
  try {
    await sql`vacuum into ${path.resolve(target)}`.execute(db);
  } finally {
    await db.destroy();
  }
  await assertIntact(target);
  const { size } = await import("node:fs").then((fs) => fs.statSync(target));
  return { file: target, bytes: size };
}

export class DatabaseInUseError extends Error {
  constructor(readonly apps: RunningApp[]) {
    const list = apps.map((a) => `pid ${a.pid} on ${a.host}, started ${a.startedAt}`).join("; ");
    const pids = apps.map((a) => a.pid).join(" ");
    super(
      `the app has the database open (${list}). Stop it first — \`kill ${pids}\` (it shuts down cleanly on SIGTERM) ` +
        `or stop its service — then run the restore again. If no app is running, delete ${apps
          .map((a) => a.file)
          .join(", ")}.`,
    );
    this.name = "DatabaseInUseError";
  }
}

export type RestoreResult = { target: string; previous: string | null };

/**
 * Restores a backup over the database file, only while no app has it open (its pid files, db/app-lock.ts), and so
 * that a crash at any moment leaves either the old database or the restored one, whole:
 * 1. the backup is integrity-checked, then copied to a temp file in the same folder and fsynced;
 * 2. the current database is checkpointed (its WAL folded into the main file), so the WAL left behind is empty and can
 *    never be replayed onto the restored file;
 * 3. the current file is kept as `<db>.before-restore-<time>` (a hard link: nothing is lost if the backup was the
 *    wrong one), the old -wal/-shm are removed, the temp file is renamed over the database, and the folder fsynced.
 */
export async function restoreSqlite(databaseUrl: string, backupFile: string, now = new Date()): Promise<RestoreResult> {
  if (isPostgresUrl(databaseUrl)) throw new Error("For PostgreSQL use pg_dump / pg_restore (see README).");
  const running = appsUsing(databaseUrl).filter((a) => a.alive);
  if (running.length > 0) throw new DatabaseInUseError(running);
  for (const stale of appsUsing(databaseUrl)) rmSync(stale.file, { force: true }); // left by a killed app
  await assertIntact(backupFile);

  const target = path.resolve(databaseUrl.slice("file:".length));
  const dir = path.dirname(target);
  mkdirSync(dir, { recursive: true });
  const staging = `${target}.restoring-${process.pid}`;
  try {
    copyFileSync(backupFile, staging);
    fsyncPath(staging);

    let previous: string | null = null;
    if (existsSync(target)) {
      await checkpoint(target);
      previous = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`;
      linkSync(target, previous);
    }
    for (const suffix of ["-wal", "-shm"]) rmSync(target + suffix, { force: true });
    renameSync(staging, target);
    fsyncPath(dir);
    return { target, previous };
  } finally {
    rmSync(staging, { force: true });
  }
}

/** Folds the WAL into the main file and empties it (the database must not be open elsewhere). */
async function checkpoint(file: string): Promise<void> {
  const db = createDb(`file:${file}`);
  try {
    const result = await sql<{ busy: number }>`pragma wal_checkpoint(truncate)`.execute(db);
    if (Number(result.rows[0]?.busy ?? 0) !== 0) throw new Error(`${file} is busy: is an app still using it?`);
  } finally {
    await db.destroy();
  }
}

function fsyncPath(file: string): void {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

async function assertIntact(file: string): Promise<void> {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  const db = createDb(`file:${file}`);
  try {
    const result = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
    const verdict = result.rows.map((r) => r.integrity_check).join("; ");
    if (verdict !== "ok") throw new Error(`${file} failed the integrity check: ${verdict}`);
  } finally {
    await db.destroy();
  }
}
