import type { DB } from "~/db/client.server.ts";

export async function insertPatientProfile(
  db: DB,
  profile: {
    userId: string;
    clinicId: string;
    clinicianId: string;
    condition: string;
    involvedSide: string;
    injuryDate: string | null;
    surgeryDate: string | null;
    createdAt: string;
    /** Set when the patient is created with a password already (the demo, tests); otherwise when they join. */
    joinedAt?: string | null;
  },
): Promise<void> {
  await db
    .insertInto("patient_profile")
    .values({
      user_id: profile.userId,
      clinic_id: profile.clinicId,
      clinician_id: profile.clinicianId,
      condition: profile.condition,
      involved_side: profile.involvedSide,
      injury_date: profile.injuryDate,
      surgery_date: profile.surgeryDate,
      created_at: profile.createdAt,
      joined_at: profile.joinedAt ?? null,
    })
    .execute();
}

/** A patient of this clinic, or undefined: callers answer 404 so other clinics' patients stay invisible. */
export async function getPatientInClinic(db: DB, clinicId: string, patientId: string) {
  return db
    .selectFrom("app_user")
    .innerJoin("patient_profile", "patient_profile.user_id", "app_user.id")
    .select([
      "app_user.id",
      "app_user.name",
      "app_user.email",
      "app_user.time_zone",
      "app_user.password_hash",
      "patient_profile.condition",
      "patient_profile.involved_side",
      "patient_profile.injury_date",
      "patient_profile.surgery_date",
      "patient_profile.clinician_id",
      "patient_profile.joined_at",
    ])
    .where("app_user.id", "=", patientId)
    .where("app_user.clinic_id", "=", clinicId)
    .where("app_user.role", "=", "patient")
    .executeTakeFirst();
}

/** Records that the patient has joined, the first time only. */
export async function markPatientJoined(db: DB, userId: string, at: string): Promise<void> {
  await db
    .updateTable("patient_profile")
    .set({ joined_at: at })
    .where("user_id", "=", userId)
    .where("joined_at", "is", null)
    .execute();
}
