import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { ButtonLink } from "~/components/ui/button.tsx";
import { EmptyState, Page, PageHeader } from "~/components/ui/layout.tsx";
import { listPatientsOfClinic } from "~/models/patient.server.ts";
import { requireClinician } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";

export const meta: MetaFunction = () => [{ title: "Triage · Stagewise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const clinician = await requireClinician(request);
  const patients = await listPatientsOfClinic(getDb(), clinician.clinic_id);
  return {
    clinicianName: clinician.name,
    patients: patients.map((p) => ({ id: p.id, name: p.name, condition: p.condition, hasPlan: Boolean(p.plan_id) })),
  };
}

export default function ClinicHome() {
  const { clinicianName, patients } = useLoaderData<typeof loader>();
  return (
    <Page>
      <PageHeader
        title="Triage"
        lede={`Good to see you, ${clinicianName}. Patients who need you come first.`}
        actions={<ButtonLink to="/clinic/patients/new">Add a patient</ButtonLink>}
      />
      {patients.length === 0 ? (
        <EmptyState title="No patients yet" action={<ButtonLink to="/clinic/patients/new">Add your first patient</ButtonLink>}>
          Add a patient, start them on a program, and their progress appears here.
        </EmptyState>
      ) : (
        <ul className="list">
          {patients.map((p) => (
            <li key={p.id} className="list__item">
              <Link to={`/clinic/patients/${p.id}`}>{p.name}</Link> <span className="muted">· {p.condition}</span>
              {!p.hasPlan ? <span className="muted"> · no plan yet</span> : null}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
