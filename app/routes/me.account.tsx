import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AccountPage } from "~/components/account/change-password.tsx";
import { ReminderSettings } from "~/components/account/reminder-settings.tsx";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { RecordDownloads } from "~/components/record-downloads.tsx";
import { Card } from "~/components/ui/layout.tsx";
import { ReminderSettingsSchema } from "~/schemas/reminder-settings.ts";
import { getReminderChoice, saveReminderChoice } from "~/services/reminder-setting.server.ts";
import { handlePasswordChange } from "~/utils/account-route.server.ts";
import { requirePatient } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { parseForm, readForm } from "~/utils/forms.ts";

export const meta: MetaFunction = () => [{ title: "Your account · Stagewise" }];

/** The password form posts no intent (it is shared with /clinic/account); the reminder form posts "reminders". */
export const ACCOUNT_INTENTS = ["change-password", "reminders"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const reminders = await getReminderChoice(getDb(), user.id);
  return { name: user.name, email: user.email, timeZone: user.time_zone, reminders };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  // Peek at the intent on a copy: the password change reads the request itself.
  const intent = (await readForm(request.clone())).get("intent");
  if (intent !== "reminders") return handlePasswordChange(request, user, "/me/account");

  const parsed = parseForm(ReminderSettingsSchema, await readForm(request));
  if (!parsed.ok) return data({ ...parsed, intent: "reminders" as const }, { status: 400 });
  await saveReminderChoice(getDb(), user, parsed.data.remindAt);
  throw redirect("/me/account?reminders=saved#reminders");
}

export default function AccountRoute() {
  const { name, email, timeZone, reminders } = useLoaderData<typeof loader>();
  return (
    <AccountPage name={name} email={email}>
      <ReminderSettings enabled={reminders.enabled} remindAt={reminders.remindAt} timeZone={timeZone} />
      <Card title="Your record">
        <RecordDownloads basePath="/me/export" />
      </Card>
    </AccountPage>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
