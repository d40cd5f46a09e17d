import type { ServerBuild } from "@remix-run/node";

/**
 * A minimal Remix server build for testing the HTTP layer (server/app.ts) without `remix build`: resource routes
 * only, each answering JSON. `/ip` echoes the load context; POST /login reads the whole body; the others stand in for pages with and without patient
 * data, one of them trying to set its own Cache-Control.
 */
const json =
  (body: unknown, headers: Record<string, string> = {}) =>
  () =>
    Response.json(body, { headers });

const routes: Record<string, { path: string; loader: unknown; action?: unknown }> = {
  "routes/ip": { path: "ip", loader: ({ context }: { context: unknown }) => Response.json(context) },
  "routes/clinic": { path: "clinic/patients", loader: json({ patient: "data" }, { "Cache-Control": "max-age=600" }) },
  "routes/me": { path: "me/export/csv", loader: json({ patient: "data" }) },
  "routes/invite": { path: "invite/:token", loader: json({ name: "someone" }) },
  "routes/login": {
    path: "login",
    loader: json({ form: true }),
    action: async ({ request }: { request: Request }) => Response.json({ received: await request.text() }),
  },
};

export const echoBuild = {
  mode: "production",
  future: {},
  basename: "/",
  publicPath: "/build/",
  assetsBuildDirectory: "public/build",
  isSpaMode: false,
  entry: { module: { default: () => new Response("document") } },
  assets: { url: "/build/manifest.js", version: "test", entry: { module: "", imports: [] }, routes: {} },
  routes: {
    root: { id: "root", path: "", module: {} },
    ...Object.fromEntries(
      Object.entries(routes).map(([id, r]) => [
        id,
        { id, parentId: "root", path: r.path, module: { loader: r.loader, action: r.action } },
      ]),
    ),
  },
} as unknown as ServerBuild;
