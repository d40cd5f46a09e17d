import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { QUESTIONNAIRE_KINDS, QUESTIONNAIRE_TITLES } from "~/content/questionnaires.ts";
import { Page, PageHeader } from "~/components/ui/layout.tsx";
import { requirePatient } from "~/utils/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "Questionnaires · Stagewise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePatient(request);
  return null;
}

export default function QuestionnairesIndex() {
  return (
    <Page narrow>
      <PageHeader title="Questionnaires and tests" lede="Your physio may ask you to fill these in now and then." />
      <ul className="list">
        {QUESTIONNAIRE_KINDS.map((kind) => (
          <li key={kind} className="list__item">
            <Link to={`/me/questionnaires/${kind}`}>{QUESTIONNAIRE_TITLES[kind]}</Link>
          </li>
        ))}
        <li className="list__item">
          <Link to="/me/tests">Self-tests (e.g. single-leg heel raises)</Link>
        </li>
      </ul>
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
