import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { MessageThread, type MessageActionData } from "~/components/messages/message-thread.tsx";
import { Card, Notice, Page, PageHeader } from "~/components/ui/layout.tsx";
import { MessageSchema } from "~/schemas/message.ts";
import { openPatientThread, sendPatientMessage } from "~/services/message.server.ts";
import { requirePatient } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { parseForm, readForm } from "~/utils/forms.ts";

export const meta: MetaFunction = () => [{ title: "Messages · Stagewise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const patient = await requirePatient(request);
  return openPatientThread(getDb(), patient);
}

export async function action({ request }: ActionFunctionArgs) {
  const patient = await requirePatient(request);
  const parsed = parseForm(MessageSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false as const, fieldErrors: parsed.fieldErrors, values: parsed.values }, 400);
  const result = await sendPatientMessage(getDb(), patient, parsed.data, new URL(request.url).origin);
  if (!result.ok) return data({ ok: false as const, formError: result.formError, values: parsed.data }, 409);
  return redirect("/me/messages?sent=1");
}

export default function PatientMessages() {
  const thread = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as MessageActionData;
  const [params] = useSearchParams();
  return (
    <Page narrow>
      <PageHeader title="Messages" lede="Between you and your physio. For anything urgent, phone the clinic." />
      {params.get("sent") && !actionData ? <Notice tone="success">Sent. Your physio will see it.</Notice> : null}
      <Card>
        <MessageThread
          messages={thread.messages}
          reader="patient"
          canWrite={thread.canWrite}
          closedText={
            thread.planId
              ? "Your plan has ended, so this conversation is closed."
              : "You can send messages once your physio has started your plan."
          }
          nextMessageId={thread.nextMessageId}
          actionData={actionData}
          emptyText="Ask your physio a question or tell them how it is going."
        />
      </Card>
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
