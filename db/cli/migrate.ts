import { createDb } from "~/db/client.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { migrateToLatest } from "../migrate.ts";

const db = createDb(getEnv().DATABASE_URL);
try {
  const { results } = await migrateToLatest(db);
  if (!results?.length) console.log("Database is up to date.");
  for (const r of results ?? []) console.log(`${r.migrationName}: ${r.status}`);
} catch (error) {
  console.error("Migration failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
