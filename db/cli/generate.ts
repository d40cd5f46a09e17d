import { parseArgs } from "node:util";
import { createDb } from "~/db/client.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { generateLargeClinic } from "../generate.ts";
import { migrateToLatest } from "../migrate.ts";

// npm run db:generate -- --patients 2000 --days 180   (adds a large clinic to the database at DATABASE_URL)
const { values } = parseArgs({
  options: { patients: { type: "string", default: "2000" }, days: { type: "string", default: "180" } },
});
const patients = Number(values.patients);
const days = Number(values.days);
if (!Number.isInteger(patients) || patients < 1 || !Number.isInteger(days) || days < 1) {
  console.error("Usage: npm run db:generate -- --patients <n ≥ 1> --days <n ≥ 1>");
  process.exit(2);
}
const env = getEnv();
const db = createDb(env.DATABASE_URL);
const started = performance.now();
try {
  await migrateToLatest(db);
  const result = await generateLargeClinic(db, {
    patients,
    days,
    onProgress: (done) => process.stdout.write(`\r${done}/${patients} patients`),
  });
  console.log(
    `\nGenerated ${patients} patients × ${days} days in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
  console.log(`Sign in as ${result.clinicianEmail} or ${result.patientEmail} (password stagewise-demo).`);
} finally {
  await db.destroy();
}
