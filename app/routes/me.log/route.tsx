import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { EmptyState, Notice, Page, PageHeader } from "~/components/ui/layout.tsx";
import { isValidLocalDate } from "~/engine/dates.ts";
import { CheckInSchema, DailyLogSchema, logDayRefusalMessage } from "~/schemas/daily-log.ts";
import { saveCheckIn, saveDailyLog } from "~/services/daily-log.server.ts";
import { logFormView } from "~/services/patient-today.server.ts";
import { requirePatient } from "~/utils/auth.server.ts";
import { formatDate, todayIn } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";
import { formDataToObject, parseForm, readForm, type FormFailure } from "~/utils/forms.ts";
import { notFound } from "~/utils/responses.ts";
import { LogForm } from "./log-form.tsx";

export const meta: MetaFunction = () => [{ title: "Log today · Stagewise" }];

function requestedDate(request: Request, timeZone: string): string {
  const date = new URL(request.url).searchParams.get("date");
  if (date === null) return todayIn(timeZone);
  // A real calendar day only: Date.parse would roll 2026-02-30 over to 2 March.
  if (!isValidLocalDate(date)) throw notFound("Day not found");
  return date;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const patient = await requirePatient(request);
  const date = requestedDate(request, patient.time_zone);
  return { view: await logFormView(getDb(), patient, date) };
}

/** What a post can be: the whole day's log, or the morning check-in alone (from Today). Anything else is a log. */
export const ME_LOG_INTENTS = ["log", "checkin"] as const;

export async function action({ request }: ActionFunctionArgs) {
  const patient = await requirePatient(request);
  const formData = await readForm(request);
  const intent: (typeof ME_LOG_INTENTS)[number] = formData.get("intent") === "checkin" ? "checkin" : "log";
  const invalid = (failure: FormFailure) =>
    data(
      {
        ok: false as const,
        fieldErrors: failure.fieldErrors,
        formError: "Some answers need a look — see the marked questions.",
        values: failure.values,
        stale: false,
      },
      { status: 400 },
    );
  // Each intent is parsed with its own schema, so each save gets its own typed input.
  let result;
  if (intent === "checkin") {
    const parsed = parseForm(CheckInSchema, formData);
    if (!parsed.ok) return invalid(parsed);
    result = await saveCheckIn(getDb(), patient, parsed.data);
  } else {
    const parsed = parseForm(DailyLogSchema, formData);
    if (!parsed.ok) return invalid(parsed);
    result = await saveDailyLog(getDb(), patient, parsed.data);
  }
  if (!result.ok) {
    if (result.status === 404) throw notFound("Plan not found");
    // What was typed comes back; after a stale-form refusal the form carries the log's version as it is now, so the
    // next save replaces that log on purpose.
    const values = formDataToObject(formData);
    return data(
      {
        ok: false as const,
        fieldErrors: result.fieldErrors,
        formError: result.formError ?? "",
        values: result.status === 409 ? { ...values, openedVersion: result.openedVersion } : values,
        stale: result.status === 409,
      },
      { status: result.status },
    );
  }
  const params = new URLSearchParams({
    date: result.date,
    ...(result.decisionId ? { decision: result.decisionId } : {}),
    ...(intent === "checkin" ? { checkin: "1" } : {}),
  });
  // Post/Redirect/Get: a refresh of the answer page never posts the log again.
  return redirect(`/me/log/saved?${params}`);
}

export default function DailyLogPage() {
  const { view } = useLoaderData<typeof loader>();
  if (!view) {
    return (
      <Page narrow>
        <PageHeader title="Log today" />
        <EmptyState title="Your plan isn't set up yet">
          Once your physio adds your exercises you can log them here.
        </EmptyState>
      </Page>
    );
  }
  if (view.refusal) {
    return (
      <Page narrow>
        <PageHeader title={`Log for ${formatDate(view.date)}`} />
        <Notice tone="warning">{logDayRefusalMessage(view.refusal, view.planStart)}</Notice>
        <p>
          <Link to="/me/log">Log today</Link> · <Link to="/me/history">Your history</Link>
        </p>
      </Page>
    );
  }
  return <LogForm view={view} />;
}

export const ErrorBoundary = RouteErrorBoundary;
