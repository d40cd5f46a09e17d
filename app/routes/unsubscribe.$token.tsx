import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { Button } from "~/components/ui/button.tsx";
import { Card, Page } from "~/components/ui/layout.tsx";
import { isUnsubscribeTokenValid, unsubscribeFromReminders } from "~/services/reminder-setting.server.ts";
import { getDb } from "~/utils/db.server.ts";

// The link in every reminder email (List-Unsubscribe). Mail clients' one-click unsubscribe POSTs here with the body
// `List-Unsubscribe=One-Click` (RFC 8058) and no cookies; a person who opens the link gets a page with a button,
// since a GET that unsubscribed would be triggered by mail scanners. The token is the key: no sign-in needed.

export const meta: MetaFunction = () => [{ title: "Stop reminder emails · Stagewise" }];

export async function loader({ params }: LoaderFunctionArgs) {
  return { valid: await isUnsubscribeTokenValid(getDb(), params.token ?? "") };
}

export async function action({ params }: ActionFunctionArgs) {
  const done = await unsubscribeFromReminders(getDb(), params.token ?? "");
  return data({ unsubscribed: done }, { status: done ? 200 : 404 });
}

export default function UnsubscribePage() {
  const { valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData?.unsubscribed) {
    return (
      <Page narrow>
        <Card>
          <h1>Reminder emails are off</h1>
          <p>You will get no more reminder emails. Your physio still sees your logs as before.</p>
          <p>
            To turn them on again, or choose another time, go to <Link to="/me/account#reminders">your account</Link>.
          </p>
        </Card>
      </Page>
    );
  }
  if (!valid || actionData) {
    return (
      <Page narrow>
        <Card>
          <h1>This link does not work</h1>
          <p>
            It may have been copied only in part. You can turn reminders off on{" "}
            <Link to="/me/account#reminders">your account page</Link> after signing in.
          </p>
        </Card>
      </Page>
    );
  }
  return (
    <Page narrow>
      <Card>
        <h1>Stop reminder emails?</h1>
        <p>You will no longer be emailed when you have not logged your day. You can turn them on again any time.</p>
        <Form method="post" className="form">
          <Button type="submit" block>
            Stop reminder emails
          </Button>
        </Form>
      </Card>
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
