import { sql } from "kysely";
import { getDb } from "~/utils/db.server.ts";

/** Liveness and database check for load balancers and the benchmark floor. Never cached. */
export async function loader() {
  const started = performance.now();
  try {
    await sql`select 1 as ok`.execute(getDb());
    return Response.json(
      { status: "ok", database: { ok: true, latencyMs: Math.round((performance.now() - started) * 100) / 100 } },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch {
    return Response.json(
      { status: "error", database: { ok: false } },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
