import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ProgramEditor } from "~/components/clinic/program-editor/program-editor.tsx";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { useSchemaForm } from "~/components/forms/use-schema-form.ts";
import { Notice, Page, PageHeader } from "~/components/ui/layout.tsx";
import { programToForm } from "~/schemas/program-form/program-to-form.ts";
import { ProgramFormSchema } from "~/schemas/program-form/schema.ts";
import { getProgramDetail, saveProgramVersion } from "~/services/program-editor.server.ts";
import { requireClinician } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { parseForm, readForm } from "~/utils/forms.ts";
import { clientError, notFound } from "~/utils/responses.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Edit ${data?.name ?? "program"} · Stagewise` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const clinician = await requireClinician(request);
  const detail = await getProgramDetail(getDb(), clinician.clinic_id, params.programId ?? "");
  if (!detail) throw notFound("Program not found");
  // The library is read-only: clinicians duplicate it first.
  if (detail.builtIn) throw redirect(`/clinic/programs/${detail.program.id}`);
  const inUse = detail.plansByVersion.reduce((n, v) => n + v.plans, 0);
  return {
    id: detail.program.id,
    name: detail.program.name,
    version: detail.program.version,
    inUse,
    values: programToForm(detail.program),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const clinician = await requireClinician(request);
  const programId = params.programId ?? "";
  const parsed = parseForm(ProgramFormSchema, await readForm(request));
  if (!parsed.ok) {
    // Someone else's (or no) program answers 404 before any validation detail leaks.
    if (!(await getProgramDetail(getDb(), clinician.clinic_id, programId))) throw notFound("Program not found");
    return data({ ok: false as const, fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  }
  const result = await saveProgramVersion(getDb(), clinician, programId, parsed.data);
  if (!result.ok) throw clientError(result.status, result.message);
  return redirect(`/clinic/programs/${programId}?saved=${result.version}`);
}

export default function EditProgramPage() {
  const { id, name, version, inUse, values } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const form = useSchemaForm(ProgramFormSchema, {
    defaultValues: failed?.values ?? values,
    serverErrors: failed?.fieldErrors,
  });
  return (
    <Page>
      <p className="small">
        <Link to={`/clinic/programs/${id}`}>← Back to the program</Link>
      </p>
      <PageHeader title={`Edit: ${name}`} lede={`Version ${version}. Saving creates version ${version + 1}.`} />
      {params.get("duplicated") ? (
        <Notice tone="success">This is your clinic's own copy. Adapt it freely; the library stays as it was.</Notice>
      ) : null}
      {inUse > 0 ? (
        <Notice tone="info">
          {inUse} {inUse === 1 ? "plan uses" : "plans use"} this program. They keep their current version until you move
          them from the patient's page.
        </Notice>
      ) : null}
      <ProgramEditor form={form} submitLabel={`Save as version ${version + 1}`} serverErrors={failed?.fieldErrors} />
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
