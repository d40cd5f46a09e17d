import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createDb } from "~/db/client.server.ts";
import { closeDb } from "~/utils/db.server.ts";
import { resetEnvCache } from "~/utils/env.server.ts";
import { migrateToLatest } from "../../db/migrate.ts";

// Each test file runs against its own real SQLite file, migrated fresh, so files can run in parallel
// and a test never sees another file's rows.
const dir = mkdtempSync(path.join(os.tmpdir(), "stagewise-it-"));
process.env.DATABASE_URL = process.env.TEST_DATABASE_URL ?? `file:${path.join(dir, "test.db")}`;
process.env.SESSION_SECRET = "integration-test-secret-integration-test-secret";
process.env.NODE_ENV = "test";
resetEnvCache();

beforeAll(async () => {
  const db = createDb(process.env.DATABASE_URL!);
  await migrateToLatest(db);
  await db.destroy();
});

afterAll(async () => {
  await closeDb();
  rmSync(dir, { recursive: true, force: true });
});
