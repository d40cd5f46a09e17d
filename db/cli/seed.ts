import { createDb } from "~/db/client.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { migrateToLatest } from "../migrate.ts";
import { seedDemoIfEmpty } from "../seed/demo.ts";

// `npm run db:seed`: the demo clinic into an empty database. Refuses in production unless SEED_DEMO=always.
const env = getEnv();
if (env.NODE_ENV === "production" && env.SEED_DEMO !== "always") {
  console.error("Refusing to seed demo accounts with NODE_ENV=production. Set SEED_DEMO=always if you really mean it.");
  process.exit(1);
}
const db = createDb(env.DATABASE_URL);
try {
  await migrateToLatest(db);
  console.log(
    (await seedDemoIfEmpty(db)) ? "Seeded the demo clinic." : "The database already has a clinic; nothing seeded.",
  );
} finally {
  await db.destroy();
}
