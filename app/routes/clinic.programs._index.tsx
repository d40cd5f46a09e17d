import { readForm } from "~/utils/forms.ts";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { Button, ButtonLink } from "~/components/ui/button.tsx";
import { Badge, Card, EmptyState, Notice, Page, PageHeader } from "~/components/ui/layout.tsx";
import { listProgramChoices, duplicateProgram } from "~/services/program-editor.server.ts";
import { requireClinician } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { notFound } from "~/utils/responses.ts";

export const meta: MetaFunction = () => [{ title: "Programs · Stagewise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const clinician = await requireClinician(request);
  const programs = await listProgramChoices(getDb(), clinician.clinic_id);
  return { own: programs.filter((p) => !p.builtIn), library: programs.filter((p) => p.builtIn) };
}

/** Duplicate a library (or own) program into the clinic, then open the copy for editing. */
export async function action({ request }: ActionFunctionArgs) {
  const clinician = await requireClinician(request);
  const form = await readForm(request);
  const sourceId = String(form.get("sourceId") ?? "");
  if (!sourceId) return data({ ok: false as const, message: "Choose a program to duplicate." }, { status: 400 });
  const id = await duplicateProgram(getDb(), clinician, sourceId);
  if (!id) throw notFound("Program not found");
  return redirect(`/clinic/programs/${id}/edit?duplicated=1`);
}

export default function ProgramsPage() {
  const { own, library } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <Page>
      <PageHeader
        title="Programs"
        lede="Criteria-gated programs: your clinic's own, and the evidence-based library to start from."
        actions={<ButtonLink to="/clinic/programs/new">New program</ButtonLink>}
      />
      {result && !result.ok ? <Notice tone="error">{result.message}</Notice> : null}
      <section aria-labelledby="own-programs" className="triage-section">
        <h2 id="own-programs">Your clinic's programs</h2>
        {own.length === 0 ? (
          <EmptyState
            title="No programs of your own yet"
            action={
              <ButtonLink to="/clinic/programs/new" variant="secondary">
                Build one from scratch
              </ButtonLink>
            }
          >
            Duplicate a library program below to adapt it, or build one from scratch.
          </EmptyState>
        ) : (
          <ul className="list">
            {own.map((p) => (
              <li key={p.id} className="list__item">
                <div className="clinic-plan__head">
                  <div>
                    <Link to={`/clinic/programs/${p.id}`}>
                      <strong>{p.name}</strong>
                    </Link>
                    <div className="small muted">
                      {p.condition} · {p.stages.length} stage{p.stages.length === 1 ? "" : "s"} · version {p.version}
                      {p.updatedAt ? ` · edited ${formatDate(p.updatedAt)}` : ""}
                    </div>
                  </div>
                  <div className="row">
                    <ButtonLink to={`/clinic/programs/${p.id}/edit`} variant="secondary" size="small">
                      Edit
                    </ButtonLink>
                    <ButtonLink to={`/clinic/programs/${p.id}/try`} variant="ghost" size="small">
                      Try it
                    </ButtonLink>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="library">
        <h2 id="library">Library (read-only)</h2>
        <div className="stack">
          {library.map((p) => (
            <Card key={p.id}>
              <div className="clinic-plan__head">
                <div>
                  <h3>
                    <Link to={`/clinic/programs/${p.id}`}>{p.name}</Link> <Badge tone="info">library</Badge>
                  </h3>
                  <p className="small muted">
                    {p.condition} · {p.stages.length} stage{p.stages.length === 1 ? "" : "s"}
                  </p>
                </div>
                <div className="row">
                  <Form method="post">
                    <input type="hidden" name="sourceId" value={p.id} />
                    <Button type="submit" variant="secondary" size="small">
                      Duplicate to edit
                    </Button>
                  </Form>
                  <ButtonLink to={`/clinic/programs/${p.id}/try`} variant="ghost" size="small">
                    Try it
                  </ButtonLink>
                </div>
              </div>
              <p className="small">{p.summary}</p>
              {p.citations.length > 0 ? (
                <details>
                  <summary className="small">Citations ({p.citations.length})</summary>
                  <ul className="small">
                    {p.citations.map((c) => (
                      <li key={c.id}>
                        {c.authors} ({c.year}). {c.title}. <em>{c.journal}</em>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </Card>
          ))}
        </div>
      </section>
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
