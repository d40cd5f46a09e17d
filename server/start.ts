import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createDb } from "~/db/client.server.ts";
import { settleSignInLinkDeliveries } from "~/services/sign-in-link.server.ts";
import { publicBaseUrl, startReminderSweep } from "~/services/reminder-sweep.server.ts";
import { mailSetupNotes } from "~/utils/email.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { holdAppLock } from "../db/app-lock.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { seedDemoIfEmpty } from "../db/seed/demo.ts";
import { createHttpApp, createHttpServer } from "./app.ts";

// Start-up order: check the environment, bring the schema up to date, seed the demo clinic into an empty
// database (never in production unless SEED_DEMO=always), then serve.
async function main() {
  const env = getEnv();
  for (const note of mailSetupNotes(env)) (note.level === "warn" ? console.warn : console.log)(note.text);
  const db = createDb(env.DATABASE_URL);
  // A pid file beside a SQLite database: `npm run db:restore` refuses while it exists (removed on exit).
  holdAppLock(env.DATABASE_URL);
  try {
    const { results } = await migrateToLatest(db);
    for (const r of results ?? []) console.log(`migration ${r.migrationName}: ${r.status}`);
    const shouldSeed = env.SEED_DEMO === "always" || (env.SEED_DEMO === "auto" && env.NODE_ENV !== "production");
    if (shouldSeed && (await seedDemoIfEmpty(db))) console.log("seeded the demo clinic (see README for the accounts)");
  } finally {
    await db.destroy();
  }

  const buildDir = process.env.STAGEWISE_BUILD_DIR;
  const buildPath = path.resolve(buildDir ? `${buildDir}/index.js` : "build/index.js");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  // Under `npm run dev`, tell the Remix dev server this build is live (node --watch restarts us on each rebuild).
  if (process.env.REMIX_DEV_ORIGIN) await (await import("@remix-run/node")).broadcastDevReady(build);
  const app = createHttpApp(build, buildDir ? `${buildDir}/public/build` : "public/build");
  const server = createHttpServer(app).listen(env.PORT, () => {
    console.log(`Stagewise is ready on http://localhost:${env.PORT}`);
  });

  // Every instance sweeps; the claims keep reminders single (docs/decisions/050-reminder-sweep.md).
  const sweep = env.REMINDER_SWEEP === "on" ? startReminderSweep({ baseUrl: publicBaseUrl() }) : undefined;
  if (sweep) console.log(`reminders: sweeping every minute, links to ${publicBaseUrl()}`);

  // Stop taking requests, let the current sweep and any sign-in link on its way finish, then exit.
  const shutdown = () =>
    server.close(() => {
      void Promise.all([sweep?.stop(), settleSignInLinkDeliveries()]).finally(() => process.exit(0));
    });
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
