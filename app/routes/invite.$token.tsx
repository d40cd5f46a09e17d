import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { TextField } from "~/components/forms/fields.tsx";
import { FormError } from "~/components/forms/form-error.tsx";
import { useSchemaForm } from "~/components/forms/use-schema-form.ts";
import { Button, ButtonLink } from "~/components/ui/button.tsx";
import { Card, Page } from "~/components/ui/layout.tsx";
import { SetPasswordSchema } from "~/schemas/auth.ts";
import { acceptInvite, getInvite, joinWithoutPassword } from "~/services/invite.server.ts";
import { startUserSession } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { parseForm, readForm } from "~/utils/forms.ts";
import { PasswordHashingBusyError } from "~/utils/password.server.ts";

export const meta: MetaFunction = () => [{ title: "Set your password · Stagewise" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const invite = await getInvite(getDb(), params.token ?? "");
  return { invite: invite ? { name: invite.name, email: invite.email } : null };
}

/** Choosing a password (the form posts no intent), or going on without one. */
export const INVITE_INTENTS = ["set-password", "join-without-password"] as const;

const LINK_GONE = "This link has expired or was already used. Ask your physio for a new one.";

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  if (form.get("intent") === "join-without-password") {
    const userId = await joinWithoutPassword(getDb(), params.token ?? "");
    if (!userId)
      return data({ ok: false as const, fieldErrors: {}, values: {}, formError: LINK_GONE }, { status: 410 });
    return startUserSession(userId, "/me");
  }
  const parsed = parseForm(SetPasswordSchema, form);
  if (!parsed.ok) return data({ ...parsed, formError: undefined as string | undefined }, { status: 400 });
  let userId: string | null;
  try {
    userId = await acceptInvite(getDb(), params.token ?? "", parsed.data.password);
  } catch (error) {
    if (!(error instanceof PasswordHashingBusyError)) throw error;
    return data(
      { ok: false as const, fieldErrors: {}, values: {}, formError: "We are busy right now. Try again in a moment." },
      { status: 503, headers: { "Retry-After": "2" } },
    );
  }
  if (!userId) {
    return data(
      {
        ok: false as const,
        fieldErrors: {},
        values: {},
        formError: LINK_GONE,
      },
      { status: 410 },
    );
  }
  return startUserSession(userId, "/me");
}

export default function InvitePage() {
  const { invite } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useSchemaForm(SetPasswordSchema, {
    defaultValues: { password: "", confirmPassword: "" },
    serverErrors: actionData?.fieldErrors,
  });
  if (!invite) {
    return (
      <Page narrow>
        <Card>
          <h1>This link no longer works</h1>
          <p>Invitation links work once and for 7 days. Ask your physio to send you a new one.</p>
          <ButtonLink to="/login" variant="secondary">
            Go to sign in
          </ButtonLink>
        </Card>
      </Page>
    );
  }
  return (
    <Page narrow>
      <div className="stack">
        <Card>
          <h1>Welcome, {invite.name}</h1>
          <p>
            Choose a password for <strong>{invite.email}</strong>. You will use it to sign in to your rehab plan.
          </p>
          <FormError message={actionData?.formError} />
          <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
            <TextField
              form={form}
              name="password"
              label="New password"
              type="password"
              autoComplete="new-password"
              hint="At least 10 characters."
            />
            <TextField
              form={form}
              name="confirmPassword"
              label="Type it again"
              type="password"
              autoComplete="new-password"
            />
            <Button type="submit" block>
              Set password and continue
            </Button>
          </Form>
        </Card>
        <Card title="Rather not have a password?">
          <p>
            Go on without one. Whenever you want to sign in, ask for a one-time sign-in link on the sign-in page and we
            email it to {invite.email}.
          </p>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="join-without-password" />
            <Button type="submit" variant="secondary" block>
              Continue without a password
            </Button>
          </Form>
        </Card>
      </div>
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
