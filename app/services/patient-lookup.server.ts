import type { DB } from "~/db/client.server.ts";
import { getPatientInClinic } from "~/models/patient.server.ts";
import { getPlanInClinic } from "~/models/plan.server.ts";

/** A patient of the clinic, with their profile; another clinic's patient looks exactly like no patient. */
export async function findPatientInClinic(db: DB, clinicId: string, patientId: string) {
  return getPatientInClinic(db, clinicId, patientId);
}

/** The plan, if it is this patient's (and so this clinic's); any other plan looks exactly like no plan. */
export async function findPlanOfPatient(db: DB, clinicId: string, patientId: string, planId: string) {
  const plan = await getPlanInClinic(db, clinicId, planId);
  return plan && plan.patient_id === patientId ? plan : undefined;
}
