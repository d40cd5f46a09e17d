/**
 * npm run bench — the app at clinic scale, measured over real HTTP on loopback with autocannon.
 * Generates a large clinic at two history lengths, starts the built server on each, and drives side by side: the
 * triage home, a patient page with charts, the patient's today page and a daily-log POST (with the engine's
 * evaluation), each against the floor route /healthz on the same server. Writes docs/benchmarks.md.
 */
import { execSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { createDb } from "~/db/client.server.ts";
import { todayIn } from "~/utils/dates.ts";
import { generateLargeClinic } from "../db/generate.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { cpuPerRequest, sampleCpu } from "./cpu-meter.ts";
import { measureRouteJs } from "./js-budget.ts";
import { driveMix, type KindFigures, type Script } from "./mixed-load.ts";

const { values } = parseArgs({
  options: {
    patients: { type: "string", default: "2000" },
    days: { type: "string", default: "30,180" },
    duration: { type: "string", default: "8" },
    connections: { type: "string", default: "10" },
    // The mixed scenario (issue 17): patients saving while clinicians browse, on a smaller clinic.
    "mixed-patients": { type: "string", default: "200" },
    "mixed-days": { type: "string", default: "90" },
    "mixed-duration": { type: "string", default: "10" },
    // "mixed" runs the mixed scenario alone and updates only its section of docs/benchmarks.md.
    only: { type: "string", default: "all" },
    // The mixed scenario's server port (parallel runs on one machine each pick their own).
    "mixed-port": { type: "string", default: "3399" },
  },
});
const patients = Number(values.patients);
const historySizes = values.days!.split(",").map(Number);
const duration = Number(values.duration);
const connections = Number(values.connections);
const BUILD_DIR = ".tmp/build-bench";
const JS_BUDGET_KB = 150;

type TargetKey = "floor" | "triage" | "account" | "patientPage" | "today" | "post";
type Row = {
  key: TargetKey;
  target: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** CPU per request: the server's event loop, its other threads, and the load generator (this process). */
  cpu: { mainMs: number; otherMs: number; loadGeneratorMs: number } | null;
};

async function main() {
  if (values.only === "mixed") {
    console.log(`Building into ${BUILD_DIR}…`);
    execSync("npx remix build", { stdio: "ignore", env: { ...process.env, STAGEWISE_BUILD_DIR: BUILD_DIR } });
    const mixed = await runMixed();
    const section = renderMixed(mixed);
    const previous = existsSync("docs/benchmarks.md") ? readFileSync("docs/benchmarks.md", "utf8") : "";
    writeFileSync("docs/benchmarks.md", replaceMixedSection(previous, section));
    console.log("\n" + section.join("\n"));
    return;
  }
  console.log(`Building into ${BUILD_DIR}…`);
  execSync("npx remix build", { stdio: "ignore", env: { ...process.env, STAGEWISE_BUILD_DIR: BUILD_DIR } });
  const js = await measureRouteJs(BUILD_DIR, path.join(BUILD_DIR, "public/build"), [
    "root",
    "routes/me",
    "routes/me.log",
  ]);
  console.log(
    `Patient log page JavaScript: ${js.gzipKb.toFixed(1)} KB gzipped (${js.files} files, budget ${JS_BUDGET_KB} KB)`,
  );

  const results: Array<{ days: number; rows: Row[]; generateSeconds: number; dbMb: number }> = [];
  for (const days of historySizes) results.push(await runSize(days));
  const mixed = await runMixed();
  const report = replaceMixedSection(renderReport(results, js), renderMixed(mixed));
  writeFileSync("docs/benchmarks.md", report);
  console.log("\n" + report);
}

async function generate(patients: number, days: number) {
  const dir = path.resolve(".tmp", `bench-${patients}x${days}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const url = `file:${path.join(dir, "bench.db")}`;
  const db = createDb(url);
  await migrateToLatest(db);
  const started = performance.now();
  const generated = await generateLargeClinic(db, {
    patients,
    days,
    onProgress: (n) => process.stdout.write(`\r  generating ${n}/${patients}`),
  });
  const generateSeconds = (performance.now() - started) / 1000;
  const patient = await db
    .selectFrom("app_user")
    .select(["id"])
    .where("email", "=", generated.patientEmail)
    .executeTakeFirstOrThrow();
  const patientIds = (
    await db
      .selectFrom("app_user")
      .select("id")
      .where("clinic_id", "=", generated.clinicId)
      .where("role", "=", "patient")
      .execute()
  ).map((p) => p.id);
  await db.destroy();
  // The generated file (GBs at 180 days) is still being written back to disk; measuring during that write-back made
  // the saves' figures swing by a quarter from run to run.
  flushToDisk();
  const dbMb = (await import("node:fs")).statSync(path.join(dir, "bench.db")).size / 1024 / 1024;
  console.log(
    `\n${patients} patients × ${days} days generated in ${generateSeconds.toFixed(1)} s (${dbMb.toFixed(0)} MB)`,
  );
  return { url, generated, patient, patientIds, generateSeconds, dbMb };
}

async function runSize(days: number) {
  const { url, generated, patient, generateSeconds, dbMb } = await generate(patients, days);
  const port = 3400 + days;
  const server = await startServer(url, port);
  try {
    const base = `http://127.0.0.1:${port}`;
    const clinicianCookie = await signIn(base, generated.clinicianEmail);
    const patientCookie = await signIn(base, generated.patientEmail);
    const today = todayIn("Europe/London");
    const logBody = new URLSearchParams({
      date: today,
      sessionDone: "done",
      painDuring: "3",
      painAfter: "2",
      sessionRpe: "4",
      sessionMinutes: "35",
      morningPain: "2",
      morningStiffness: "2",
    }).toString();
    const targets: Array<{
      key: TargetKey;
      name: string;
      path: string;
      cookie?: string;
      method?: "POST";
      body?: string;
    }> = [
      { key: "floor", name: "floor: GET /healthz", path: "/healthz" },
      { key: "triage", name: "clinician triage home GET /clinic", path: "/clinic", cookie: clinicianCookie },
      // Not a goal: the lightest signed-in page (app shell, one small form) shows what any rendered page costs.
      {
        key: "account",
        name: "reference: near-empty page GET /clinic/account",
        path: "/clinic/account",
        cookie: clinicianCookie,
      },
      {
        key: "patientPage",
        name: "patient page with charts GET /clinic/patients/:id",
        path: `/clinic/patients/${patient.id}`,
        cookie: clinicianCookie,
      },
      { key: "today", name: "patient today GET /me", path: "/me", cookie: patientCookie },
      {
        key: "post",
        name: "daily-log POST /me/log (+ engine)",
        path: "/me/log",
        cookie: patientCookie,
        method: "POST",
        body: logBody,
      },
    ];
    const rows: Row[] = [];
    for (const t of targets) {
      await drive(base, t, 1); // warm-up
      const serverBefore = sampleCpu(server.pid!);
      const selfBefore = process.cpuUsage();
      const r = await drive(base, t, duration);
      const self = process.cpuUsage(selfBefore);
      const requests = r.requests.total;
      const serverCpu = cpuPerRequest(serverBefore, sampleCpu(server.pid!), requests);
      const cpu = serverCpu ? { ...serverCpu, loadGeneratorMs: (self.user + self.system) / 1000 / requests } : null;
      rows.push({
        key: t.key,
        target: t.name,
        rps: r.requests.average,
        p50: r.latency.p50,
        p95: percentile(r, 95),
        p99: r.latency.p99,
        errors: r.errors + r.timeouts,
        non2xx: r.non2xx,
        cpu,
      });
      console.log(
        `  ${t.name.padEnd(52)} ${r.requests.average.toFixed(0).padStart(6)} req/s  p95 ${percentile(r, 95).toFixed(1)} ms` +
          (cpu
            ? `  cpu/req: loop ${cpu.mainMs.toFixed(2)} ms, other ${cpu.otherMs.toFixed(2)} ms, load gen ${cpu.loadGeneratorMs.toFixed(2)} ms`
            : ""),
      );
    }
    return { days, rows, generateSeconds, dbMb };
  } finally {
    await stopServer(server);
  }
}

type MixedResult = {
  patients: number;
  days: number;
  seconds: number;
  alone: KindFigures;
  mixed: { save: KindFigures; browse: KindFigures };
  load: { alone: string; mixed: string };
};

const SAVERS_ALONE = 50;
const SAVERS_MIXED = 35;
const BROWSERS_MIXED = 15;

/**
 * Saves alone (50 patients saving) and under the mix (35 patients saving while 15 clinicians browse the triage home
 * and patient pages), on one server, one after the other in the same run.
 */
async function runMixed(): Promise<MixedResult> {
  const mixedPatients = Number(values["mixed-patients"]);
  const days = Number(values["mixed-days"]);
  const seconds = Number(values["mixed-duration"]);
  const { url, generated, patientIds } = await generate(mixedPatients, days);
  const tag = /^patient1\.([^@]+)@/.exec(generated.patientEmail)![1]!;
  const port = Number(values["mixed-port"]);
  const server = await startServer(url, port);
  try {
    const base = `http://127.0.0.1:${port}`;
    const savers: string[] = [];
    for (let i = 1; i <= SAVERS_ALONE; i++) savers.push(await signIn(base, `patient${i}.${tag}@large.stagewise.test`));
    const clinicians = Math.max(1, Math.round(mixedPatients / 100));
    const browsers: string[] = [];
    for (let i = 0; i < BROWSERS_MIXED; i++) {
      browsers.push(await signIn(base, `clinician${(i % clinicians) + 1}.${tag}@large.stagewise.test`));
    }
    const today = todayIn("Europe/London");
    const save = (cookie: string, n: number): Script => ({
      kind: "save",
      cookie,
      next: (i) => ({
        path: "/me/log",
        method: "POST",
        body: new URLSearchParams({
          date: today,
          sessionDone: "done",
          painDuring: String((n + i) % 3),
          painAfter: String((n + i) % 3),
          sessionRpe: "4",
          sessionMinutes: "35",
          morningPain: "2",
          morningStiffness: "2",
        }).toString(),
      }),
    });
    const browse = (cookie: string, n: number): Script => ({
      kind: "browse",
      cookie,
      // The triage home, then a patient's page, in turn; each clinician looks at different patients.
      next: (i) =>
        i % 2 === 0
          ? { path: "/clinic", method: "GET" }
          : { path: `/clinic/patients/${patientIds[(n * 7 + i) % patientIds.length]}`, method: "GET" },
    });
    const aloneScripts = savers.map((c, n) => save(c, n));
    const mixedScripts = [
      ...savers.slice(0, SAVERS_MIXED).map((c, n) => save(c, n)),
      ...browsers.map((c, n) => browse(c, n)),
    ];
    await driveMix(base, aloneScripts, 1); // warm-up
    const aloneLoad = loadAverage();
    const alone = await driveMix(base, aloneScripts, seconds);
    console.log(`  saves alone (${SAVERS_ALONE} patients): p95 ${alone.save.p95.toFixed(1)} ms, load ${aloneLoad}`);
    await driveMix(base, mixedScripts, 1);
    const mixedLoad = loadAverage();
    const mixed = await driveMix(base, mixedScripts, seconds);
    console.log(
      `  saves under the mix (${SAVERS_MIXED} patients + ${BROWSERS_MIXED} clinicians): p95 ${mixed.save.p95.toFixed(1)} ms` +
        ` (${(mixed.save.p95 / Math.max(alone.save.p95, 0.1)).toFixed(2)}×), pages p95 ${mixed.browse.p95.toFixed(1)} ms, load ${mixedLoad}`,
    );
    return {
      patients: mixedPatients,
      days,
      seconds,
      alone: alone.save,
      mixed,
      load: { alone: aloneLoad, mixed: mixedLoad },
    };
  } finally {
    await stopServer(server);
  }
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(", ");
}

const MIXED_HEADING = "## Mixed load: saves while clinicians browse";

function renderMixed(m: MixedResult): string[] {
  const ratio = m.mixed.save.p95 / Math.max(m.alone.p95, 0.1);
  const errors = m.alone.errors + m.mixed.save.errors + m.mixed.browse.errors;
  const row = (name: string, f: KindFigures, load: string) =>
    `| ${name} | ${f.requests} | ${(f.requests / m.seconds).toFixed(0)} | ${f.p50.toFixed(1)} | ${f.p95.toFixed(1)} | ${f.p99.toFixed(1)} | ${f.errors} | ${load} |`;
  return [
    MIXED_HEADING,
    "",
    `${m.patients} patients × ${m.days} days; ${m.seconds} s per scenario after a 1 s warm-up, one keep-alive connection per`,
    `user sending its next request when the last one answered. Alone: ${SAVERS_ALONE} patients saving today's log.`,
    `Mixed: ${SAVERS_MIXED} patients saving while ${BROWSERS_MIXED} clinicians browse (triage home and patient pages in turn).`,
    "Load average (1, 5, 15 min) as each scenario started: other work on the machine distorts absolute figures, so the",
    "ratio is the figure to read.",
    "",
    "| scenario | requests | req/s | p50 ms | p95 ms | p99 ms | errors | load average |",
    "|---|---:|---:|---:|---:|---:|---:|---|",
    row("saves alone", m.alone, m.load.alone),
    row("saves under the mix", m.mixed.save, m.load.mixed),
    row("clinicians' pages under the mix", m.mixed.browse, m.load.mixed),
    "",
    `- Save p95 under the mix ≤ 3× its p95 alone: ${ratio.toFixed(2)}× — ${ratio <= 3 ? "met" : "NOT met"}.`,
    `- Save p95 under the mix ≤ 500 ms on ${os.cpus().length} cores: ${m.mixed.save.p95.toFixed(0)} ms — ${m.mixed.save.p95 <= 500 ? "met" : "NOT met"}.`,
    `- No errors: ${errors} — ${errors === 0 ? "met" : "NOT met"}.`,
    "",
  ];
}

/** The report with its mixed-load section replaced (or put before the goals when it has none). */
function replaceMixedSection(report: string, section: string[]): string {
  const text = section.join("\n");
  const start = report.indexOf(MIXED_HEADING);
  if (start !== -1) {
    const end = report.indexOf("\n## ", start + MIXED_HEADING.length);
    return report.slice(0, start) + text + (end === -1 ? "" : "\n" + report.slice(end + 1));
  }
  const goals = report.indexOf("## Goals");
  return goals === -1 ? report + "\n" + text : report.slice(0, goals) + text + "\n" + report.slice(goals);
}

function flushToDisk() {
  try {
    execSync("sync", { stdio: "ignore" });
  } catch {
    /* not available: figures are just noisier */
  }
}

function percentile(r: autocannon.Result, p: 95): number {
  // autocannon reports p90 and p97.5; p95 is interpolated between them.
  const lat = r.latency as unknown as Record<string, number>;
  return lat.p90! + ((lat.p97_5! - lat.p90!) * (p - 90)) / 7.5;
}

function drive(base: string, t: { path: string; cookie?: string; method?: "POST"; body?: string }, seconds: number) {
  return autocannon({
    url: base + t.path,
    connections,
    duration: seconds,
    method: t.method ?? "GET",
    body: t.body,
    headers: {
      ...(t.cookie ? { cookie: t.cookie } : {}),
      ...(t.method === "POST" ? { "content-type": "application/x-www-form-urlencoded", origin: base } : {}),
    },
  });
}

async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ email, password: "stagewise-demo" }),
  });
  const cookie = res.headers.get("set-cookie");
  if (res.status !== 302 || !cookie) throw new Error(`sign-in as ${email} failed: ${res.status}`);
  return cookie.split(";")[0]!;
}

