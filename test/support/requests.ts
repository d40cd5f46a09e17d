import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { sessionStorage } from "~/utils/session.server.ts";

// Real Requests for calling route loaders and actions directly. Sessions are created through the app's own
// session storage, so a test's cookie is exactly what a browser would carry.
const BASE = "http://localhost";

export async function sessionCookieFor(userId: string): Promise<string> {
  const session = await sessionStorage().getSession();
  session.set("userId", userId);
  const setCookie = await sessionStorage().commitSession(session);
  return setCookie.split(";")[0]!;
}

type RequestOptions = { userId?: string; cookie?: string; headers?: Record<string, string> };

export async function getRequest(pathname: string, options: RequestOptions = {}): Promise<Request> {
  return new Request(BASE + pathname, { headers: await headersFor(options) });
}

export async function postRequest(
  pathname: string,
  form: Record<string, string | number | boolean | undefined | Array<string>>,
  options: RequestOptions = {},
): Promise<Request> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, String(v));
  }
  const headers = await headersFor(options);
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  headers.set("Origin", BASE);
  return new Request(BASE + pathname, { method: "POST", body, headers });
}

async function headersFor(options: RequestOptions): Promise<Headers> {
  const headers = new Headers(options.headers);
  const cookie = options.cookie ?? (options.userId ? await sessionCookieFor(options.userId) : undefined);
  if (cookie) headers.set("Cookie", cookie);
  return headers;
}

/** A route module's loader or action, as the tests call it. */
export type RouteFunction = (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown;

export type RouteResult = {
  status: number;
  // Whatever the route answered (JSON or plain data): the tests probe it directly in over a hundred assertions, so it
  // stays untyped here; `unknown` would mean narrowing in every one of them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
  headers: Headers;
  response?: Response;
};

/**
 * Runs a loader or action and normalises what it returned or threw: a Response (redirects, 403s, 404s),
 * a `data()` result with its status, or plain data (200).
 */
export async function run(
  fn: RouteFunction,
  request: Request,
  params: Record<string, string> = {},
  context: Record<string, unknown> = { clientAddress: "127.0.0.1" },
): Promise<RouteResult> {
  let value: unknown;
  try {
    value = await fn({ request, params, context } as LoaderFunctionArgs & ActionFunctionArgs);
  } catch (thrown) {
    value = thrown;
    if (!(thrown instanceof Response) && !isDataWithInit(thrown)) throw thrown;
  }
  if (value instanceof Response) {
    const text = await value.clone().text();
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: value.status, data, headers: value.headers, response: value };
  }
  if (isDataWithInit(value)) {
    return { status: value.init?.status ?? 200, data: value.data, headers: new Headers(value.init?.headers) };
  }
  return { status: 200, data: value, headers: new Headers() };
}

function isDataWithInit(v: unknown): v is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof v === "object" && v !== null && (v as { type?: string }).type === "DataWithResponseInit";
}
