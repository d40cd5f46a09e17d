import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { ExerciseList } from "~/components/patient/exercise-list.tsx";
import { Button, ButtonLink } from "~/components/ui/button.tsx";
import { Badge, Card, EmptyState, Notice, Page, PageHeader } from "~/components/ui/layout.tsx";
import { unreadForPatient } from "~/services/message.server.ts";
import { todayView } from "~/services/patient-today.server.ts";
import { questionnairesDueForPatient } from "~/services/questionnaire-schedule.server.ts";
import { requirePatient } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";

export const meta: MetaFunction = () => [{ title: "Today · Stagewise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const patient = await requirePatient(request);
  const db = getDb();
  const [view, unreadMessages, questionnairesDue] = await Promise.all([
    todayView(db, patient),
    unreadForPatient(db, patient),
    questionnairesDueForPatient(db, patient),
  ]);
  return { name: patient.name, view, unreadMessages, questionnairesDue };
}

const daysText = (days: number) => (days === 1 ? "1 day" : `${days} days`);

const ZERO_TO_TEN = Array.from({ length: 11 }, (_, v) => v);

export default function PatientToday() {
  const { name, view, unreadMessages, questionnairesDue } = useLoaderData<typeof loader>();
  const firstName = name.split(" ")[0];
  if (!view) {
    return (
      <Page narrow>
        <PageHeader title={`Hello, ${firstName}`} />
        <EmptyState title="Your plan isn't set up yet">
          Your physio will add your exercises soon. You'll see them here.
        </EmptyState>
      </Page>
    );
  }
  const day = view.trainingDay;
  return (
    <Page narrow>
      <PageHeader title={`Hello, ${firstName}`} lede={formatDate(view.today)} />
      <div className="stack">
        {view.goal.text || view.goal.activity ? (
          <p className="goal">
            <span className="goal__label">Your goal</span> {view.goal.text ?? view.goal.activity}
            {view.goal.targetDate ? <span className="muted"> — by {formatDate(view.goal.targetDate)}</span> : null}
          </p>
        ) : null}

        {view.status === "paused" ? (
          <Notice tone="info">Your plan is paused for now. You can still log how you feel.</Notice>
        ) : null}

        {unreadMessages > 0 ? (
          <Notice tone="info">
            <Link to="/me/messages">
              {unreadMessages === 1
                ? "Your physio sent you a message"
                : `Your physio sent you ${unreadMessages} messages`}
            </Link>
          </Notice>
        ) : null}

        <QuestionnairesDue due={questionnairesDue} />

        {!view.checkInDone ? <CheckIn date={view.today} /> : null}

        <Card title={`Stage ${view.stageNumber} of ${view.stageCount}: ${view.stageName}`}>
          <p className="muted small">
            In this stage since {formatDate(view.stageEnteredOn)} ({daysText(view.daysInStage)})
          </p>
          <p className="stage-goal">{view.stageGoal}</p>
          <p>{view.instructions}</p>
        </Card>

        <Card
          title={
            <span className="row">
              Today's exercises
              <Badge tone={day.kind === "rest" ? "info" : "success"}>
                {day.kind === "rest" ? "Rest day" : day.kind === "done" ? "Done today" : "Training day"}
              </Badge>
            </span>
          }
        >
          <p className="muted small">{day.reason}</p>
          <ExerciseList
            exercises={view.exercises}
            run={view.run}
            involvedSide={view.involvedSide}
            notes={view.prescriptionNotes}
          />
        </Card>

        <ButtonLink to="/me/log" block>
          {view.sessionLogged ? "Change today's log" : "Log today"}
        </ButtonLink>

        {view.latestSummary ? (
          <Card title="Where you are">
            <p>{view.latestSummary}</p>
            <a href="/me/progress">See your next goals</a>
          </Card>
        ) : null}
      </div>
    </Page>
  );
}

/** "Due: VISA-A questionnaire (about 3 minutes)", each a link to its form; an overdue one says so first. */
function QuestionnairesDue({ due }: { due: Array<{ kind: string; name: string; minutes: number; overdue: boolean }> }) {
  if (due.length === 0) return null;
  return (
    <Notice tone={due.some((q) => q.overdue) ? "warning" : "info"}>
      <ul className="due-list">
        {due.map((q) => (
          <li key={q.kind}>
            <strong>{q.overdue ? "Overdue:" : "Due:"}</strong>{" "}
            <Link to={`/me/questionnaires/${q.kind}`}>{q.name} questionnaire</Link>{" "}
            <span className="small">(about {q.minutes} minutes)</span>
          </li>
        ))}
      </ul>
    </Notice>
  );
}

/** Two taps and a button: the morning numbers that tell the plan how yesterday's load went down. Plain HTML form. */
function CheckIn({ date }: { date: string }) {
  return (
    <section className="card checkin" aria-labelledby="checkin-title">
      <h2 id="checkin-title" className="card__title">
        Good morning — how is it on waking?
      </h2>
      <Form method="post" action={`/me/log?date=${date}`} className="form">
        <input type="hidden" name="intent" value="checkin" />
        <input type="hidden" name="date" value={date} />
        <Scale name="morningPain" legend="Pain on waking" high="worst" />
        <Scale name="morningStiffness" legend="Stiffness on waking" high="very stiff" />
        <Button type="submit" variant="secondary" block>
          Save check-in
        </Button>
      </Form>
    </section>
  );
}

function Scale({ name, legend, high }: { name: string; legend: string; high: string }) {
  return (
    <fieldset className="field choice">
      <legend className="field__label">{legend}</legend>
      <p className="field__hint">0 = none, 10 = {high}.</p>
      <div className="choice__options">
        {ZERO_TO_TEN.map((v) => (
          <label key={v} className="choice__option">
            <input type="radio" name={name} value={v} required />
            <span>{v}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