async function startServer(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      SEED_DEMO: "never",
      SESSION_SECRET: "benchmark-session-secret-benchmark-session",
      STAGEWISE_BUILD_DIR: BUILD_DIR,
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGKILL");
  throw new Error("server did not start");
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

function renderReport(
  results: Array<{ days: number; rows: Row[]; generateSeconds: number; dbMb: number }>,
  js: { gzipKb: number; rawKb: number; files: number },
) {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const lines = [
    "# Benchmarks",
    "",
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} — ${os.cpus().length} cores (${cpu}), Node ${process.version}, SQLite (WAL) on local disk.`,
    `Load: autocannon on loopback, ${connections} connections, ${duration} s per target after a 1 s warm-up; server built for production.`,
    `Data: ${patients} patients (${Math.max(1, Math.round(patients / 100))} clinicians, all eight built-in programs) at two history lengths, with a daily log on ~85 % of days and the engine's decision for each, generated by \`npm run db:generate\`.`,
    `The triage home is measured as a physio sees it by default: their own caseload (about ${Math.min(patients, 100)} patients; the whole clinic is \`/clinic?scope=clinic\`).`,
    "",
  ];
  for (const r of results) {
    const floor = byKey(r.rows, "floor");
    lines.push(
      `## ${patients} patients × ${r.days} days of history (${r.dbMb.toFixed(0)} MB database, generated in ${r.generateSeconds.toFixed(0)} s)`,
      "",
    );
    lines.push(
      "| target | req/s | p50 ms | p95 ms | p99 ms | p95 ÷ floor p95 | errors | non-2xx (POST answers 302) |",
      "|---|---:|---:|---:|---:|---:|---:|---:|",
    );
    for (const row of r.rows) {
      lines.push(
        `| ${row.target} | ${row.rps.toFixed(0)} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ${row.p99.toFixed(1)} | ${(row.p95 / Math.max(floor.p95, 0.1)).toFixed(1)}× | ${row.errors} | ${row.non2xx} |`,
      );
    }
    lines.push("");
    if (r.rows.every((row) => row.cpu)) lines.push(...cpuTable(r.rows), "");
  }
  if (results.length > 1) {
    const [a, b] = [results[0]!, results.at(-1)!];
    lines.push(
      `## Growth with total history (${a.days} → ${b.days} days)`,
      "",
      "| target | p95 at " + a.days + " d | p95 at " + b.days + " d | ratio |",
      "|---|---:|---:|---:|",
    );
    a.rows.forEach((row, i) => {
      const other = b.rows[i]!;
      lines.push(
        `| ${row.target} | ${row.p95.toFixed(1)} | ${other.p95.toFixed(1)} | ${(other.p95 / Math.max(row.p95, 0.1)).toFixed(2)}× |`,
      );
    });
    lines.push("");
  }
  const largest = results.at(-1)!.rows;
  const [triage, floor, post, account] = [
    byKey(largest, "triage"),
    byKey(largest, "floor"),
    byKey(largest, "post"),
    byKey(largest, "account"),
  ];
  lines.push(
    "## Goals",
    "",
    `- Triage home p95 within 3× the floor at ${patients} patients: ${(triage.p95 / Math.max(floor.p95, 0.1)).toFixed(1)}× — ${triage.p95 <= 3 * Math.max(floor.p95, 0.1) ? "met" : "NOT met"}.`,
    `  For scale, the near-empty signed-in page is ${(account.p95 / Math.max(floor.p95, 0.1)).toFixed(1)}× the floor.`,
    `- Daily-log POST ≥ 500 requests/s: ${post.rps.toFixed(0)} — ${post.rps >= 500 ? "met" : "NOT met"}.` +
      (post.cpu
        ? ` Ceilings from its CPU: ${ceilings(post.cpu).oneLoop.toFixed(0)} on one event loop, ${ceilings(post.cpu).allCores.toFixed(0)} on all ${os.cpus().length} cores.`
        : ""),
    `- Patient log page JavaScript ≤ ${JS_BUDGET_KB} KB gzipped: ${js.gzipKb.toFixed(1)} KB in ${js.files} files — ${js.gzipKb <= JS_BUDGET_KB ? "met" : "NOT met"}.`,
    "",
    "What was changed to get here, and where the time still goes: docs/performance.md.",
    "",
  );
  return lines.join("\n");
}

