import { checkDatabase } from "~/services/health.server.ts";
import { getDb } from "~/utils/db.server.ts";

/** Liveness and database check for load balancers and the benchmark floor. Never cached. */
export async function loader() {
  const database = await checkDatabase(getDb);
  return Response.json(
    { status: database.ok ? "ok" : "error", database },
    { status: database.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
