import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { Page } from "./ui/layout.tsx";

const MESSAGES: Record<number, { title: string; body: string }> = {
  400: { title: "That request didn't look right", body: "Please go back and try again." },
  403: { title: "You don't have access to this page", body: "It belongs to another area of Stagewise." },
  404: { title: "We couldn't find that", body: "It may have been moved, or it isn't yours to see." },
  405: { title: "That action isn't available here", body: "Please go back and try again." },
};

/**
 * A 4xx's own words ("Patient not found"), when the response carries them as `{ message }` (clientError() and
 * notFound() do). Plain text bodies are not shown: the router's own 404 carries its internal error there. A 5xx
 * never shows its details.
 */
function clientErrorMessage(error: unknown): string | undefined {
  if (!isRouteErrorResponse(error) || error.status < 400 || error.status > 499) return undefined;
  const data: unknown = error.data;
  if (typeof data !== "object" || data === null || !("message" in data)) return undefined;
  return typeof data.message === "string" && data.message.trim() !== "" ? data.message : undefined;
}

const SERVER_ERROR = {
  title: "Something went wrong on our side",
  body: "Nothing you entered was lost from the server. Please try again in a moment.",
};

/** Every route exports this, so an error replaces only the part of the page that failed. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const ownMessage = clientErrorMessage(error);
  const { title, body } = MESSAGES[status] ?? (ownMessage ? MESSAGES[400]! : SERVER_ERROR);
  return (
    <Page narrow>
      <div className="card" role="alert">
        <h1>{ownMessage ?? title}</h1>
        <p>{body}</p>
        <p className="muted small">Error {status}</p>
        <Link to="/">Go to the start page</Link>
      </div>
    </Page>
  );
}
