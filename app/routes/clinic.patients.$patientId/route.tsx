import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ActionButton, StartPlanForm, type PlanActionResult } from "~/components/clinic/plan-forms.tsx";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { InviteLink } from "~/components/invite-link.tsx";
import { Card, Notice, Page, PageHeader } from "~/components/ui/layout.tsx";
import { INVOLVED_SIDES } from "~/schemas/patient.ts";
import { findPatientInClinic } from "~/services/patient-lookup.server.ts";
import { currentInviteLink } from "~/services/invite.server.ts";
import { unreadFromPatient } from "~/services/message.server.ts";
import { loadPatientRecord } from "~/services/patient-record.server.ts";
import { doseFormOfPlan } from "~/services/personal-dose.server.ts";
import { requireClinician } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";
import { readForm } from "~/utils/forms.ts";
import { notFound } from "~/utils/responses.ts";
import { fail, handleIntent, isPatientPageIntent } from "./intents.server.ts";
import { RecordDownloads } from "~/components/record-downloads.tsx";
import { DetailsForm } from "./details-form.tsx";
import { PlanSection } from "./plan-section.tsx";

// The clinician's page of one patient: /clinic/patients/:patientId. Its action runs one function per intent
// (intents.server.ts); the plan's part of the page is plan-section.tsx.

export { PATIENT_PAGE_INTENTS } from "./intents.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.patient.name ?? "Patient"} · Stagewise` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const clinician = await requireClinician(request);
  const db = getDb();
  const patient = await findPatientInClinic(db, clinician.clinic_id, params.patientId ?? "");
  if (!patient) throw notFound("Patient not found");
  const query = new URL(request.url).searchParams;
  const record = await loadPatientRecord(db, clinician.clinic_id, patient, {
    showChecksOf: query.get("decision") ?? undefined,
    wholeAuditTrail: query.get("audit") === "all",
  });
  const { password_hash, ...publicPatient } = record.patient;
  // ?doseStage=<stage id>: the physio prepares the starting dose of another stage (docs/decisions/052-…).
  const preparing = query.get("doseStage") ?? undefined;
  const dose = record.plan ? await doseFormOfPlan(db, clinician.clinic_id, record.plan.id, preparing) : null;
  // Until the patient has joined, their current invite link can be copied again from here.
  const joined = record.patient.joined_at !== null;
  const inviteLink = joined ? null : await currentInviteLink(db, patient.id, new URL(request.url).origin);
  const timeZones = Intl.supportedValuesOf("timeZone");
  const unreadMessages = await unreadFromPatient(db, clinician.clinic_id, patient.id);
  return {
    ...record,
    dose,
    patient: { ...publicPatient, hasJoined: joined },
    inviteLink,
    timeZones,
    unreadMessages,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const clinician = await requireClinician(request);
  const db = getDb();
  const patient = await findPatientInClinic(db, clinician.clinic_id, params.patientId ?? "");
  if (!patient) throw notFound("Patient not found");
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  if (!isPatientPageIntent(intent)) return fail(intent, { formError: "Unknown action" });
  return handleIntent({ intent, db, clinician, patient, form, origin: new URL(request.url).origin });
}

export default function PatientPage() {
  const record = useLoaderData<typeof loader>();
  const result: PlanActionResult | undefined = useActionData<typeof action>();
  const { patient, plan, today } = record;
  const side = INVOLVED_SIDES.find((s) => s.value === patient.involved_side)?.label ?? patient.involved_side;

  return (
    <Page>
      <p className="small">
        <Link to="/clinic/patients">← All patients</Link>
      </p>
      <PageHeader
        title={patient.name}
        lede={
          <>
            {patient.condition} · {side}
            {patient.surgery_date ? ` · surgery ${formatDate(patient.surgery_date)}` : ""}
            {patient.injury_date ? ` · injury ${formatDate(patient.injury_date)}` : ""} · {patient.email}
          </>
        }
        actions={
          <>
            {!patient.hasJoined ? <ActionButton intent="reissue-invite" label="Resend invite" /> : null}
            <Link className="button button--secondary" to={`/clinic/patients/${patient.id}/messages`}>
              Messages
              {record.unreadMessages > 0 ? <span className="button__count">{record.unreadMessages} new</span> : null}
            </Link>
            <RecordDownloads basePath={`/clinic/patients/${patient.id}/export`} compact />
          </>
        }
      />
      {result?.ok ? <Notice tone="success">{result.message}</Notice> : null}
      {result?.ok && result.emailNotice ? (
        <Notice tone={result.emailNotice.tone}>{result.emailNotice.text}</Notice>
      ) : null}
      {result && !result.ok && result.formError && !["confirm", "override", "tailor-dose"].includes(result.intent) ? (
        <Notice tone="error">{result.formError}</Notice>
      ) : null}
      {result?.ok && result.inviteUrl ? (
        <Card>
          <InviteLink url={result.inviteUrl} />
        </Card>
      ) : !patient.hasJoined ? (
        <div className="stack" id="invite">
          <Notice tone="info">
            {patient.name} hasn't joined yet.{" "}
            {record.inviteLink
              ? `Their invite link works until ${formatDate(record.inviteLink.expiresAt)} or until they use it; copy it to send it another way.`
              : "Their invite link has expired or cannot be shown again."}{" "}
            If it was lost, resend it: they get a new link by email, and the old one stops working.
          </Notice>
          {record.inviteLink ? (
            <Card>
              <InviteLink url={record.inviteLink.url} shownAgain />
            </Card>
          ) : null}
        </div>
      ) : null}
      <div id="details">
        <DetailsForm patient={patient} timeZones={record.timeZones} result={result} />
      </div>

      {!plan || plan.status === "discharged" || plan.status === "completed" ? (
        <div className="stack">
          {plan ? (
            <Notice tone="info">The last plan was {plan.status}. Start a new one when the patient needs it.</Notice>
          ) : null}
          <Card title="Start a plan">
            <StartPlanForm
              programs={record.programs}
              today={today}
              result={result}
              patientDates={{ injury: patient.injury_date, surgery: patient.surgery_date }}
            />
          </Card>
        </div>
      ) : null}
      {plan && "program" in record && record.program ? <PlanSection record={record} result={result} /> : null}
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
