import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { createDb, isPostgresUrl } from "~/db/client.server.ts";

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

/**
 * Restores a backup over the database file. Run it with the app stopped: the file is checked first, copied next to the
 * target and renamed into place (atomic on one file system), and the old WAL files are removed.
 */
export async function restoreSqlite(databaseUrl: string, backupFile: string): Promise<void> {
  if (isPostgresUrl(databaseUrl)) throw new Error("For PostgreSQL use pg_dump / pg_restore (see README).");
  await assertIntact(backupFile);
  const target = path.resolve(databaseUrl.slice("file:".length));
  mkdirSync(path.dirname(target), { recursive: true });
  const staging = `${target}.restoring`;
  copyFileSync(backupFile, staging);
  for (const suffix of ["-wal", "-shm"]) rmSync(target + suffix, { force: true });
  renameSync(staging, target);
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
