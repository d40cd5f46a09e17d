import { getEnv } from "~/utils/env.server.ts";
import { backupSqlite } from "../backup.ts";

// npm run db:backup [-- <file>]  — a consistent copy while the app runs.
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const target = process.argv[2] ?? `backups/stagewise-${stamp}.db`;
try {
  const { file, bytes } = await backupSqlite(getEnv().DATABASE_URL, target);
  console.log(`Backup written to ${file} (${(bytes / 1024).toFixed(0)} KiB), integrity check ok.`);
} catch (error) {
  console.error("Backup failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
