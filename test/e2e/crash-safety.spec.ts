import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { sql } from "kysely";
import { createDb } from "../../app/db/client.server.ts";
import { todayIn } from "../../app/utils/dates.ts";
import { addDays } from "../../app/engine/dates.ts";

// Crash safety over real HTTP: the built server on its own SQLite file, concurrent daily-log submissions, SIGKILL in
// the middle of a burst, restart, and proof that every acknowledged submission survived and the file is intact.
// No browser needed: these use Node's fetch against the spawned server.

// Beside the suite's own server (E2E_PORT, default 3210), so parallel runs on other E2E_PORTs do not collide.
const PORT = Number(process.env.E2E_PORT ?? 3210) + 80;
const BASE = `http://127.0.0.1:${PORT}`;
const PATIENTS = 50;

let dir: string;
let databaseUrl: string;
let server: ChildProcess | undefined;
let patientEmails: string[] = [];
/** Everything the server printed, across restarts: checked for clinical data and secrets at the end. */
let serverOutput = "";
const SESSION_SECRET = "crash-test-secret-crash-test-secret-000000";

function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      DATABASE_URL: databaseUrl,
      SEED_DEMO: "never",
      SESSION_SECRET,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (serverOutput += String(chunk)));
  child.stderr!.on("data", (chunk) => (serverOutput += String(chunk)));
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 30_000;
    const poll = async () => {
      try {
        if ((await fetch(`${BASE}/healthz`)).ok) return resolve(child);
      } catch {
        /* not yet */
      }
      if (Date.now() > deadline) return reject(new Error("server did not start"));
      setTimeout(poll, 150);
    };
    void poll();
  });
}

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${BASE}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE },
    body: new URLSearchParams({ email, password: "stagewise-demo" }),
  });
  expect(res.status, `sign-in ${email}`).toBe(302);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

/**
 * Signs everyone in, four at a time: the sign-ins are set-up, not what is measured, and fifty at once from one address
 * would meet the sign-in throttle (attempts in flight count against the address) and the bound on password hashing.
 */
async function signInAll(emails: string[]): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < emails.length; i += 4) cookies.push(...(await Promise.all(emails.slice(i, i + 4).map(signIn))));
  return cookies;
}

function postLog(cookie: string, date: string, painDuring: number) {
  return fetch(`${BASE}/me/log`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE, cookie },
    body: new URLSearchParams({
      date,
      sessionDone: "done",
      painDuring: String(painDuring),
      painAfter: "1",
      sessionRpe: "4",
      sessionMinutes: "30",
    }),
  });
}

test.describe.configure({ mode: "serial", timeout: 180_000 });

test.beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "stagewise-crash-"));
  databaseUrl = `file:${path.join(dir, "crash.db")}`;
  const generated = spawnSync("npx", ["tsx", "db/cli/generate.ts", "--patients", String(PATIENTS), "--days", "14"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  const tag = /patient1\.([0-9a-f]+)@/.exec(generated.stdout)?.[1];
  if (!tag) throw new Error(`db:generate failed: ${generated.stderr}`);
  patientEmails = Array.from({ length: PATIENTS }, (_, i) => `patient${i + 1}.${tag}@large.stagewise.test`);
});

test.afterAll(() => {
  server?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

test("50 patients saving their log at the same moment all succeed (a busy database is handled, not surfaced)", async () => {
  server = await startServer();
  const cookies = await signInAll(patientEmails);
  const today = todayIn("Europe/London");
  const responses = await Promise.all(cookies.map((cookie, i) => postLog(cookie, today, i % 6)));
  const statuses = responses.map((r) => r.status);
  expect(
    statuses.filter((s) => s !== 302),
    `statuses: ${statuses.join(",")}`,
  ).toEqual([]);
  expect(responses.every((r) => r.headers.get("location")?.startsWith("/me/log/saved"))).toBe(true);
});

test("every acknowledged log survives a SIGKILL in the middle of a burst, and the database file stays intact", async () => {
  server ??= await startServer();
  const cookies = await signInAll(patientEmails);
  const today = todayIn("Europe/London");
  const dates = [0, 1, 2, 3].map((n) => addDays(today, -n));
  // Each (patient, date) gets a distinctive pain value, so we can check content, not just presence.
  const jobs = cookies.flatMap((cookie, p) => dates.map((date, d) => ({ cookie, p, date, pain: (p + d * 3) % 11 })));
  const acknowledged: typeof jobs = [];
  let sent = 0;
  let killed = false;
  const victim = server;
  const worker = async () => {
    while (sent < jobs.length) {
      const job = jobs[sent++]!;
      try {
        const res = await postLog(job.cookie, job.date, job.pain);
        if (res.status === 302 && res.headers.get("location")?.startsWith("/me/log/saved")) acknowledged.push(job);
      } catch {
        // The connection died with the server: not acknowledged, so no promise was made.
      }
      if (!killed && acknowledged.length >= 60) {
        killed = true;
        victim.kill("SIGKILL");
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  expect(killed).toBe(true);
  if (victim.exitCode === null && victim.signalCode === null) await new Promise((r) => victim.once("exit", r));

  server = await startServer();
  expect((await fetch(`${BASE}/healthz`)).status).toBe(200);
  const db = createDb(databaseUrl);
  try {
    const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
    expect(integrity.rows.map((r) => r.integrity_check)).toEqual(["ok"]);
    const emailToId = new Map(
      (await db.selectFrom("app_user").select(["id", "email"]).where("role", "=", "patient").execute()).map((u) => [
        u.email,
        u.id,
      ]),
    );
    let survived = 0;
    for (const job of acknowledged) {
      const row = await db
        .selectFrom("daily_log")
        .select(["pain_during"])
        .where("patient_id", "=", emailToId.get(patientEmails[job.p]!)!)
        .where("log_date", "=", job.date)
        .executeTakeFirst();
      if (row?.pain_during === job.pain) survived++;
    }
    test.info().annotations.push({
      type: "figures",
      description: `${acknowledged.length} acknowledged before SIGKILL, ${survived} present after restart`,
    });
    console.log(`crash safety: ${acknowledged.length} acknowledged, ${survived} survived, integrity ok`);
    expect(survived).toBe(acknowledged.length);
    // One log per patient per day, whatever happened.
    const dupes = await db
      .selectFrom("daily_log")
      .select(["plan_id", "log_date", (eb) => eb.fn.countAll().as("n")])
      .groupBy(["plan_id", "log_date"])
      .having((eb) => eb.fn.countAll(), ">", 1)
      .execute();
    expect(dupes).toEqual([]);
  } finally {
    await db.destroy();
  }
});

test("the server's logs hold no clinical data, credentials or secrets", async () => {
  expect(serverOutput).toContain("Stagewise is ready"); // we really captured the output
  // An address that matches no page is answered (404) without a stack trace in the log: bots probe all day.
  const before = serverOutput.length;
  expect((await fetch(`${BASE}/wp-login.php`)).status).toBe(404);
  await new Promise((r) => setTimeout(r, 200));
  expect(serverOutput.slice(before)).toBe("");
  for (const secret of [
    SESSION_SECRET,
    "stagewise-demo",
    "painDuring",
    "pain_during",
    "__stagewise_session",
    ...patientEmails,
  ]) {
    expect(serverOutput, `server output mentions ${secret}`).not.toContain(secret);
  }
});
