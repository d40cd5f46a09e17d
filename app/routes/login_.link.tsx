import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { BrandMark } from "~/components/app-shell.tsx";
import { SIGN_IN_LINK_VALID_MINUTES } from "~/content/sign-in-link.ts";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { TextField } from "~/components/forms/fields.tsx";
import { FormError } from "~/components/forms/form-error.tsx";
import { useSchemaForm } from "~/components/forms/use-schema-form.ts";
import { Button } from "~/components/ui/button.tsx";
import { Notice, Page } from "~/components/ui/layout.tsx";
import { SignInLinkRequestSchema } from "~/schemas/auth.ts";
import { requestSignInLink } from "~/services/sign-in-link.server.ts";
import { getOptionalUser, homeFor } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { parseForm, readForm } from "~/utils/forms.ts";

export const meta: MetaFunction = () => [{ title: "Get a sign-in link · Stagewise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homeFor(user.role));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(SignInLinkRequestSchema, await readForm(request));
  if (!parsed.ok) return data({ ...parsed, sentTo: undefined as string | undefined }, { status: 400 });
  const { email } = parsed.data;
  const result = await requestSignInLink(getDb(), {
    email,
    clientAddress: context?.clientAddress ?? "unknown",
    origin: new URL(request.url).origin,
  });
  if (!result.ok) {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    return data(
      {
        ok: false as const,
        fieldErrors: {},
        formError: `Too many sign-in links were asked for. For your security, wait ${minutes} minutes and try again.`,
        values: { email },
        sentTo: undefined,
      },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  // The same answer whether or not the address belongs to anyone: it must not tell a stranger who is a patient.
  return { ok: true as const, fieldErrors: {}, formError: undefined, values: { email }, sentTo: email };
}

export default function SignInLinkPage() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const form = useSchemaForm(SignInLinkRequestSchema, {
    defaultValues: { email: String(actionData?.values?.email ?? "") },
    serverErrors: actionData?.fieldErrors,
  });

  return (
    <Page narrow>
      <div className="stack" style={{ marginTop: "var(--space-6)" }}>
        <p className="brand">
          <BrandMark /> Stagewise
        </p>
        <div className="card">
          <h1>Get a sign-in link</h1>
          {actionData?.sentTo ? (
            <Notice tone="success">
              If {actionData.sentTo} belongs to a Stagewise patient, a sign-in link is on its way. Open it on this phone
              or computer within {SIGN_IN_LINK_VALID_MINUTES} minutes. It works once.
            </Notice>
          ) : (
            <p>
              We email you a link that signs you in without a password. It works once and for{" "}
              {SIGN_IN_LINK_VALID_MINUTES} minutes.
            </p>
          )}
          <FormError message={actionData?.formError} />
          <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
            <TextField form={form} name="email" label="Email" type="email" autoComplete="email" inputMode="email" />
            <Button type="submit" block disabled={navigation.state === "submitting"}>
              {actionData?.sentTo ? "Send another link" : "Email me a sign-in link"}
            </Button>
          </Form>
        </div>
        <p className="muted small">
          Have a password? <Link to="/login">Sign in with your password</Link>.
        </p>
      </div>
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
