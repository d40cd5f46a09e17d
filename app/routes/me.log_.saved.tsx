import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { isValidLocalDate } from "~/engine/dates.ts";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { ButtonLink } from "~/components/ui/button.tsx";
import { Card, Notice, Page, PageHeader } from "~/components/ui/layout.tsx";
import { savedView } from "~/services/patient-answer.server.ts";
import { requirePatient } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { notFound } from "~/utils/responses.ts";

export const meta: MetaFunction = () => [{ title: "Saved · Stagewise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const patient = await requirePatient(request);
  const url = new URL(request.url);
  const date = url.searchParams.get("date") ?? "";
  if (!isValidLocalDate(date)) throw notFound("Log not found");
  const view = await savedView(getDb(), patient, date, url.searchParams.get("decision"));
  // Another patient's decision, or a day without a log, looks exactly like something that doesn't exist.
  if (!view) throw notFound("Log not found");
  return { view, checkIn: url.searchParams.get("checkin") === "1" };
}

export default function LogSavedPage() {
  const { view, checkIn } = useLoaderData<typeof loader>();
  const what = checkIn ? "Morning check-in saved" : view.edited ? "Log updated" : "Log saved";
  return (
    <Page narrow>
      <PageHeader title={`${what}${view.isToday ? "" : ` for ${view.dateLabel}`}`} />
      {view.answer ? (
        <section className={`answer answer--${view.answer.tone}`} aria-labelledby="answer-headline">
          <h2 id="answer-headline" className="answer__headline">
            {view.answer.headline}
          </h2>
          {view.answer.reasons.length > 0 ? (
            <ul className="answer__reasons">
              {view.answer.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ) : null}
          {view.answer.advice ? <p>{view.answer.advice}</p> : null}
          <p className="answer__summary">{view.answer.summary}</p>
        </section>
      ) : (
        <Notice tone="info">
          Your plan is paused, so nothing changes for now. Your physio can see what you logged.
        </Notice>
      )}
      <Card title="Saved">
        <ul className="recorded">
          {view.recorded.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p className="small muted">
          Made a mistake? <Link to={`/me/log?date=${view.date}`}>Change this log</Link>.
        </p>
      </Card>
      <div className="stack answer-actions">
        <ButtonLink to="/me/progress" block>
          See your next goals
        </ButtonLink>
        <ButtonLink to="/me" variant="secondary" block>
          Back to today
        </ButtonLink>
      </div>
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
