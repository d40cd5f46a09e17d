import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { AppShell } from "~/components/app-shell.tsx";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import patientStyles from "~/styles/patient.css";
import { requirePatient } from "~/utils/auth.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: patientStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  return { user: { name: user.name } };
}

const NAV = [
  { to: "/me", label: "Today", end: true },
  { to: "/me/log", label: "Log" },
  { to: "/me/progress", label: "Progress" },
  { to: "/me/history", label: "History" },
];

export default function PatientLayout() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <AppShell nav={NAV} userName={user.name} roleLabel="patient" accountHref="/me/account">
      <Outlet />
    </AppShell>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
