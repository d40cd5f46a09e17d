import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AccountPage } from "~/components/account/change-password.tsx";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { RecordDownloads } from "~/components/record-downloads.tsx";
import { Card } from "~/components/ui/layout.tsx";
import { handlePasswordChange } from "~/utils/account-route.server.ts";
import { requirePatient } from "~/utils/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "Your account · Stagewise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  return { name: user.name, email: user.email };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  return handlePasswordChange(request, user, "/me/account");
}

export default function AccountRoute() {
  const { name, email } = useLoaderData<typeof loader>();
  return (
    <AccountPage name={name} email={email}>
      <Card title="Your record">
        <RecordDownloads basePath="/me/export" />
      </Card>
    </AccountPage>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
