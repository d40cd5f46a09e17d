import { redirect } from "@remix-run/node";
import { getLiveSessionUser } from "~/models/session.server.ts";
import type { SessionUser } from "~/models/user.server.ts";
import { getDb } from "./db.server.ts";
import { getSession, sessionIdOf, sessionStorage } from "./session.server.ts";
import { clientError } from "./responses.ts";

// A layout and its page both ask who is signed in, in the same moment (Remix runs their loaders together, each with
// its own copy of the Request). Lookups for the same cookie that are in flight together share one; the entry lives
// only until the event loop moves on, so it never outlives the request or a sign-out.
const inFlightUsers = new Map<string, Promise<SessionUser | null>>();

export function getOptionalUser(request: Request): Promise<SessionUser | null> {
  const cookie = request.headers.get("Cookie") ?? "";
  let user = inFlightUsers.get(cookie);
  if (!user) {
    user = lookUpUser(request);
    inFlightUsers.set(cookie, user);
    setImmediate(() => inFlightUsers.delete(cookie));
  }
  return user;
}

async function lookUpUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await sessionIdOf(request);
  if (!sessionId) return null;
  return (await getLiveSessionUser(getDb(), sessionId, new Date().toISOString())) ?? null;
}

function loginRedirect(request: Request): never {
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  throw redirect(`/login?${new URLSearchParams({ redirectTo })}`);
}

/** Any signed-in user; anonymous visitors are sent to sign in and brought back afterwards. */
async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) loginRedirect(request);
  return user;
}

/** The clinician area: patients get 403, not a redirect, so a shared link never looks like a sign-in problem. */
export async function requireClinician(request: Request): Promise<SessionUser & { role: "clinician" }> {
  const user = await requireUser(request);
  if (user.role !== "clinician") {
    throw clientError(403, "This page is for clinicians.");
  }
  return user as SessionUser & { role: "clinician" };
}

/** The patient area: a clinician who follows a /me link lands on their own home instead. */
export async function requirePatient(request: Request): Promise<SessionUser & { role: "patient" }> {
  const user = await requireUser(request);
  if (user.role !== "patient") throw redirect("/clinic");
  return user as SessionUser & { role: "patient" };
}

export function homeFor(role: SessionUser["role"]): string {
  return role === "clinician" ? "/clinic" : "/me";
}

/** Only same-site relative paths: an open redirect would let a phishing link bounce through our sign-in. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

export async function startUserSession(userId: string, redirectTo: string): Promise<Response> {
  const session = await sessionStorage().getSession();
  session.set("userId", userId);
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionStorage().commitSession(session) } });
}

export async function endUserSession(request: Request): Promise<Response> {
  const session = await getSession(request);
  return redirect("/login", { headers: { "Set-Cookie": await sessionStorage().destroySession(session) } });
}
