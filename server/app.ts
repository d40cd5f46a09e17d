import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { existsSync, readdirSync } from "node:fs";
import compression from "compression";
import express from "express";
import { getEnv, parseTrustProxy } from "~/utils/env.server.ts";
import { cspNonce, limitRequestBody, sameOriginMutations, securityHeaders } from "./security.ts";

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
  // Fingerprinted build assets never change: cache for a year.
  app.use("/build", express.static(assetsDir, { immutable: true, maxAge: "1y" }));
  app.use(publicFiles("public"));
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
