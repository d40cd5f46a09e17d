import { data } from "@remix-run/node";
import type { PlanActionResult } from "~/components/clinic/plan-forms.tsx";
import {
  CapacityMeasurementSchema,
  ConfirmDecisionSchema,
  DoseApprovalSchema,
  MoveStageSchema,
  MoveVersionSchema,
  OverrideDecisionSchema,
  PlanIdSchema,
  QuestionnaireMeasurementSchema,
  SignoffSchema,
  StartPlanSchema,
} from "~/schemas/plan-actions.ts";
import { confirmDecision, overrideDecision, type ReviewResult } from "~/services/decision-review.server.ts";
import { recordClinicMeasurement } from "~/services/clinic-test.server.ts";
import { findPlanOfPatient } from "~/services/patient-lookup.server.ts";
import type { PatientOfClinic } from "~/services/patient-record.server.ts";
import {
  changePlanStatus,
  movePlanToVersion,
  moveStageByHand,
  reevaluate,
  setDoseApprovalMode,
  startPlanForPatient,
  type ChangeResult,
} from "~/services/plan-change.server.ts";
import { inviteEmailNotice, type InviteEmailNotice } from "~/content/invite-email.ts";
import { resendInvite } from "~/services/patient-enrolment.server.ts";
import { recordSignoff } from "~/services/signoff.server.ts";
import { tailorDose } from "~/services/personal-dose.server.ts";
import { PersonalDoseSchema } from "~/schemas/personal-dose.ts";
import type { requireClinician } from "~/utils/auth.server.ts";
import type { getDb } from "~/utils/db.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { parseForm } from "~/utils/forms.ts";
import { notFound } from "~/utils/responses.ts";
import { editDetailsIntent, markNotesReadIntent, reviewFlagsIntent } from "./notes-flags-details-intents.server.ts";

// The patient page's action, one function per intent. Each form on the page posts a hidden `intent`.

export const PATIENT_PAGE_INTENTS = [
  "start-plan",
  "pause",
  "resume",
  "discharge",
  "evaluate",
  "reissue-invite",
  "confirm",
  "override",
  "move-stage",
  "move-version",
  "capacity",
  "questionnaire",
  "signoff",
  "tailor-dose",
  "mark-notes-read",
  "review-flags",
  "edit-details",
  "dose-approval",
] as const;
export type PatientPageIntent = (typeof PATIENT_PAGE_INTENTS)[number];

export function isPatientPageIntent(intent: string): intent is PatientPageIntent {
  return PATIENT_PAGE_INTENTS.some((known) => known === intent);
}

/** What every intent gets: the signed-in clinician, the patient whose page it is (already checked), the form. */
export type IntentRequest<I extends PatientPageIntent = PatientPageIntent> = {
  intent: I;
  db: ReturnType<typeof getDb>;
  clinician: Awaited<ReturnType<typeof requireClinician>>;
  patient: PatientOfClinic;
  form: FormData;
  /** The site's own origin, for links the page shows (a new invite). */
  origin: string;
};

type Failure = Extract<PlanActionResult, { ok: false }>;

/** A refusal the page shows on the form that posted it (`intent`); 400 unless said otherwise. */
export function fail(intent: string, fields: Partial<Failure>, status = 400) {
  return data<PlanActionResult>({ ok: false, intent, fieldErrors: {}, values: {}, ...fields }, { status });
}

function done(
  intent: string,
  message: string,
  extra: { inviteUrl?: string; emailNotice?: InviteEmailNotice } = {},
): PlanActionResult {
  return { ok: true, intent, message, ...extra };
}

/** A service's answer as the page's: a 404 is thrown (the error page), field errors go back with what was posted. */
function answer({ intent, form }: IntentRequest, result: ChangeResult | ReviewResult, message: string) {
  if (result.ok) return done(intent, message);
  if (result.status === 404) throw notFound(result.message);
  if (result.status === 400) return fail(intent, { fieldErrors: result.fieldErrors, values: Object.fromEntries(form) });
  return fail(intent, { formError: result.message }, result.status);
}

/** The plan must be this patient's (and so this clinic's): anything else is 404, never a hint it exists. */
async function requirePlanOfPatient({ db, clinician, patient }: IntentRequest, planId: string) {
  if (!(await findPlanOfPatient(db, clinician.clinic_id, patient.id, planId))) throw notFound("Plan not found");
}

async function startPlan(request: IntentRequest<"start-plan">) {
  const { db, clinician, patient, form, intent } = request;
  const parsed = parseForm(StartPlanSchema, form);
  if (!parsed.ok) return fail(intent, parsed);
  const result = await startPlanForPatient(db, clinician, patient, parsed.data);
  if (!result.ok) return fail(intent, { fieldErrors: result.fieldErrors, values: parsed.data });
  return done(intent, "Plan started.");
}

