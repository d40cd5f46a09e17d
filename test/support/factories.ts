import type { DB } from "~/db/client.server.ts";
import { insertPatientProfile } from "~/models/patient.server.ts";
import { insertUser } from "~/models/user.server.ts";
import { nowIso } from "~/utils/dates.ts";
import { newId } from "~/utils/ids.server.ts";
import { hashPassword } from "~/utils/password.server.ts";

// Builders for integration tests: real rows through the real models, unique emails per call.
let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now()}-${++counter}`;

export const TEST_PASSWORD = "correct horse battery";
let cachedHash: string | undefined;
async function passwordHash() {
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  return cachedHash;
}

export async function createClinic(db: DB, name = "Test clinic") {
  const id = newId();
  await db.insertInto("clinic").values({ id, name, created_at: nowIso() }).execute();
  return { id, name };
}

export async function createClinician(db: DB, clinicId: string, overrides: { name?: string; email?: string } = {}) {
  const email = overrides.email ?? `${unique("clinician")}@example.test`;
  const id = await insertUser(db, {
    clinicId,
    role: "clinician",
    email,
    name: overrides.name ?? "Dr Test Clinician",
    timeZone: "Europe/London",
    passwordHash: await passwordHash(),
  });
  return { id, email, clinic_id: clinicId, role: "clinician" as const };
}

export async function createPatient(
  db: DB,
  clinicId: string,
  clinicianId: string,
  overrides: { name?: string; email?: string; timeZone?: string; involvedSide?: string; withPassword?: boolean } = {},
) {
  const email = overrides.email ?? `${unique("patient")}@example.test`;
  const id = await insertUser(db, {
    clinicId,
    role: "patient",
    email,
    name: overrides.name ?? "Pat Test",
    timeZone: overrides.timeZone ?? "Europe/London",
    passwordHash: overrides.withPassword === false ? null : await passwordHash(),
  });
  await insertPatientProfile(db, {
    userId: id,
    clinicId,
    clinicianId,
    condition: "Achilles tendinopathy",
    involvedSide: overrides.involvedSide ?? "right",
    injuryDate: null,
    surgeryDate: null,
    createdAt: nowIso(),
    joinedAt: overrides.withPassword === false ? null : nowIso(),
  });
  return { id, email, clinic_id: clinicId, role: "patient" as const };
}

/** A clinic with one clinician and two patients: the usual cast for access tests. */
export async function createClinicWithCast(db: DB, name = "Clinic") {
  const clinic = await createClinic(db, name);
  const clinician = await createClinician(db, clinic.id);
  const patientA = await createPatient(db, clinic.id, clinician.id, { name: "Patient A" });
  const patientB = await createPatient(db, clinic.id, clinician.id, { name: "Patient B" });
  return { clinic, clinician, patientA, patientB };
}

export async function countRows(
  db: DB,
  table:
    | "plan"
    | "daily_log"
    | "measurement"
    | "decision"
    | "audit_event"
    | "app_user"
    | "program"
    | "program_version"
    | "signoff"
    | "invite"
    | "user_session",
) {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
