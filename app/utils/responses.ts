/**
 * A 4xx to throw from a loader or action with words a person can read: `throw notFound("Patient not found")`. The
 * message travels as `{ message }` so the route's error boundary shows it (RouteErrorBoundary). Messages are fixed
 * words: the same whether a thing is missing or belongs to someone else, never naming what was asked for.
 */
export function clientError(status: 400 | 403 | 404 | 409, message: string): Response {
  return Response.json({ message }, { status, statusText: STATUS_TEXT[status] });
}

const STATUS_TEXT = { 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 409: "Conflict" } as const;

export function notFound(message = "Not found"): Response {
  return clientError(404, message);
}
