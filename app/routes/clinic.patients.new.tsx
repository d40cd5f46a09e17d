import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { SelectField, TextField } from "~/components/forms/fields.tsx";
import { useSchemaForm } from "~/components/forms/use-schema-form.ts";
import { InviteLink } from "~/components/invite-link.tsx";
import { inviteEmailNotice } from "~/content/invite-email.ts";
import { Button, ButtonLink } from "~/components/ui/button.tsx";
import { Card, Notice, Page, PageHeader } from "~/components/ui/layout.tsx";
import { INVOLVED_SIDES, NewPatientSchema } from "~/schemas/patient.ts";
import { createPatientWithInvite } from "~/services/patient-enrolment.server.ts";
import { requireClinician } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { parseForm, readForm } from "~/utils/forms.ts";

export const meta: MetaFunction = () => [{ title: "Add a patient · Stagewise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const clinician = await requireClinician(request);
  return { defaultTimeZone: clinician.time_zone, timeZones: Intl.supportedValuesOf("timeZone") };
}

export async function action({ request }: ActionFunctionArgs) {
  const clinician = await requireClinician(request);
  const parsed = parseForm(NewPatientSchema, await readForm(request));
  if (!parsed.ok)
    return data({ ok: false as const, fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  const origin = new URL(request.url).origin;
  const result = await createPatientWithInvite(getDb(), clinician, parsed.data, origin);
  if (!result.ok) {
    // Sent back into the form as it was filled in; typed as loosely as a failed parse's values.
    const values: Record<string, unknown> = { ...parsed.data };
    return data({ ok: false as const, fieldErrors: result.fieldErrors, values }, { status: 400 });
  }
  return {
    ok: true as const,
    patientId: result.patientId,
    name: parsed.data.name,
    inviteUrl: result.inviteUrl,
    emailNotice: inviteEmailNotice(result.inviteEmail, parsed.data.email),
  };
}

export default function NewPatientPage() {
  const { defaultTimeZone, timeZones } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const failed = actionData && !actionData.ok ? actionData : null;
  const form = useSchemaForm(NewPatientSchema, {
    defaultValues: {
      name: "",
      email: "",
      timeZone: defaultTimeZone,
      condition: "",
      involvedSide: "",
      injuryDate: "",
      surgeryDate: "",
      ...(failed?.values ?? {}),
    },
    serverErrors: failed?.fieldErrors,
  });

  if (actionData?.ok) {
    return (
      <Page narrow>
        <PageHeader title="Patient added" />
        <div className="stack">
          <Notice tone="success">
            {actionData.name} now has an account, with a one-time link to set their password.
          </Notice>
          <Notice tone={actionData.emailNotice.tone}>{actionData.emailNotice.text}</Notice>
        </div>
        <Card>
          <InviteLink url={actionData.inviteUrl} />
          <div className="row" style={{ marginTop: "var(--space-4)" }}>
            <ButtonLink to={`/clinic/patients/${actionData.patientId}`}>Open {actionData.name}'s page</ButtonLink>
            <ButtonLink to="/clinic/patients/new" variant="secondary" reloadDocument>
              Add another patient
            </ButtonLink>
          </div>
        </Card>
      </Page>
    );
  }

  return (
    <Page narrow>
      <PageHeader title="Add a patient" lede="They get an email with a one-time link to set their own password." />
      <Card>
        <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
          <TextField form={form} name="name" label="Full name" autoComplete="off" />
          <TextField form={form} name="email" label="Email" type="email" autoComplete="off" inputMode="email" />
          <SelectField
            form={form}
            name="timeZone"
            label="Time zone"
            hint="Decides which day a log belongs to."
            options={timeZones.map((tz) => ({ value: tz, label: tz.replace(/_/g, " ") }))}
          />
          <TextField
            form={form}
            name="condition"
            label="Condition"
            hint="For example: right Achilles mid-portion tendinopathy."
          />
          <SelectField
            form={form}
            name="involvedSide"
            label="Involved side"
            placeholder="Choose…"
            options={[...INVOLVED_SIDES]}
          />
          <div className="grid-2">
            <TextField form={form} name="injuryDate" label="Injury date (optional)" type="date" />
            <TextField form={form} name="surgeryDate" label="Surgery date (optional)" type="date" />
          </div>
          <Button type="submit" disabled={navigation.state === "submitting"}>
            Add patient
          </Button>
        </Form>
      </Card>
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
