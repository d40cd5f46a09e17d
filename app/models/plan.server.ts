import type { DB } from "~/db/client.server.ts";

/** The plan a patient is working on now (active or paused), if any. */
export async function getCurrentPlanForPatient(db: DB, patientId: string) {
  return db
    .selectFrom("plan")
    .selectAll()
    .where("patient_id", "=", patientId)
    .where("status", "in", ["active", "paused"])
    .orderBy("created_at", "desc")
    .executeTakeFirst();
}

export async function getPlanInClinic(db: DB, clinicId: string, planId: string) {
  return db
    .selectFrom("plan")
    .selectAll()
    .where("id", "=", planId)
    .where("clinic_id", "=", clinicId)
    .executeTakeFirst();
}
