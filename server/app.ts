import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { existsSync, readdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import compression from "compression";
import express from "express";
import { getEnv, parseTrustProxy } from "~/utils/env.server.ts";
import { clinicPagesInTurn } from "./page-admission.ts";
import { cspNonce, limitRequestBody, noStorePatientData, sameOriginMutations, securityHeaders } from "./security.ts";

/**
 * The HTTP app: static assets, then every other request to Remix. `trustProxy` is the parsed TRUST_PROXY setting
 * (default: trust no proxy, so the client address is the socket's).
 */
export function createHttpApp(
  build: ServerBuild,
  assetsDir = "public/build",
  trustProxy: false | number | string[] = parseTrustProxy(getEnv().TRUST_PROXY),
) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy);
  app.use(compression()); // patients are often on slow mobile connections
  app.use(cspNonce, securityHeaders(process.env.NODE_ENV === "production"), sameOriginMutations, limitRequestBody());
  app.use(noStorePatientData);
  // Fingerprinted build assets never change: cache for a year.
  app.use("/build", express.static(assetsDir, { immutable: true, maxAge: "1y" }));
  app.use(publicFiles("public"));
  app.use(clinicPagesInTurn(CLINIC_PAGES_AT_ONCE));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (req, res) => ({
        clientAddress: clientAddressOf(req),
        cspNonce: String(res.locals.cspNonce ?? ""),
      }),
    }),
  );
  return app;
}

/** Clinicians' pages rendered at once per process (server/page-admission.ts); measured in docs/performance.md. */
export const CLINIC_PAGES_AT_ONCE = 2;

/**
 * How long a client may take to send a request: the headers within 10 s, the whole request (body included) within
 * 20 s, else 408 and the connection is closed. Node checks these every `connectionsCheckingInterval` (30 s by
 * default, which would let a slow client hold a connection for up to 50 s), so we check every second.
 */
export const SERVER_TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 20_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
} as const;

/** The Node HTTP server around the app, with the timeouts above. */
export function createHttpServer(
  app: express.Express,
  timeouts: Partial<Record<keyof typeof SERVER_TIMEOUTS, number>> = {},
): Server {
  const t = { ...SERVER_TIMEOUTS, ...timeouts };
  const server = createServer(
    {
      headersTimeout: t.headersTimeout,
      requestTimeout: t.requestTimeout,
      keepAliveTimeout: t.keepAliveTimeout,
      connectionsCheckingInterval: t.connectionsCheckingInterval,
    },
    app,
  );
  return server;
}

/**
 * The client's address for the sign-in throttle: Express's `req.ip`, which reads X-Forwarded-For only through the
 * proxies `trust proxy` names, and is otherwise the socket's address.
 */
export function clientAddressOf(req: express.Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}

/**
 * Serves the files at the top of public/ (the favicon). Only requests for those reach the static handler: asked of every
 * page request, it would cost a file-system lookup each time.
 */
function publicFiles(dir: string): express.RequestHandler {
  const names = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => `/${e.name}`)
    : [];
  const known = new Set(names);
  const serve = express.static(dir, { maxAge: "1h", index: false });
  return (req, res, next) => (known.has(req.path) ? serve(req, res, next) : next());
}
