/**
 * The one 404 of every loader and action: `throw notFound("Patient not found")`. The message travels as
 * `{ message }` so the route's error boundary can show it (RouteErrorBoundary); it is the same fixed words whether the
 * thing is missing or belongs to someone else, and never names what was asked for.
 */
export function notFound(message = "Not found"): Response {
  return Response.json({ message }, { status: 404, statusText: "Not Found" });
}
