import { createCookie, createSessionStorage } from "@remix-run/node";
import { deleteSession, getLiveSession, insertSession, updateSessionData } from "~/models/session.server.ts";
import { getDb } from "./db.server.ts";
import { getEnv } from "./env.server.ts";
import { newToken } from "./ids.server.ts";

const SESSION_DAYS = 14;

// Sessions live in the database so sign-out and password changes really end them (a cookie-only session can't be
// revoked); the cookie carries only a signed random id.
function buildCookie() {
  const env = getEnv();
  return createCookie("__stagewise_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: env.NODE_ENV === "production",
    path: "/",
    secrets: [env.SESSION_SECRET],
    maxAge: SESSION_DAYS * 24 * 60 * 60,
  });
}

function buildStorage() {
  return createSessionStorage<{ userId: string }, { flash: string }>({
    cookie: sessionCookie(),
    async createData(data, expires) {
      const id = newToken();
      const userId = data.userId;
      if (!userId) throw new Error("A session needs a user");
      await insertSession(getDb(), {
        id,
        userId,
        data: JSON.stringify(data),
        createdAt: new Date().toISOString(),
        expiresAt: expiryOf(expires),
      });
      return id;
    },
    async readData(id) {
      const row = await getLiveSession(getDb(), id, new Date().toISOString());
      return row ? JSON.parse(row.data) : null;
    },
    async updateData(id, data, expires) {
      await updateSessionData(getDb(), id, JSON.stringify(data), expiryOf(expires));
    },
    async deleteData(id) {
      await deleteSession(getDb(), id);
    },
  });
}

function expiryOf(expires: Date | undefined): string {
  return (expires ?? new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60 * 1000)).toISOString();
}

let cookie: ReturnType<typeof buildCookie> | undefined;
function sessionCookie() {
  cookie ??= buildCookie();
  return cookie;
}

/** The session id carried by the request's signed cookie, or null (missing, tampered with, or signed with another secret). */
export async function sessionIdOf(request: Request): Promise<string | null> {
  const id: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof id === "string" && id.length > 0 ? id : null;
}

let storage: ReturnType<typeof buildStorage> | undefined;
export function sessionStorage() {
  storage ??= buildStorage();
  return storage;
}

export async function getSession(request: Request) {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}
