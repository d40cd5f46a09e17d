import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { AppShell } from "~/components/app-shell.tsx";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { chartLinks } from "~/components/charts/index.ts";
import clinicStyles from "~/styles/clinic.css";
import { requireClinician } from "~/utils/auth.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: clinicStyles }, ...chartLinks];

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
    <AppShell nav={NAV} userName={user.name} roleLabel="clinician" accountHref="/clinic/account">
      <Outlet />
    </AppShell>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
