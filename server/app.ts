import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { existsSync, readdirSync } from "node:fs";
import compression from "compression";
import express from "express";
import { cspNonce, limitRequestBody, sameOriginMutations, securityHeaders } from "./security.ts";

/** The HTTP app: static assets, then every other request to Remix. */
export function createHttpApp(build: ServerBuild, assetsDir = "public/build") {
  const app = express();
  app.disable("x-powered-by");
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
        clientAddress: req.socket.remoteAddress ?? "unknown",
        cspNonce: String(res.locals.cspNonce ?? ""),
      }),
    }),
  );
  return app;
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
