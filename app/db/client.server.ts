import { mkdirSync } from "node:fs";
import path from "node:path";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { Sqlite3Dialect } from "./sqlite3-dialect.server.ts";
import type { Database } from "./types.ts";

export type DB = Kysely<Database>;

/** `file:<path>` (or `file::memory:`) selects SQLite; `postgres://` / `postgresql://` selects PostgreSQL. */
export function createDb(databaseUrl: string): DB {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    // An idle client can be cut off by the server (restart, failover); the pool replaces it. Without a listener
    // node-postgres would turn that into an uncaught exception and take the app down.
    pool.on("error", (error) => console.error(`postgres: idle connection closed (${error.message})`));
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  if (!databaseUrl.startsWith("file:")) {
    throw new Error(`DATABASE_URL must start with file: or postgres:// (got "${databaseUrl.split(":")[0]}:")`);
  }
  const filename = databaseUrl.slice("file:".length);
  if (filename !== ":memory:") mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
  return new Kysely<Database>({ dialect: new Sqlite3Dialect({ filename }) });
}

export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//.test(databaseUrl);
}