const STATUS_CHANGED = { pause: "Plan paused.", resume: "Plan resumed.", discharge: "Patient discharged." } as const;

async function changeStatus(request: IntentRequest<"pause" | "resume" | "discharge">) {
  const { db, clinician, patient, form, intent } = request;
  const parsed = parseForm(PlanIdSchema, form);
  if (!parsed.ok) return fail(intent, parsed);
  await requirePlanOfPatient(request, parsed.data.planId);
  const result = await changePlanStatus(db, clinician, parsed.data.planId, intent, patient.time_zone);
  return answer(request, result, STATUS_CHANGED[intent]);
}

async function evaluate(request: IntentRequest<"evaluate">) {
  const { db, clinician, patient, form, intent } = request;
  const parsed = parseForm(PlanIdSchema, form);
  if (!parsed.ok) return fail(intent, parsed);
  await requirePlanOfPatient(request, parsed.data.planId);
  const result = await reevaluate(db, clinician, parsed.data.planId, patient.time_zone);
  return done(intent, evaluatedMessage(result));
}

/** Which days the evaluation used: "Evaluated for 7 Dec 2026 using logs from 23 Nov 2026 to 6 Dec 2026 (12 days logged)." */
function evaluatedMessage(result: Awaited<ReturnType<typeof reevaluate>>): string {
  if (!result) return "Nothing to evaluate yet: the plan is not active or has not started.";
  const day = formatDate(result.decision.evaluatedFor);
  const used = result.logsUsed;
  if (!used) return `Evaluated for ${day}: the patient has not logged anything yet.`;
  const range =
    used.from === used.to
      ? `the log of ${formatDate(used.from)}`
      : `logs from ${formatDate(used.from)} to ${formatDate(used.to)}`;
  return `Evaluated for ${day} using ${range} (${used.days} day${used.days === 1 ? "" : "s"} logged).`;
}

async function reissueInviteLink({ db, clinician, patient, intent, origin }: IntentRequest<"reissue-invite">) {
  if (patient.joined_at) return fail(intent, { formError: "This patient has already joined." }, 409);
  const { inviteUrl, inviteEmail } = await resendInvite(db, clinician, patient, origin);
  return done(intent, "New invite link made. The previous link no longer works.", {
    inviteUrl,
    emailNotice: inviteEmailNotice(inviteEmail, patient.email),
  });
}

/** Confirming applies the move and re-evaluates (in the service); the decision must be this patient's. */
async function confirmRecommendation(request: IntentRequest<"confirm">) {
  const { db, clinician, patient, form, intent } = request;
  const parsed = parseForm(ConfirmDecisionSchema, form);
  if (!parsed.ok) return fail(intent, parsed);
  const result = await confirmDecision(db, clinician, parsed.data.decisionId, { patientId: patient.id });
  return answer(request, result, "Recommendation confirmed.");
}

async function overrideRecommendation(request: IntentRequest<"override">) {
  const { db, clinician, patient, form, intent } = request;
  const parsed = parseForm(OverrideDecisionSchema, form);
  if (!parsed.ok) return fail(intent, parsed);
  const { decisionId, overrideReason } = parsed.data;
  const result = await overrideDecision(
    db,
    clinician,
    decisionId,
    { reason: overrideReason },
    { patientId: patient.id },
  );
  return answer(request, result, "Recommendation overridden; your reason is recorded.");
}

async function moveStage(request: IntentRequest<"move-stage">) {
  const { db, clinician, patient, form, intent } = request;
  const parsed = parseForm(MoveStageSchema, form);
  if (!parsed.ok) return fail(intent, parsed);
  const { planId, stageId, moveReason } = parsed.data;
  await requirePlanOfPatient(request, planId);
  const result = await moveStageByHand(db, clinician, { planId, stageId, reason: moveReason }, patient.time_zone);
  return answer(request, result, "Stage moved.");
}

async function moveVersion(request: IntentRequest<"move-version">) {
  const { db, clinician, patient, form, intent } = request;
  const parsed = parseForm(MoveVersionSchema, form);
  if (!parsed.ok) return fail(intent, parsed);
  await requirePlanOfPatient(request, parsed.data.planId);
  const result = await movePlanToVersion(db, clinician, parsed.data, patient.time_zone);
  return answer(request, result, `Plan moved to version ${parsed.data.version}.`);
}

