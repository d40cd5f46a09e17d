import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { MessageThread, type MessageActionData } from "~/components/messages/message-thread.tsx";
import { Card, Notice, Page, PageHeader } from "~/components/ui/layout.tsx";
import { MessageSchema } from "~/schemas/message.ts";
import { openClinicThread, sendClinicMessage } from "~/services/message.server.ts";
import { findPatientInClinic } from "~/services/patient-lookup.server.ts";
import { requireClinician } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { parseForm, readForm } from "~/utils/forms.ts";
import { notFound } from "~/utils/responses.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Messages${data ? ` · ${data.patient.name}` : ""} · Stagewise` },
];

/** The patient of this clinic the URL names, or 404 (never another clinic's). */
async function patientOf(clinicId: string, patientId: string | undefined) {
  const patient = patientId ? await findPatientInClinic(getDb(), clinicId, patientId) : undefined;
  if (!patient) throw notFound("Patient not found");
  return patient;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const clinician = await requireClinician(request);
  const patient = await patientOf(clinician.clinic_id, params.patientId);
  const thread = await openClinicThread(getDb(), clinician, patient.id);
  return { patient: { id: patient.id, name: patient.name }, thread };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const clinician = await requireClinician(request);
  const patient = await patientOf(clinician.clinic_id, params.patientId);
  const parsed = parseForm(MessageSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false as const, fieldErrors: parsed.fieldErrors, values: parsed.values }, 400);
  const result = await sendClinicMessage(getDb(), clinician, patient.id, parsed.data, new URL(request.url).origin);
  if (!result.ok) return data({ ok: false as const, formError: result.formError, values: parsed.data }, 409);
  return redirect(`/clinic/patients/${patient.id}/messages?sent=1`);
}

export default function PatientMessagesForClinic() {
  const { patient, thread } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as MessageActionData;
  const [params] = useSearchParams();
  return (
    <Page narrow>
      <p className="small">
        <Link to={`/clinic/patients/${patient.id}`}>← {patient.name}</Link>
      </p>
      <PageHeader
        title={`Messages with ${patient.name}`}
        lede="Every clinician of the clinic reads and answers here."
      />
      {params.get("sent") && !actionData ? <Notice tone="success">Sent to {patient.name}.</Notice> : null}
      <Card>
        <MessageThread
          messages={thread.messages}
          reader="clinician"
          canWrite={thread.canWrite}
          closedText={
            thread.planId
              ? "This plan has ended, so its conversation is closed."
              : "Messages open when the patient has a plan."
          }
          nextMessageId={thread.nextMessageId}
          actionData={actionData}
          emptyText={`Nothing from ${patient.name} yet. Write first to check in.`}
        />
      </Card>
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
