import type { ReactNode } from "react";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { TextField } from "~/components/forms/fields.tsx";
import { useSchemaForm } from "~/components/forms/use-schema-form.ts";
import { Button } from "~/components/ui/button.tsx";
import { Card, Notice, Page, PageHeader } from "~/components/ui/layout.tsx";
import { ChangePasswordSchema } from "~/schemas/auth.ts";
import type { FieldErrors } from "~/utils/forms.ts";

type ActionData = { ok: false; fieldErrors: FieldErrors } | undefined;

/** The account page of both areas: who you are, and a password change that signs out every other device. */
export function AccountPage({ name, email, children }: { name: string; email: string; children?: ReactNode }) {
  const actionData = useActionData() as ActionData;
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const form = useSchemaForm(ChangePasswordSchema, {
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    serverErrors: actionData?.fieldErrors,
  });
  return (
    <Page narrow>
      <PageHeader title="Your account" lede={`${name} · ${email}`} />
      {params.get("changed") ? (
        <Notice tone="success">
          Your password is changed. Every other device you were signed in on has been signed out.
        </Notice>
      ) : null}
      <Card title="Change your password">
        <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
          <TextField
            form={form}
            name="currentPassword"
            label="Current password"
            type="password"
            autoComplete="current-password"
          />
          <TextField
            form={form}
            name="newPassword"
            label="New password"
            type="password"
            autoComplete="new-password"
            hint="At least 10 characters."
          />
          <TextField
            form={form}
            name="confirmPassword"
            label="Type the new password again"
            type="password"
            autoComplete="new-password"
          />
          <Button type="submit" disabled={navigation.state === "submitting"}>
            Change password
          </Button>
        </Form>
      </Card>
      {children}
    </Page>
  );
}
