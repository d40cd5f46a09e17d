import type { DB } from "~/db/client.server.ts";
import { isUniqueViolation } from "~/db/errors.server.ts";
import { insertPatientProfile } from "~/models/patient.server.ts";
import { insertUser } from "~/models/user.server.ts";
import { nowIso } from "~/utils/dates.ts";
import { newId } from "~/utils/ids.server.ts";
import { hashPassword } from "~/utils/password.server.ts";
import { seedDemoPlans } from "./demo-plans.ts";

export const DEMO_PASSWORD = "stagewise-demo";
export const DEMO_ACCOUNTS = {
  clinician: "physio@demo.stagewise.test",
  patient: "patient@demo.stagewise.test",
  patient2: "patient2@demo.stagewise.test",
} as const;

/**
 * Seeds the demo clinic into a database that has no clinic yet. Returns whether it seeded. Several instances starting
 * at once seed it once: the emptiness is checked again inside the seeding transaction (SQLite: one writer at a time),
 * and on PostgreSQL the unique demo e-mail addresses turn a concurrent second seeding into "already seeded".
 */
export async function seedDemoIfEmpty(db: DB, today?: Date): Promise<boolean> {
  if (await anyClinic(db)) return false;
  return seedDemo(db, today ?? new Date());
}

async function anyClinic(db: DB): Promise<boolean> {
  return (await db.selectFrom("clinic").select("id").limit(1).executeTakeFirst()) !== undefined;
}

async function seedDemo(db: DB, today: Date): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids = await db
    .transaction()
    .execute((trx) => seedDemoPeople(trx, passwordHash))
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) return null;
      throw error;
    });
  if (!ids) return false;
  // Plans are simulated day by day through the real services, each of which runs its own transaction.
  await seedDemoPlans(db, { ...ids, today });
  return true;
}

/** The demo clinic's people, in one transaction; null when a clinic appeared meanwhile (another instance seeded). */
async function seedDemoPeople(trx: DB, passwordHash: string) {
  if (await anyClinic(trx)) return null;
  const clinicId = newId();
  const createdAt = nowIso();
  await trx
    .insertInto("clinic")
    .values({ id: clinicId, name: "Riverside Physio (demo)", created_at: createdAt })
    .execute();
  const timeZone = "Europe/London";
  const clinicianId = await insertUser(trx, {
    clinicId,
    role: "clinician",
    email: DEMO_ACCOUNTS.clinician,
    name: "Sam Okafor",
    timeZone,
    passwordHash,
  });
  const patientId = await insertUser(trx, {
    clinicId,
    role: "patient",
    email: DEMO_ACCOUNTS.patient,
    name: "Alex Morgan",
    timeZone,
    passwordHash,
  });
  const patient2Id = await insertUser(trx, {
    clinicId,
    role: "patient",
    email: DEMO_ACCOUNTS.patient2,
    name: "Jordan Lee",
    timeZone,
    passwordHash,
  });
  await insertPatientProfile(trx, {
    userId: patientId,
    clinicId,
    clinicianId,
    condition: "Right Achilles mid-portion tendinopathy",
    involvedSide: "right",
    injuryDate: null,
    surgeryDate: null,
    createdAt,
    joinedAt: createdAt,
  });
  await insertPatientProfile(trx, {
    userId: patient2Id,
    clinicId,
    clinicianId,
    condition: "Left hamstring strain (sprinting, grade 1)",
    involvedSide: "left",
    injuryDate: null,
    surgeryDate: null,
    createdAt,
    joinedAt: createdAt,
  });
  return { clinicId, clinicianId, patientId, patient2Id, timeZone };
}
