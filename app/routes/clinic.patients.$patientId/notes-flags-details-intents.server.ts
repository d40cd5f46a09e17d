import { FlagReviewSchema, MarkNotesReadSchema } from "~/schemas/patient-notes-flags.ts";
import { PatientDetailsSchema } from "~/schemas/patient.ts";
import { reviewFlags } from "~/services/flag-review.server.ts";
import { markNotesRead } from "~/services/log-note.server.ts";
import { editPatientDetails, type DetailChange } from "~/services/patient-details.server.ts";
import { findPlanOfPatient } from "~/services/patient-lookup.server.ts";
import { parseForm } from "~/utils/forms.ts";
import { notFound } from "~/utils/responses.ts";
import { fail, type IntentAnswer, type IntentRequest } from "./intents.server.ts";

// The patient page's intents for issue 16: the patient's notes read, the engine's flags reviewed, details edited.
// Listed with the others in intents.server.ts (PATIENT_PAGE_INTENTS).

export async function markNotesReadIntent(request: IntentRequest<"mark-notes-read">): Promise<IntentAnswer> {
  const { db, clinician, patient, form, intent } = request;
  const parsed = parseForm(MarkNotesReadSchema, form);
  if (!parsed.ok) return fail(intent, parsed);
  if (!(await findPlanOfPatient(db, clinician.clinic_id, patient.id, parsed.data.planId)))
    throw notFound("Plan not found");
  const marked = await markNotesRead(db, clinician, parsed.data);
  if (marked === 0) return fail(intent, { formError: "Those notes were not found on this plan." }, 404);
  return { ok: true, intent, message: marked === 1 ? "Note marked read." : `${marked} notes marked read.` };
}

export async function reviewFlagsIntent(request: IntentRequest<"review-flags">): Promise<IntentAnswer> {
  const { db, clinician, patient, form, intent } = request;
  const parsed = parseForm(FlagReviewSchema, form);
  if (!parsed.ok) return fail(intent, parsed);
  const result = await reviewFlags(db, clinician, patient.id, parsed.data);
  if (!result.ok && result.status === 404) throw notFound(result.message);
  if (!result.ok) return fail(intent, { formError: result.message }, result.status);
  return {
    ok: true,
    intent,
    message: "Flags marked reviewed. The patient leaves “needs you” until something new happens.",
  };
}

const FIELD_WORDS: Record<DetailChange["field"], string> = {
  name: "name",
  email: "email",
  timeZone: "time zone",
  condition: "condition",
  involvedSide: "involved side",
  injuryDate: "injury date",
  surgeryDate: "surgery date",
};

export async function editDetailsIntent(request: IntentRequest<"edit-details">): Promise<IntentAnswer> {
  const { db, clinician, patient, form, intent } = request;
  const parsed = parseForm(PatientDetailsSchema, form);
  if (!parsed.ok) return fail(intent, parsed);
  const result = await editPatientDetails(db, clinician, patient, parsed.data);
  if (!result.ok) return fail(intent, { fieldErrors: result.fieldErrors, values: { ...parsed.data } });
  if (result.changes.length === 0) return { ok: true, intent, message: "Nothing changed." };
  const fields = result.changes.map((c) => FIELD_WORDS[c.field]).join(", ");
  return { ok: true, intent, message: `Details saved (${fields}).` };
}