function byKey(rows: Row[], key: TargetKey): Row {
  const row = rows.find((r) => r.key === key);
  if (!row) throw new Error(`no result for ${key}`);
  return row;
}

/** Requests/s a target could reach if nothing but CPU limited it: on the one event loop, and on every core. */
function ceilings(cpu: NonNullable<Row["cpu"]>) {
  return {
    oneLoop: 1000 / Math.max(cpu.mainMs, 0.001),
    allCores: (os.cpus().length * 1000) / Math.max(cpu.mainMs + cpu.otherMs + cpu.loadGeneratorMs, 0.001),
  };
}

function cpuTable(rows: Row[]): string[] {
  return [
    "CPU per request (from /proc): the server's event loop, its other threads (SQLite and libuv workers, GC helpers) and the",
    "load generator; and the requests/s each target could reach if CPU alone limited it.",
    "",
    "| target | event loop ms | other server threads ms | load generator ms | ceiling: one event loop | ceiling: all cores |",
    "|---|---:|---:|---:|---:|---:|",
    ...rows.map((row) => {
      const cpu = row.cpu!;
      const c = ceilings(cpu);
      return `| ${row.target} | ${cpu.mainMs.toFixed(2)} | ${cpu.otherMs.toFixed(2)} | ${cpu.loadGeneratorMs.toFixed(2)} | ${c.oneLoop.toFixed(0)} | ${c.allCores.toFixed(0)} |`;
    }),
  ];
}

if (!existsSync("node_modules")) throw new Error("run npm install first");
await main();
