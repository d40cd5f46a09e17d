import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { AppShell } from "~/components/app-shell.tsx";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { requireClinician } from "~/utils/auth.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireClinician(request);
  return { user: { name: user.name } };
}

const NAV = [
  { to: "/clinic", label: "Triage", end: true },
  { to: "/clinic/patients", label: "Patients" },
  { to: "/clinic/programs", label: "Programs" },
];

export default function ClinicLayout() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <AppShell nav={NAV} userName={user.name} roleLabel="clinician">
      <Outlet />
    </AppShell>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
