import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { chartLinks, TimeSeriesChart } from "~/components/charts/index.ts";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { GateChecklist } from "~/components/patient/checklist.tsx";
import { Card, EmptyState, Notice, Page, PageHeader } from "~/components/ui/layout.tsx";
import { progressView } from "~/services/patient-progress.server.ts";
import { requirePatient } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";

export const meta: MetaFunction = () => [{ title: "Progress · Stagewise" }];
export const links: LinksFunction = () => [...chartLinks];

export async function loader({ request }: LoaderFunctionArgs) {
  const patient = await requirePatient(request);
  return { view: await progressView(getDb(), patient) };
}

export default function ProgressPage() {
  const { view } = useLoaderData<typeof loader>();
  if (!view) {
    return (
      <Page narrow>
        <PageHeader title="Your progress" />
        <EmptyState title="Your plan isn't set up yet">Your physio will add your plan soon.</EmptyState>
      </Page>
    );
  }
  return (
    <Page narrow>
      <PageHeader title="Your progress" lede={`Stage ${view.stageNumber} of ${view.stageCount}: ${view.stageName}`} />
      <div className="stack">
        <Card title="Your stages">
          <ol className="stage-path">
            {view.stages.map((s, i) => (
              <li
                key={s.id}
                className={`stage-path__item stage-path__item--${s.state}`}
                aria-current={s.state === "current" ? "step" : undefined}
              >
                <span className="stage-path__dot" aria-hidden="true">
                  {s.state === "done" ? "✓" : i + 1}
                </span>
                <span className="stage-path__name">
                  {s.name}
                  {s.state === "current" ? (
                    <span className="checklist__detail">
                      You are here, since {formatDate(view.stageEnteredOn)} ({view.daysInStage}{" "}
                      {view.daysInStage === 1 ? "day" : "days"})
                    </span>
                  ) : null}
                </span>
              </li>
            ))}
          </ol>
        </Card>

        {view.awaitingMove ? (
          <Notice tone="success">
            You have met this stage's goals. Your physio will confirm the move to "{view.awaitingMove}".
          </Notice>
        ) : null}

        <Card title={view.isLastStage ? "To finish your plan" : "To move to the next stage"}>
          <p className="muted small">
            {view.metCount} of {view.gates.length} done.
          </p>
          {view.gates.length > 0 ? <GateChecklist items={view.gates} /> : <p>Your physio decides when you move on.</p>}
          <p className="small">{view.summary}</p>
          <p className="small">
            <Link to="/me/questionnaires">Questionnaires and self-tests</Link>
          </p>
        </Card>

        {view.loads.length > 0 ? (
          <Card title="Your loads in this stage">
            <ul>
              {view.loads.map((l) => (
                <li key={l.name}>
                  <strong>{l.name}</strong>: {l.from === l.to ? `${l.to} kg` : `from ${l.from} to ${l.to} kg`}
                </li>
              ))}
            </ul>
          </Card>
        ) : null}

        <Card title="Sessions done">
          <AdherenceFigure adherence={view.adherence} />
        </Card>

        <Card title="Pain, last 4 weeks">
          <TimeSeriesChart
            title="Pain during and after sessions, and on waking, 0–10"
            from={view.from}
            to={view.today}
            yDomain={[0, 10]}
            yLabel="Pain 0–10"
            series={[
              { id: "during", label: "During", points: view.pain.during, tone: "primary" },
              { id: "after", label: "After", points: view.pain.after, tone: "secondary", dashed: true },
              { id: "morning", label: "On waking", points: view.pain.morning, tone: "muted" },
            ]}
            thresholds={
              view.pain.limit !== null ? [{ value: view.pain.limit, label: "Your plan's limit", tone: "danger" }] : []
            }
            emptyText="No logs yet. Your pain shows here once you log."
          />
        </Card>

        {view.load ? (
          <Card title="Training load, last 4 weeks">
            <TimeSeriesChart
              title="Daily training load (effort × minutes)"
              from={view.from}
              to={view.today}
              yLabel="Load"
              series={[{ id: "load", label: "Daily load", points: view.load.daily, tone: "tertiary", maxGapDays: 40 }]}
              emptyText="No sessions with effort and minutes logged yet."
            />
            <p className="muted small">
              Load is how hard (0–10) times how long, including your other activities. Last 7 days:{" "}
              {Math.round(view.load.acute)}.
            </p>
          </Card>
        ) : null}
      </div>
    </Page>
  );
}

type Adherence = NonNullable<Awaited<ReturnType<typeof progressView>>>["adherence"];

/** The share of planned sessions done, as the stage's adherence gate counts it (docs/decisions/030). */
function AdherenceFigure({ adherence: a }: { adherence: Adherence }) {
  const period = a.since
    ? `in the ${a.days} day${a.days === 1 ? "" : "s"} since this ${a.since} began`
    : `in the last ${a.days} days`;
  if (a.percent === null) return <p>Nothing logged {period} yet.</p>;
  const credit =
    a.partialCredit === 0.5
      ? "each counts as half a session"
      : a.partialCredit === 0
        ? "not counted"
        : `each counts as ${Math.round(a.partialCredit * 100)}% of a session`;
  return (
    <>
      <p>
        <span className="adherence">{a.percent}%</span> of planned sessions {period}
      </p>
      <p className="muted small">
        {a.done} done{a.partial ? `, ${a.partial} partly (${credit})` : ""}. Your plan asks for{" "}
        {a.perWeek === 7 ? "a session every day" : `${a.perWeek} sessions a week`}.
        {a.todayPending ? " Today counts once you log today's session." : ""}
      </p>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
