import { getEnv } from "~/utils/env.server.ts";
import { restoreSqlite } from "../backup.ts";

// npm run db:restore -- <file>  — stop the app first; the backup is integrity-checked before it replaces the database.
const source = process.argv[2];
if (!source) {
  console.error("Usage: npm run db:restore -- <backup file>");
  process.exit(2);
}
try {
  await restoreSqlite(getEnv().DATABASE_URL, source);
  console.log(`Restored ${source} into ${getEnv().DATABASE_URL}. Start the app again.`);
} catch (error) {
  console.error("Restore failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
