import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { AppShell, type NavItem } from "~/components/app-shell.tsx";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import patientStyles from "~/styles/patient.css";
import { unreadForPatient } from "~/services/message.server.ts";
import { requirePatient } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: patientStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  return { user: { name: user.name }, unreadMessages: await unreadForPatient(getDb(), user) };
}

const navFor = (unreadMessages: number): NavItem[] => [
  { to: "/me", label: "Today", end: true },
  { to: "/me/log", label: "Log" },
  { to: "/me/progress", label: "Progress" },
  { to: "/me/history", label: "History" },
  { to: "/me/messages", label: "Messages", badge: { count: unreadMessages, label: "unread" } },
];

export default function PatientLayout() {
  const { user, unreadMessages } = useLoaderData<typeof loader>();
  return (
    <AppShell nav={navFor(unreadMessages)} userName={user.name} roleLabel="patient" accountHref="/me/account">
      <Outlet />
    </AppShell>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
