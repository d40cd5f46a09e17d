import type { DB } from "~/db/client.server.ts";
import { recordAudit } from "~/models/audit.server.ts";
import {
  emailUsedByAnother,
  updateLivePlanFacts,
  updatePatientAccount,
  updatePatientProfile,
} from "~/models/patient-details.server.ts";
import { getWorkingPlanOfPatient } from "~/models/plan.server.ts";
import { normalizeEmail } from "~/models/user.server.ts";
import type { PatientDetails } from "~/schemas/patient.ts";
import { EMAIL_UNAVAILABLE } from "./patient-enrolment.server.ts";
import { reevaluate } from "./plan-change.server.ts";
import type { PatientOfClinic } from "./patient-record.server.ts";

type Clinician = { id: string; clinic_id: string; role: "clinician"; time_zone: string };

/** One edited field, as the audit trail keeps it: its name, what it was and what it became (null = not given). */
export type DetailChange = { field: keyof PatientDetails; from: string | null; to: string | null };

export type EditDetailsResult =
  { ok: true; changes: DetailChange[] } | { ok: false; status: 400; fieldErrors: Record<string, string> };

/** Facts the engine reads from the plan (its own copy): changing one re-evaluates a running plan. */
const PLAN_FACTS: Array<keyof PatientDetails> = ["involvedSide", "injuryDate", "surgeryDate"];

function changesOf(patient: PatientOfClinic, input: PatientDetails): DetailChange[] {
  const before: Record<keyof PatientDetails, string | null> = {
    name: patient.name,
    email: patient.email,
    timeZone: patient.time_zone,
    condition: patient.condition,
    involvedSide: patient.involved_side,
    injuryDate: patient.injury_date,
    surgeryDate: patient.surgery_date,
  };
  const after: Record<keyof PatientDetails, string | null> = {
    ...input,
    email: normalizeEmail(input.email),
    injuryDate: input.injuryDate ?? null,
    surgeryDate: input.surgeryDate ?? null,
  };
  return (Object.keys(before) as Array<keyof PatientDetails>).flatMap((field) =>
    before[field] === after[field] ? [] : [{ field, from: before[field], to: after[field] }],
  );
}

/**
 * Edits the patient's details in one transaction, audited field by field (from → to). The involved side and the
 * injury and surgery dates are also the running plan's facts, so they change there too and the plan is evaluated
 * again (a gate on time since surgery can be met, or no longer, once the date is known). An email another account
 * uses is refused with the same words as when adding a patient.
 */
export async function editPatientDetails(
  db: DB,
  clinician: Clinician,
  patient: PatientOfClinic,
  input: PatientDetails,
): Promise<EditDetailsResult> {
  const changes = changesOf(patient, input);
  if (changes.length === 0) return { ok: true, changes };
  if (changes.some((c) => c.field === "email") && (await emailUsedByAnother(db, input.email, patient.id)))
    return { ok: false, status: 400, fieldErrors: { email: EMAIL_UNAVAILABLE } };
  const facts = {
    involvedSide: input.involvedSide,
    injuryDate: input.injuryDate ?? null,
    surgeryDate: input.surgeryDate ?? null,
  };
  const clinicId = clinician.clinic_id;
  const planFactsChanged = changes.some((c) => PLAN_FACTS.includes(c.field));
  await db.transaction().execute(async (trx) => {
    await updatePatientAccount(trx, clinicId, patient.id, input);
    await updatePatientProfile(trx, clinicId, patient.id, { ...facts, condition: input.condition });
    if (planFactsChanged) await updateLivePlanFacts(trx, clinicId, patient.id, facts);
    await recordAudit(trx, {
      clinicId,
      actor: clinician,
      action: "patient.details_edited",
      entityType: "patient",
      entityId: patient.id,
      detail: { changes },
    });
  });
  if (planFactsChanged) {
    const plan = await getWorkingPlanOfPatient(db, clinicId, patient.id);
    if (plan?.status === "active") await reevaluate(db, clinician, plan.id, input.timeZone);
  }
  return { ok: true, changes };
}
