import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { TextField } from "~/components/forms/fields.tsx";
import { FormError } from "~/components/forms/form-error.tsx";
import { useSchemaForm } from "~/components/forms/use-schema-form.ts";
import { Button } from "~/components/ui/button.tsx";
import { Card, EmptyState, Notice, Page, PageHeader } from "~/components/ui/layout.tsx";
import { SelfTestsSchema } from "~/schemas/self-tests.ts";
import { selfTestsView } from "~/services/self-test.server.ts";
import { saveSelfTests } from "~/services/self-test.server.ts";
import { requirePatient } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";
import { parseForm, readForm } from "~/utils/forms.ts";
import { notFound } from "~/utils/responses.ts";

export const meta: MetaFunction = () => [{ title: "Self-tests · Stagewise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const patient = await requirePatient(request);
  return selfTestsView(getDb(), patient);
}

export async function action({ request }: ActionFunctionArgs) {
  const patient = await requirePatient(request);
  const parsed = parseForm(SelfTestsSchema, await readForm(request));
  if (!parsed.ok)
    return data({ ok: false as const, fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  const result = await saveSelfTests(getDb(), patient, parsed.data);
  if (!result.ok) {
    if (result.status === 404) throw notFound("Plan not found");
    return data({ ok: false as const, fieldErrors: result.fieldErrors, values: {} }, { status: 400 });
  }
  return redirect("/me/tests?saved=1");
}

const sideLabel = (side: string | null, involved?: string) =>
  side === null ? "Result" : `${side === "left" ? "Left" : "Right"} leg${side === involved ? " (painful side)" : ""}`;

export default function SelfTestsPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const failed = actionData && !actionData.ok ? actionData : null;
  const tests = loaderData.tests ?? [];
  const rows = tests.flatMap((t) => t.sides.map((side) => ({ test: t, side })));
  const form = useSchemaForm(SelfTestsSchema, {
    defaultValues: {
      results: rows.map((r) => ({ measure: r.test.measure, side: r.side ?? "", value: "" })),
      ...(failed?.values ?? {}),
    },
    serverErrors: failed?.fieldErrors,
  });
  const involved = "involvedSide" in loaderData ? loaderData.involvedSide : undefined;

  return (
    <Page narrow>
      <PageHeader
        title="Self-tests"
        lede="Tests your plan asks you to do yourself. Your results count towards your next stage."
      />
      {params.get("saved") && !failed ? <Notice tone="success">Saved. Your progress is updated.</Notice> : null}
      {loaderData.tests === null ? (
        <EmptyState title="Your plan isn't set up yet" />
      ) : tests.length === 0 ? (
        <EmptyState title="No self-tests right now">
          Your current stage doesn't ask for a test you can do yourself. Your physio will test you in the clinic.
        </EmptyState>
      ) : (
        <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
          <FormError message={failed?.fieldErrors.results} />
          {tests.map((test) => (
            <Card key={test.measure} title={test.name}>
              <p className="small">{test.how}</p>
              <div className="grid-numbers">
                {rows.map((row, i) =>
                  row.test.measure === test.measure ? (
                    <div key={i}>
                      <input type="hidden" name={`results.${i}.measure`} value={row.test.measure} />
                      <input type="hidden" name={`results.${i}.side`} value={row.side ?? ""} />
                      <TextField
                        form={form}
                        name={`results.${i}.value`}
                        label={`${sideLabel(row.side, involved)}: ${test.unit}`}
                        type="number"
                        inputMode="numeric"
                        min={0}
                        max={test.max}
                      />
                    </div>
                  ) : null,
                )}
              </div>
            </Card>
          ))}
          <Button type="submit" block disabled={navigation.state === "submitting"}>
            Save results
          </Button>
        </Form>
      )}
      {loaderData.recent.length > 0 ? (
        <Card title="Your recent results">
          <ul className="recorded">
            {loaderData.recent.map((m) => (
              <li key={m.id}>
                {formatDate(m.measured_on)}: {tests.find((t) => t.measure === m.measure)?.name ?? m.measure}
                {m.side ? ` (${m.side})` : ""} — {m.value}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
