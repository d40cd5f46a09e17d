/**
 * npm run bench:sign-in-flood — does a flood of bad sign-ins slow the other pages?
 * Builds the app, generates a small clinic, starts the built server on loopback and measures a patient's GET /me
 * (p50/p95) alone, then during a flood of bad sign-in POSTs. Every flood request comes from a different loopback
 * source address (127.1.x.y): the worst case, a flood from many addresses, where the per-address throttle does not
 * help and only the bound on password hashing protects the rest of the app.
 * Bounded (a fixed number of requests) and stops by itself. Prints a table for docs/reliability.md.
 *
 *   --app <dir>       run the server from another checkout (e.g. an export of an older commit) for a before/after
 *   --flood <n>       bad sign-ins in the flood (default 200), --flood-concurrency (default 20)
 *   --reads <n>       GET /me requests per phase (default 200), --read-concurrency (default 4)
 */
import { execSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb } from "~/db/client.server.ts";
import { generateLargeClinic } from "../db/generate.ts";

const { values } = parseArgs({
  options: {
    app: { type: "string", default: "." },
    flood: { type: "string", default: "200" },
    "flood-concurrency": { type: "string", default: "20" },
    reads: { type: "string", default: "200" },
    "read-concurrency": { type: "string", default: "4" },
    port: { type: "string", default: "3390" },
  },
});
const appDir = path.resolve(values.app!);
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
const PASSWORD = "stagewise-demo";

async function main() {
  const buildDir = path.resolve(".tmp", "build-flood");
  console.log(`Building ${appDir} into ${buildDir}…`);
  execSync("npx remix build", { cwd: appDir, stdio: "ignore", env: { ...process.env, STAGEWISE_BUILD_DIR: buildDir } });

  const dir = path.resolve(".tmp", "flood");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const url = `file:${path.join(dir, "flood.db")}`;
  // The server under test migrates the file with its own migrations (it may be an older checkout).
  (await startServer(url, buildDir)).kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 500));
  const db = createDb(url);
  const clinic = await generateLargeClinic(db, { patients: 200, days: 90, password: PASSWORD });
  await db.destroy();

  const server = await startServer(url, buildDir);
  try {
    const cookie = await signIn(clinic.patientEmail);
    await hammer(20, 4, () => get("/me", cookie)); // warm-up
    const alone = await hammer(Number(values.reads), Number(values["read-concurrency"]), () => get("/me", cookie));

    const floodStatuses: Record<number, number> = {};
    const floodStarted = performance.now();
    let n = 0;
    const flood = hammer(Number(values.flood), Number(values["flood-concurrency"]), async () => {
      const i = n++;
      const body = new URLSearchParams({
        email: i % 2 ? clinic.patientEmail : `nobody${i}@example.test`,
        password: "x",
      }).toString();
      const status = await postFrom(`127.1.${(i >> 8) & 255}.${(i & 255) + 1}`, "/login", body);
      floodStatuses[status] = (floodStatuses[status] ?? 0) + 1;
    });
    const during = await hammer(Number(values.reads), Number(values["read-concurrency"]), () => get("/me", cookie));
    await flood;
    const floodSeconds = (performance.now() - floodStarted) / 1000;

    const row = (name: string, l: number[]) =>
      `| ${name} | ${l.length} | ${pct(l, 50).toFixed(0)} | ${pct(l, 95).toFixed(0)} | ${Math.max(...l).toFixed(0)} |`;
    console.log(`\nApp: ${appDir}`);
    console.log("| GET /me | requests | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|");
    console.log(row("alone", alone));
    console.log(row(`during ${values.flood} bad sign-ins`, during));
    console.log(
      `\nFlood: ${values.flood} POST /login from as many addresses, ${values["flood-concurrency"]} at a time, ` +
        `${floodSeconds.toFixed(1)} s; answers ${JSON.stringify(floodStatuses)}`,
    );
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
}

/** A form POST from a chosen local source address (each one a different client to the server). */
function postFrom(localAddress: string, pathname: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${pathname}`,
      {
        method: "POST",
        localAddress,
        agent: false,
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function get(pathname: string, cookie: string): Promise<void> {
  const res = await fetch(base + pathname, { headers: { Cookie: cookie } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${pathname} answered ${res.status}`);
}

/** Runs `total` calls of `fn`, `concurrency` at a time; returns each call's latency in ms. */
async function hammer(total: number, concurrency: number, fn: () => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      const t = performance.now();
      await fn();
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencies;
}

function pct(latencies: number[], p: number): number {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: PASSWORD }),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (res.status !== 302 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

async function startServer(databaseUrl: string, buildDir: string): Promise<ChildProcess> {
  const child = spawn("node", ["--import", "tsx", "server/start.ts"], {
    cwd: appDir,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      NODE_ENV: "production",
      SESSION_SECRET: "flood-bench-secret-flood-bench-secret-0000",
      SEED_DEMO: "never",
      STAGEWISE_BUILD_DIR: buildDir,
    },
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill("SIGTERM");
  throw new Error("the server did not start");
}

await main();
