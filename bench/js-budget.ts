import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

/**
 * Gzipped JavaScript a browser downloads for a route: the route manifest, the entry, the route chain's modules and
 * their shared chunks.
 */
export async function measureRouteJs(buildDir: string, publicDir: string, routeIds: string[]) {
  const build = (await import(pathToFileURL(path.resolve(buildDir, "index.js")).href)) as {
    assets: {
      url: string;
      entry: { module: string; imports?: string[] };
      routes: Record<string, { module: string; imports?: string[] }>;
    };
  };
  const files = new Set<string>([build.assets.url, build.assets.entry.module, ...(build.assets.entry.imports ?? [])]);
  for (const id of routeIds) {
    const route = build.assets.routes[id];
    if (!route) throw new Error(`route ${id} is not in the build`);
    files.add(route.module);
    for (const f of route.imports ?? []) files.add(f);
  }
  let raw = 0;
  let gzip = 0;
  for (const url of files) {
    const content = readFileSync(path.join(publicDir, url.replace(/^\/build\//, "")));
    raw += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
  }
  return { files: files.size, rawKb: raw / 1024, gzipKb: gzip / 1024 };
}
