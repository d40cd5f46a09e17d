import { PostgresAdapter, sql, type RawBuilder } from "kysely";
import type { DB } from "./client.server.ts";

// SQL that SQLite and PostgreSQL spell differently. Which database is behind a handle is the db layer's knowledge,
// so services and models ask here instead of inspecting Kysely's adapter themselves.

/** string_agg on PostgreSQL, group_concat on SQLite: the values joined with commas, or null when there are none. */
export function stringAgg(db: DB, expression: RawBuilder<string>): RawBuilder<string | null> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<string | null>`string_agg(${expression}, ',')`
    : sql<string | null>`group_concat(${expression}, ',')`;
}
