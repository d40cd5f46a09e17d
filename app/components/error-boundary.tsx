import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { Page } from "./ui/layout.tsx";

const MESSAGES: Record<number, { title: string; body: string }> = {
  400: { title: "That request didn't look right", body: "Please go back and try again." },
  403: { title: "You don't have access to this page", body: "It belongs to another area of Stagewise." },
  404: { title: "We couldn't find that", body: "It may have been moved, or it isn't yours to see." },
  405: { title: "That action isn't available here", body: "Please go back and try again." },
};

/** Every route exports this, so an error replaces only the part of the page that failed. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = MESSAGES[status] ?? {
    title: "Something went wrong on our side",
    body: "Nothing you entered was lost from the server. Please try again in a moment.",
  };
  return (
    <Page narrow>
      <div className="card" role="alert">
        <h1>{message.title}</h1>
        <p>{message.body}</p>
        <p className="muted small">Error {status}</p>
        <Link to="/">Go to the start page</Link>
      </div>
    </Page>
  );
}
