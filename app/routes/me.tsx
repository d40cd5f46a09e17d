import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { AppShell } from "~/components/app-shell.tsx";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { requirePatient } from "~/utils/auth.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  return { user: { name: user.name } };
}

const NAV = [
  { to: "/me", label: "Today", end: true },
  { to: "/me/progress", label: "Progress" },
  { to: "/me/history", label: "History" },
];

export default function PatientLayout() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <AppShell nav={NAV} userName={user.name} roleLabel="patient">
      <Outlet />
    </AppShell>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
