import { createDb, type DB } from "~/db/client.server.ts";
import { getEnv } from "./env.server.ts";

// One Kysely instance per process (kept on globalThis so dev rebuilds don't open more connections).
const holder = globalThis as unknown as { __stagewiseDb?: { url: string; db: DB } };

export function getDb(): DB {
  const url = getEnv().DATABASE_URL;
  if (!holder.__stagewiseDb || holder.__stagewiseDb.url !== url) {
    holder.__stagewiseDb = { url, db: createDb(url) };
  }
  return holder.__stagewiseDb.db;
}

export async function closeDb(): Promise<void> {
  const current = holder.__stagewiseDb;
  holder.__stagewiseDb = undefined;
  await current?.db.destroy();
}
