import { getEnv } from "~/utils/env.server.ts";
import { restoreSqlite } from "../backup.ts";

// npm run db:restore -- <file>  — refuses while the app runs; the backup is integrity-checked, then swapped in atomically.
const source = process.argv[2];
if (!source) {
  console.error("Usage: npm run db:restore -- <backup file>");
  process.exit(2);
}
try {
  const { previous } = await restoreSqlite(getEnv().DATABASE_URL, source);
  console.log(`Restored ${source} into ${getEnv().DATABASE_URL}. Start the app again.`);
  if (previous) console.log(`The database it replaced is kept as ${previous} (delete it once you are sure).`);
} catch (error) {
  console.error("Restore failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
