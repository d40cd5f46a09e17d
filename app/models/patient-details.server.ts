import type { DB } from "~/db/client.server.ts";
import { nowIso } from "~/utils/dates.ts";
import { normalizeEmail } from "./user.server.ts";

/** Whether another user (of any clinic) already signs in with this email. */
export async function emailUsedByAnother(db: DB, email: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("app_user")
    .select("id")
    .where("email", "=", normalizeEmail(email))
    .where("id", "!=", userId)
    .executeTakeFirst();
  return Boolean(row);
}

/** The patient's account details: name, sign-in email, time zone. */
export async function updatePatientAccount(
  db: DB,
  clinicId: string,
  patientId: string,
  account: { name: string; email: string; timeZone: string },
): Promise<void> {
  await db
    .updateTable("app_user")
    .set({ name: account.name, email: normalizeEmail(account.email), time_zone: account.timeZone })
    .where("id", "=", patientId)
    .where("clinic_id", "=", clinicId)
    .where("role", "=", "patient")
    .execute();
}

type ClinicalFacts = { involvedSide: string; injuryDate: string | null; surgeryDate: string | null };

/** The patient's profile: condition, involved side, injury and surgery dates. */
export async function updatePatientProfile(
  db: DB,
  clinicId: string,
  patientId: string,
  profile: ClinicalFacts & { condition: string },
): Promise<void> {
  await db
    .updateTable("patient_profile")
    .set({
      condition: profile.condition,
      involved_side: profile.involvedSide,
      injury_date: profile.injuryDate,
      surgery_date: profile.surgeryDate,
    })
    .where("user_id", "=", patientId)
    .where("clinic_id", "=", clinicId)
    .execute();
}

/**
 * The same facts on the patient's running plans (active or paused), which carry their own copy for the engine (time
 * since surgery, limb symmetry). Ended plans keep what they ran on. The plan's version moves on, so an evaluation that
 * read the old facts cannot record its decision (ADR 047).
 */
export async function updateLivePlanFacts(
  db: DB,
  clinicId: string,
  patientId: string,
  facts: ClinicalFacts,
): Promise<void> {
  await db
    .updateTable("plan")
    .set((eb) => ({
      involved_side: facts.involvedSide,
      injury_date: facts.injuryDate,
      surgery_date: facts.surgeryDate,
      updated_at: nowIso(),
      version: eb("version", "+", 1),
    }))
    .where("clinic_id", "=", clinicId)
    .where("patient_id", "=", patientId)
    .where("status", "in", ["active", "paused"])
    .execute();
}
