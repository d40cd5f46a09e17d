import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { Button, ButtonLink } from "~/components/ui/button.tsx";
import { Badge, EmptyState, Page, PageHeader } from "~/components/ui/layout.tsx";
import { listPatientsForClinic, type PatientListFilter } from "~/services/caseload.server.ts";
import { requireClinician } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";

export const meta: MetaFunction = () => [{ title: "Patients · Stagewise" }];

const STATUSES = [
  { value: "all", label: "All patients" },
  { value: "active", label: "Active plan" },
  { value: "paused", label: "Paused" },
  { value: "none", label: "No plan yet" },
  { value: "ended", label: "Discharged or completed" },
  { value: "invited", label: "Invited, not joined yet" },
] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const clinician = await requireClinician(request);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const statusParam = url.searchParams.get("status");
  const status = (STATUSES.find((s) => s.value === statusParam)?.value ?? "all") as NonNullable<
    PatientListFilter["status"]
  >;
  const patients = await listPatientsForClinic(getDb(), clinician.clinic_id, { q, status });
  return { q, status, patients };
}

const STATUS_TONE: Record<string, "success" | "warning" | "info" | undefined> = {
  active: "success",
  paused: "warning",
  completed: "info",
};

export default function PatientsPage() {
  const { q, status, patients } = useLoaderData<typeof loader>();
  const filtered = q !== "" || status !== "all";
  return (
    <Page>
      <PageHeader
        title="Patients"
        lede="Everyone in your clinic, with where they are in their plan."
        actions={<ButtonLink to="/clinic/patients/new">Add a patient</ButtonLink>}
      />
      <Form method="get" className="clinic-filter" role="search">
        <div className="field">
          <label className="field__label" htmlFor="q">
            Search
          </label>
          <input
            id="q"
            name="q"
            className="input"
            type="search"
            defaultValue={q}
            placeholder="Name, email or condition"
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="status">
            Plan status
          </label>
          <select id="status" name="status" className="input input--select" defaultValue={status}>
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          Show
        </Button>
      </Form>
      {patients.length === 0 ? (
        filtered ? (
          <EmptyState
            title={
              q === ""
                ? `No patients: ${STATUSES.find((s) => s.value === status)?.label.toLowerCase()}`
                : "No patients match"
            }
            action={
              <ButtonLink to="/clinic/patients" variant="secondary">
                {q === "" ? "Show all patients" : "Clear the search"}
              </ButtonLink>
            }
          >
            {q === "" ? "Nobody in your clinic is in this list right now." : "Try another name, or show all patients."}
          </EmptyState>
        ) : (
          <EmptyState
            title="No patients yet"
            action={<ButtonLink to="/clinic/patients/new">Add your first patient</ButtonLink>}
          >
            Add a patient, send them their invite link and start them on a program.
          </EmptyState>
        )
      ) : (
        <table className="responsive clinic-table">
          <caption className="visually-hidden">Patients</caption>
          <thead>
            <tr>
              <th scope="col">Patient</th>
              <th scope="col">Program</th>
              <th scope="col">Stage</th>
              <th scope="col">Plan</th>
            </tr>
          </thead>
          <tbody>
            {patients.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/clinic/patients/${p.id}`}>{p.name}</Link>
                  <div className="small muted">{p.condition}</div>
                  {p.invited ? (
                    <div className="small">
                      <Badge tone="info">Invited, not joined</Badge>{" "}
                      <Link to={`/clinic/patients/${p.id}#invite`}>Copy or resend the invite</Link>
                    </div>
                  ) : null}
                </td>
                <td>{p.programName ?? <span className="muted">—</span>}</td>
                <td>
                  {p.stageNumber ? (
                    <>
                      Stage {p.stageNumber} of {p.stageCount}
                      <div className="small muted">
                        {p.stageName}
                        {p.stage && (p.planStatus === "active" || p.planStatus === "paused")
                          ? ` · ${p.stage.daysInStage} ${p.stage.daysInStage === 1 ? "day" : "days"}`
                          : ""}
                      </div>
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>
                  {p.planStatus ? (
                    <Badge tone={STATUS_TONE[p.planStatus]}>{p.planStatus}</Badge>
                  ) : (
                    <span className="muted">no plan yet</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
