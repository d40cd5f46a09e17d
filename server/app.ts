import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
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
  app.use(express.static("public", { maxAge: "1h" }));
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
