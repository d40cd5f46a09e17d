import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { ProgramEditor } from "~/components/clinic/program-editor/program-editor.tsx";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { useSchemaForm } from "~/components/forms/use-schema-form.ts";
import { Page, PageHeader } from "~/components/ui/layout.tsx";
import { blankProgram, blankStage } from "~/schemas/program-form/blank-values.ts";
import { ProgramFormSchema } from "~/schemas/program-form/schema.ts";
import { createClinicProgram } from "~/services/program-editor.server.ts";
import { requireClinician } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { parseForm, readForm } from "~/utils/forms.ts";

export const meta: MetaFunction = () => [{ title: "New program · Stagewise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireClinician(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const clinician = await requireClinician(request);
  const parsed = parseForm(ProgramFormSchema, await readForm(request));
  if (!parsed.ok)
    return data({ ok: false as const, fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  const id = await createClinicProgram(getDb(), clinician, parsed.data);
  return redirect(`/clinic/programs/${id}?saved=1`);
}

export default function NewProgramPage() {
  const failed = useActionData<typeof action>();
  const form = useSchemaForm(ProgramFormSchema, {
    defaultValues: failed?.values ?? { ...blankProgram(), stages: [blankStage()] },
    serverErrors: failed?.fieldErrors,
  });
  return (
    <Page>
      <PageHeader
        title="New program"
        lede="Stages with a prescription, gates to advance and rules to step back. The engine checks it all before it saves."
      />
      <ProgramEditor form={form} submitLabel="Save program" serverErrors={failed?.fieldErrors} />
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
