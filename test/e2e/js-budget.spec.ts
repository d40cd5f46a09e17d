import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test } from "@playwright/test";
import { measureRouteJs } from "../../bench/js-budget.ts";

// The front-end budget (issue 8): the JavaScript a phone downloads for the patient's daily-log page stays at or under
// 150 KB gzipped. Reads the build `npm run test:e2e` just made (STAGEWISE_BUILD_DIR when set, as remix.config.js does).
// docs/decisions/031-zod-mini-on-the-client.md explains how it is kept there.
const BUDGET_KB = 150;

const buildRoot = process.env.STAGEWISE_BUILD_DIR;
const buildDir = path.resolve(buildRoot ?? "build");
const publicDir = path.resolve(buildRoot ? path.join(buildRoot, "public/build") : "public/build");

const PAGES: Record<string, string[]> = {
  "daily log (/me/log)": ["root", "routes/me", "routes/me.log"],
  "Today (/me)": ["root", "routes/me", "routes/me._index"],
  "questionnaire (/me/questionnaires/…)": ["root", "routes/me", "routes/me.questionnaires.$kind"],
  "self-tests (/me/tests)": ["root", "routes/me", "routes/me.tests"],
  "account (/me/account)": ["root", "routes/me", "routes/me.account"],
  "sign-in (/login)": ["root", "routes/login"],
};

test("the daily-log page ships at most 150 KB of gzipped JavaScript", async () => {
  const log = await measureRouteJs(buildDir, publicDir, PAGES["daily log (/me/log)"]!);
  console.log(
    `JS budget: daily log page ${log.gzipKb.toFixed(1)} KB gzipped (${log.rawKb.toFixed(1)} KB raw, ${log.files} files); budget ${BUDGET_KB} KB`,
  );
  expect(log.gzipKb).toBeLessThanOrEqual(BUDGET_KB);
});

test("no patient page or sign-in goes over the budget", async () => {
  for (const [name, routeIds] of Object.entries(PAGES)) {
    const js = await measureRouteJs(buildDir, publicDir, routeIds);
    console.log(`JS budget: ${name} ${js.gzipKb.toFixed(1)} KB gzipped`);
    expect(js.gzipKb, name).toBeLessThanOrEqual(BUDGET_KB);
  }
});

test("the patient pages load zod/mini, never the full zod API", async () => {
  // Full zod's schema classes are named "ZodString", "ZodObject", …; zod/mini's "ZodMiniString", the core's "$ZodString".
  const build = (await import(pathToFileURL(path.join(buildDir, "index.js")).href)) as {
    assets: {
      entry: { module: string; imports?: string[] };
      routes: Record<string, { module: string; imports?: string[] }>;
    };
  };
  for (const [name, routeIds] of Object.entries(PAGES)) {
    const files = new Set([build.assets.entry.module, ...(build.assets.entry.imports ?? [])]);
    for (const id of routeIds)
      for (const f of [build.assets.routes[id]!.module, ...(build.assets.routes[id]!.imports ?? [])]) files.add(f);
    const withFullZod = [...files].filter((url) =>
      readFileSync(path.join(publicDir, url.replace(/^\/build\//, "")), "utf8").includes('"ZodObject"'),
    );
    expect(withFullZod, `${name} loads the full zod API`).toEqual([]);
  }
});
