import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { TextField } from "~/components/forms/fields.tsx";
import { FormError } from "~/components/forms/form-error.tsx";
import { useSchemaForm } from "~/components/forms/use-schema-form.ts";
import { BrandMark } from "~/components/app-shell.tsx";
import { Button, ButtonLink } from "~/components/ui/button.tsx";
import { Page } from "~/components/ui/layout.tsx";
import { LoginSchema } from "~/schemas/auth.ts";
import { signIn } from "~/services/sign-in.server.ts";
import { getOptionalUser, homeFor, safeRedirect, startUserSession } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { parseForm, readForm } from "~/utils/forms.ts";

export const meta: MetaFunction = () => [{ title: "Sign in · Stagewise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homeFor(user.role));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(LoginSchema, await readForm(request));
  if (!parsed.ok) return data({ ...parsed, formError: undefined as string | undefined }, { status: 400 });

  const { email, password, redirectTo } = parsed.data;
  const result = await signIn(getDb(), { email, password, clientAddress: context?.clientAddress ?? "unknown" });
  if (!result.ok) {
    const wait = result.reason === "invalid" ? 0 : result.retryAfterSeconds;
    const formError =
      result.reason === "invalid"
        ? "The email or password is not right. Check them and try again."
        : result.reason === "busy"
          ? "We are checking a lot of sign-ins right now. Try again in a moment."
          : `Too many attempts. For your security, wait ${describeWait(wait)} before trying again.`;
    const status = result.reason === "invalid" ? 400 : result.reason === "busy" ? 503 : 429;
    return data(
      { ok: false as const, fieldErrors: {}, formError, values: { email, password: "", redirectTo } },
      { status, headers: wait ? { "Retry-After": String(wait) } : undefined },
    );
  }
  return startUserSession(result.userId, safeRedirect(redirectTo, homeFor(result.role)));
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const form = useSchemaForm(LoginSchema, {
    defaultValues: { email: "", password: "", redirectTo, ...(actionData?.values ?? {}) },
    serverErrors: actionData?.fieldErrors,
  });

  return (
    <Page narrow>
      <div className="stack" style={{ marginTop: "var(--space-6)" }}>
        <p className="brand">
          <BrandMark /> Stagewise
        </p>
        <div className="card">
          <h1>Sign in</h1>
          <FormError message={actionData?.formError} />
          <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
            <input type="hidden" {...form.register("redirectTo")} defaultValue={redirectTo} />
            <TextField form={form} name="email" label="Email" type="email" autoComplete="username" inputMode="email" />
            <TextField form={form} name="password" label="Password" type="password" autoComplete="current-password" />
            <Button type="submit" block disabled={navigation.state === "submitting"}>
              {navigation.state === "submitting" ? "Signing in…" : "Sign in"}
            </Button>
          </Form>
        </div>
        <div className="card stack">
          <h2>No password?</h2>
          <p>Patients can sign in with a one-time link sent to their email instead.</p>
          <ButtonLink to="/login/link" variant="secondary" block>
            Email me a sign-in link
          </ButtonLink>
        </div>
      </div>
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
