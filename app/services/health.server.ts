import { sql } from "kysely";
import type { DB } from "~/db/client.server.ts";

export type DatabaseCheck = { ok: true; latencyMs: number } | { ok: false };

/**
 * Whether the database answers a trivial query, and how fast (ms, two decimals). Never throws: the database is
 * opened inside the check (`connect`), so a connection that cannot even be made is a failed check too.
 */
export async function checkDatabase(connect: () => DB): Promise<DatabaseCheck> {
  const started = performance.now();
  try {
    await sql`select 1 as ok`.execute(connect());
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 100) / 100 };
  } catch {
    return { ok: false };
  }
}
