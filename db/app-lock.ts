import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isPostgresUrl } from "~/db/client.server.ts";

/**
 * While the app runs on a SQLite file it keeps a pid file beside it, `<db file>.app-<pid>.pid`, so `npm run db:restore`
 * can tell the database is open and refuse. A file whose process is gone (the app was killed) is stale and ignored.
 */
export type RunningApp = { pid: number; host: string; startedAt: string; file: string; alive: boolean };

function sqlitePath(databaseUrl: string): string | null {
  if (isPostgresUrl(databaseUrl)) return null;
  const filename = databaseUrl.slice("file:".length);
  return filename === ":memory:" ? null : path.resolve(filename);
}

/** Writes this process's pid file; returns the function that removes it (also run on exit). */
export function holdAppLock(databaseUrl: string): () => void {
  const db = sqlitePath(databaseUrl);
  if (!db) return () => {};
  const file = `${db}.app-${process.pid}.pid`;
  const info = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  writeFileSync(file, JSON.stringify(info) + "\n");
  const release = () => rmSync(file, { force: true });
  process.once("exit", release);
  return release;
}

/** The app processes that have (or had, if not alive) the database open, from their pid files. */
export function appsUsing(databaseUrl: string): RunningApp[] {
  const db = sqlitePath(databaseUrl);
  if (!db || !existsSync(path.dirname(db))) return [];
  const prefix = `${path.basename(db)}.app-`;
  return readdirSync(path.dirname(db))
    .filter((name) => name.startsWith(prefix) && name.endsWith(".pid"))
    .map((name) => {
      const file = path.join(path.dirname(db), name);
      let info: { pid?: number; host?: string; startedAt?: string } = {};
      try {
        info = JSON.parse(readFileSync(file, "utf8"));
      } catch {
        /* unreadable: judged by the pid in its name */
      }
      const pid = info.pid ?? Number(name.slice(prefix.length, -".pid".length));
      const host = info.host ?? os.hostname();
      // On another host (a shared disk) we cannot check: assume it runs.
      const alive = host !== os.hostname() || isAlive(pid);
      return { pid, host, startedAt: info.startedAt ?? "unknown", file, alive };
    });
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}
