import { rmSync } from "node:fs";
import path from "node:path";

// Starts the built app on a throwaway database, so every e2e run begins with exactly the demo clinic.
const port = process.env.E2E_PORT ?? "3210";
const file = path.resolve(".tmp", `e2e-${port}.db`);
for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });

process.env.PORT = port;
process.env.DATABASE_URL = `file:${file}`;
process.env.SESSION_SECRET ??= "e2e-session-secret-e2e-session-secret-000";
process.env.NODE_ENV = "production";
process.env.SEED_DEMO = "always";
// No SMTP in e2e: invite emails go to a throwaway outbox, not the working tree's data/outbox.
process.env.MAIL_OUTBOX_DIR = path.resolve(".tmp", `e2e-outbox-${port}`);
rmSync(process.env.MAIL_OUTBOX_DIR, { recursive: true, force: true });
delete process.env.SMTP_URL;
// No reminder sweep: whether a demo patient is reminded would depend on the hour the tests run.
process.env.REMINDER_SWEEP = "off";

await import("../../server/start.ts");
