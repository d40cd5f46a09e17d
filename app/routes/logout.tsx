import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { endUserSession } from "~/utils/auth.server.ts";

// Sign-out is a POST so that a link or prefetch can never end someone's session.
export async function action({ request }: ActionFunctionArgs) {
  return endUserSession(request);
}

export async function loader() {
  return redirect("/");
}

export const ErrorBoundary = RouteErrorBoundary;
