import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { createDb } from "~/db/client.server.ts";
import { closeDb } from "~/utils/db.server.ts";
import { closeMailTransport } from "~/utils/email.server.ts";
import { resetEnvCache } from "~/utils/env.server.ts";
import { migrateToLatest } from "../../db/migrate.ts";

// Each test file runs against its own real database, migrated fresh, so files can run in parallel and a test never
// sees another file's rows: a temp SQLite file by default, or a new database in the throwaway PostgreSQL cluster
// when the "integration-pg" project runs (STAGEWISE_TEST_DB=postgres).
const usePostgres = process.env.STAGEWISE_TEST_DB === "postgres";
const dir = mkdtempSync(path.join(os.tmpdir(), "stagewise-it-"));
const pgDatabase = `it_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
let adminUrl = "";

if (usePostgres) {
  adminUrl = inject("pgAdminUrl");
  process.env.DATABASE_URL = adminUrl.replace(/\/postgres$/, `/${pgDatabase}`);
} else {
  process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
}
process.env.SESSION_SECRET = "integration-test-secret-integration-test-secret";
process.env.NODE_ENV = "test";
// Mail goes to this file's own outbox unless a test points SMTP_URL at its own SMTP server.
process.env.MAIL_OUTBOX_DIR = path.join(dir, "outbox");
delete process.env.SMTP_URL;
resetEnvCache();

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (usePostgres) await adminQuery(`create database ${pgDatabase}`);
  const db = createDb(process.env.DATABASE_URL!);
  await migrateToLatest(db);
  await db.destroy();
});

afterAll(async () => {
  await closeDb();
  closeMailTransport();
  if (usePostgres) await adminQuery(`drop database if exists ${pgDatabase} with (force)`);
  rmSync(dir, { recursive: true, force: true });
});
