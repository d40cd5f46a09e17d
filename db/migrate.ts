import { Migrator, SqliteAdapter, sql, type Kysely, type MigrationResultSet } from "kysely";
import { migrations } from "./migrations/index.ts";

export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  // Fresh planner statistics after schema changes, so SQLite picks the selective index (e.g. a physio's caseload
  // rather than the whole clinic). PostgreSQL's autovacuum keeps its own.
  if (db.getExecutor().adapter instanceof SqliteAdapter) await sql`pragma optimize=0x10002`.execute(db);
  return result;
}
