import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { ButtonLink } from "~/components/ui/button.tsx";
import { Badge, EmptyState, Page, PageHeader } from "~/components/ui/layout.tsx";
import { historyView } from "~/services/patient-history.server.ts";
import { requirePatient } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";

export const meta: MetaFunction = () => [{ title: "History · Stagewise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const patient = await requirePatient(request);
  return { view: await historyView(getDb(), patient) };
}

const SESSION = {
  done: { label: "Session done", tone: "success" },
  partial: { label: "Partly done", tone: "warning" },
  none: { label: "No session", tone: "info" },
} as const;

export default function HistoryPage() {
  const { view } = useLoaderData<typeof loader>();
  if (!view) {
    return (
      <Page narrow>
        <PageHeader title="Your history" />
        <EmptyState title="Your plan isn't set up yet">Your logs will show here.</EmptyState>
      </Page>
    );
  }
  return (
    <Page narrow>
      <PageHeader
        title="Your history"
        lede={`You can change a log on the day and for ${view.editWindowDays} days after. Your physio sees that it was changed.`}
      />
      {view.logs.length === 0 ? (
        <EmptyState title="No logs yet" action={<ButtonLink to="/me/log">Log today</ButtonLink>} />
      ) : (
        <ol className="list">
          {view.logs.map((log) => {
            const session = SESSION[log.sessionDone];
            const numbers = [
              log.morningPain !== null ? `Waking ${log.morningPain}/10` : null,
              log.painDuring !== null ? `During ${log.painDuring}/10` : null,
              log.painAfter !== null ? `After ${log.painAfter}/10` : null,
              log.sessionRpe !== null ? `Effort ${log.sessionRpe}/10` : null,
              log.sessionMinutes !== null ? `${log.sessionMinutes} min` : null,
              log.runningMinutes ? `Ran ${log.runningMinutes} min` : null,
            ].filter(Boolean);
            return (
              <li key={log.date} className="list__item history-item">
                <div className="history-item__head">
                  <span className="history-item__date">{log.date === view.today ? "Today" : formatDate(log.date)}</span>
                  <Badge tone={session.tone}>{session.label}</Badge>
                </div>
                {numbers.length ? <span>{numbers.join(" · ")}</span> : null}
                {log.notes ? <span className="muted small">“{log.notes}”</span> : null}
                <span className="small muted">
                  {log.editCount > 0 ? `Changed ${log.editCount === 1 ? "once" : `${log.editCount} times`}. ` : ""}
                  {log.editable ? (
                    <Link to={`/me/log?date=${log.date}`} aria-label={`Change the log for ${formatDate(log.date)}`}>
                      Change
                    </Link>
                  ) : (
                    "Can no longer be changed."
                  )}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
