import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { QUESTIONNAIRE_KINDS, QUESTIONNAIRE_TITLES } from "~/content/questionnaires.ts";
import { Badge, Page, PageHeader } from "~/components/ui/layout.tsx";
import { questionnairesDueForPatient } from "~/services/questionnaire-schedule.server.ts";
import { requirePatient } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";

export const meta: MetaFunction = () => [{ title: "Questionnaires · Stagewise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const patient = await requirePatient(request);
  return { due: await questionnairesDueForPatient(getDb(), patient) };
}

export default function QuestionnairesIndex() {
  const { due } = useLoaderData<typeof loader>();
  // The ones your plan asks for now come first (overdue, then due), the rest in their usual order.
  const dueByKind = new Map(due.map((q) => [q.kind, q]));
  const kinds = [...due.map((q) => q.kind), ...QUESTIONNAIRE_KINDS.filter((k) => !dueByKind.has(k))];
  return (
    <Page narrow>
      <PageHeader title="Questionnaires and tests" lede="Your physio may ask you to fill these in now and then." />
      <ul className="list">
        {kinds.map((kind) => {
          const q = dueByKind.get(kind);
          return (
            <li key={kind} className="list__item">
              <Link to={`/me/questionnaires/${kind}`}>{QUESTIONNAIRE_TITLES[kind]}</Link>
              {q ? (
                <p className="small due-note">
                  <Badge tone={q.overdue ? "warning" : "info"}>{q.overdue ? "Overdue" : "Due"}</Badge> asked for on{" "}
                  {formatDate(q.dueOn)} · about {q.minutes} minutes
                </p>
              ) : null}
            </li>
          );
        })}
        <li className="list__item">
          <Link to="/me/tests">Self-tests (e.g. single-leg heel raises)</Link>
        </li>
      </ul>
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