async function recordCapacityTest(request: IntentRequest<"capacity">) {
  const { db, clinician, patient, form, intent } = request;
  const parsed = parseForm(CapacityMeasurementSchema, form);
  if (!parsed.ok) return fail(intent, parsed);
  await requirePlanOfPatient(request, parsed.data.planId);
  const { testedOn, ...rest } = parsed.data;
  const measurement = { kind: "capacity" as const, measuredOn: testedOn, ...rest };
  const result = await recordClinicMeasurement(db, clinician, measurement, patient.time_zone);
  return answer(request, result, "Test recorded.");
}

async function recordQuestionnaireScore(request: IntentRequest<"questionnaire">) {
  const { db, clinician, patient, form, intent } = request;
  const parsed = parseForm(QuestionnaireMeasurementSchema, form);
  if (!parsed.ok) return fail(intent, parsed);
  await requirePlanOfPatient(request, parsed.data.planId);
  const { answeredOn, ...rest } = parsed.data;
  const measurement = { kind: "questionnaire" as const, measuredOn: answeredOn, ...rest };
  const result = await recordClinicMeasurement(db, clinician, measurement, patient.time_zone);
  return answer(request, result, "Score recorded.");
}

async function signOff(request: IntentRequest<"signoff">) {
  const { db, clinician, patient, form, intent } = request;
  const parsed = parseForm(SignoffSchema, form);
  if (!parsed.ok) return fail(intent, parsed);
  await requirePlanOfPatient(request, parsed.data.planId);
  const result = await recordSignoff(db, clinician, parsed.data, patient.time_zone);
  return answer(request, result, "Signed off.");
}

/** The physio's dose for this patient's current stage; a stale form (another save, a stage change) saves nothing. */
async function tailorPersonalDose(request: IntentRequest<"tailor-dose">) {
  const { db, clinician, form, intent } = request;
  const parsed = parseForm(PersonalDoseSchema, form);
  if (!parsed.ok) return fail(intent, parsed);
  await requirePlanOfPatient(request, parsed.data.planId);
  const result = await tailorDose(db, clinician, parsed.data);
  if (result.ok)
    return done(
      intent,
      parsed.data.target === "prepared"
        ? `Starting dose of the coming stage saved (version ${result.version}).`
        : `Dose saved for this patient (version ${result.version}).`,
    );
  if (result.status === 404) throw notFound(result.message);
  if (result.status === 409) return fail(intent, { formError: result.message, fieldErrors: result.fieldErrors }, 409);
  // Only a tampered form names an exercise the stage does not have: nothing typed is worth keeping.
  return fail(intent, { fieldErrors: result.fieldErrors, formError: "Reload the page and try again." });
}

/** Whether the engine's dose changes wait for the clinician or apply automatically (ADR 056). */
async function changeDoseApproval(request: IntentRequest<"dose-approval">) {
  const { db, clinician, form, intent } = request;
  const parsed = parseForm(DoseApprovalSchema, form);
  if (!parsed.ok) return fail(intent, parsed);
  await requirePlanOfPatient(request, parsed.data.planId);
  const result = await setDoseApprovalMode(db, clinician, parsed.data);
  return answer(
    request,
    result,
    parsed.data.doseApprovalMode === "automatic"
      ? "Dose changes now apply automatically."
      : "You now confirm each dose change.",
  );
}

/** What the page gets back: a message, or a refusal with the form's errors (thrown 404s aside). */
export type IntentAnswer = PlanActionResult | ReturnType<typeof fail>;
type IntentHandler<I extends PatientPageIntent> = (request: IntentRequest<I>) => Promise<IntentAnswer>;

/** One handler per intent: an intent without one (or a handler without an intent) does not compile. */
const HANDLERS: { [I in PatientPageIntent]: IntentHandler<I> } = {
  "start-plan": startPlan,
  pause: changeStatus,
  resume: changeStatus,
  discharge: changeStatus,
  evaluate,
  "reissue-invite": reissueInviteLink,
  confirm: confirmRecommendation,
  override: overrideRecommendation,
  "move-stage": moveStage,
  "move-version": moveVersion,
  capacity: recordCapacityTest,
  questionnaire: recordQuestionnaireScore,
  signoff: signOff,
  "tailor-dose": tailorPersonalDose,
  "mark-notes-read": markNotesReadIntent,
  "review-flags": reviewFlagsIntent,
  "edit-details": editDetailsIntent,
  "dose-approval": changeDoseApproval,
};

/** Runs the handler of the posted intent. */
export function handleIntent<I extends PatientPageIntent>(request: IntentRequest<I>): Promise<IntentAnswer> {
  const handler: IntentHandler<I> = HANDLERS[request.intent];
  return handler(request);
}
