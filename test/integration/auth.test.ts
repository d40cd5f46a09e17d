import { afterEach, describe, expect, it, vi } from "vitest";
import { bumpWindowCounter } from "~/models/sign-in-throttle.server.ts";
import * as clinicLayout from "~/routes/clinic.tsx";
import * as healthz from "~/routes/healthz.ts";
import * as login from "~/routes/login.tsx";
import * as logout from "~/routes/logout.tsx";
import * as meLayout from "~/routes/me.tsx";
import { delayAfter, THROTTLE } from "~/services/sign-in.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { countRows, createClinic, createClinician, createPatient, TEST_PASSWORD } from "../support/factories.ts";
import { getRequest, postRequest, run } from "../support/requests.ts";

async function cast() {
  const db = getDb();
  const clinic = await createClinic(db);
  const clinician = await createClinician(db, clinic.id);
  const patient = await createPatient(db, clinic.id, clinician.id);
  return { clinician, patient };
}

describe("sign-in contract", () => {
  it("a clinician with the right password is redirected to the clinic with a session cookie", async () => {
    const { clinician } = await cast();
    const res = await run(
      login.action,
      await postRequest("/login", { email: clinician.email, password: TEST_PASSWORD }),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/clinic");
    const cookie = res.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/__stagewise_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it("a patient lands on their own home, and redirectTo is honoured only for same-site paths", async () => {
    const { patient } = await cast();
    const ok = await run(
      login.action,
      await postRequest("/login", {
        email: patient.email.toUpperCase(),
        password: TEST_PASSWORD,
        redirectTo: "/me/history",
      }),
    );
    expect(ok.headers.get("Location")).toBe("/me/history");
    const evil = await run(
      login.action,
      await postRequest("/login", { email: patient.email, password: TEST_PASSWORD, redirectTo: "//evil.example/x" }),
    );
    expect(evil.headers.get("Location")).toBe("/me");
  });

  it("a wrong password re-renders the form with an error, keeps the email and sets no cookie", async () => {
    const { clinician } = await cast();
    const res = await run(login.action, await postRequest("/login", { email: clinician.email, password: "nope" }));
    expect(res.status).toBe(400);
    expect(res.data.formError).toMatch(/email or password/i);
    expect(res.data.values.email).toBe(clinician.email);
    expect(res.data.values.password).toBe("");
    expect(res.headers.get("Set-Cookie")).toBeNull();
  });

  it("an empty form answers field errors for email and password", async () => {
    const res = await run(login.action, await postRequest("/login", { email: "", password: "" }));
    expect(res.status).toBe(400);
    expect(res.data.fieldErrors.email).toBeTruthy();
    expect(res.data.fieldErrors.password).toBeTruthy();
  });
});

describe("sign-in throttling", () => {
  const signInFrom = async (clientAddress: string, email: string, password: string) =>
    run(login.action, await postRequest("/login", { email, password }), {}, { clientAddress });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("a stranger's failures hold the stranger's address, never the owner signing in from their own", async () => {
    const { clinician } = await cast();
    const stranger = [];
    for (let i = 0; i < 8; i++) stranger.push((await signInFrom("203.0.113.66", clinician.email, `guess-${i}`)).status);
    expect(stranger.slice(0, THROTTLE.freeFailures)).toEqual(Array(THROTTLE.freeFailures).fill(400));
    expect(stranger.slice(THROTTLE.freeFailures)).toEqual(Array(8 - THROTTLE.freeFailures).fill(429));
    // Even the right password from the stranger's address waits now.
    expect((await signInFrom("203.0.113.66", clinician.email, TEST_PASSWORD)).status).toBe(429);

    const owner = await signInFrom("198.51.100.20", clinician.email, TEST_PASSWORD);
    expect(owner.status).toBe(302);
    expect(owner.headers.get("Set-Cookie")).toMatch(/__stagewise_session=/);
  });

  it("after the free failures, each attempt waits twice as long as the one before", async () => {
    const { patient } = await cast();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-07T10:00:00Z"));
    const address = "198.51.100.30";
    for (let i = 0; i < THROTTLE.freeFailures; i++) {
      expect((await signInFrom(address, patient.email, "wrong")).status).toBe(400);
    }
    for (const wait of [2, 4, 8, 16]) {
      const early = await signInFrom(address, patient.email, "wrong");
      expect(early.status).toBe(429);
      expect(early.headers.get("Retry-After")).toBe(String(wait));
      expect(early.data.formError).toMatch(new RegExp(`wait ${wait} seconds`));
      vi.setSystemTime(new Date(Date.now() + (wait - 1) * 1000));
      expect((await signInFrom(address, patient.email, "wrong")).status).toBe(429); // one second short
      vi.setSystemTime(new Date(Date.now() + 1000));
      expect((await signInFrom(address, patient.email, "wrong")).status).toBe(400);
    }
    expect(delayAfter(40)).toBe(THROTTLE.maxDelaySeconds); // capped
    // The owner waits out the delay, signs in, and starts with a clean slate.
    vi.setSystemTime(new Date(Date.now() + 32_000));
    expect((await signInFrom(address, patient.email, TEST_PASSWORD)).status).toBe(302);
    expect((await signInFrom(address, patient.email, "typo")).status).toBe(400);
  });

  it("a parallel burst gets no more password checks than the rule allows", async () => {
    const { patient } = await cast();
    const burst = await Promise.all(
      Array.from({ length: 25 }, () => signInFrom("198.51.100.40", patient.email, "wrong")),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(THROTTLE.freeFailures);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25 - THROTTLE.freeFailures);
    const row = await getDb()
      .selectFrom("sign_in_throttle")
      .select("failures")
      .where("throttle_key", "=", `pair:${patient.email}|198.51.100.40`)
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(THROTTLE.freeFailures);
  });

  it("one address guessing many accounts is limited, in sequence and in a parallel burst", async () => {
    const { patient } = await cast();
    const db = getDb();
    const windowStart = () => new Date(Date.now() - THROTTLE.addressWindowMinutes * 60_000).toISOString();
    // Failures already counted against the address (each a real sign-in would take ~0.2 s of scrypt).
    const address = "203.0.113.9";
    for (let i = 0; i < THROTTLE.perAddress - 3; i++) {
      await bumpWindowCounter(db, `address:${address}`, new Date().toISOString(), windowStart());
    }
    for (let i = 0; i < 3; i++) {
      expect((await signInFrom(address, `nobody${i}@example.test`, "x")).status).toBe(400);
    }
    expect((await signInFrom(address, patient.email, TEST_PASSWORD)).status).toBe(429);
    expect((await signInFrom("203.0.113.10", patient.email, TEST_PASSWORD)).status).toBe(302);

    // A burst across accounts from an address two failures short of its limit: at most two are checked.
    for (let i = 0; i < THROTTLE.perAddress - 2; i++) {
      await bumpWindowCounter(db, "address:203.0.113.11", new Date().toISOString(), windowStart());
    }
    const burst = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signInFrom("203.0.113.11", `someone${i}@example.test`, "x")),
    );
    expect(burst.filter((r) => r.status === 400)).toHaveLength(2);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(8);
  });
});

describe("area guards", () => {
  it("anonymous visitors to /clinic and /me are sent to sign in and back", async () => {
    const clinic = await run(clinicLayout.loader, await getRequest("/clinic/patients?x=1"));
    expect(clinic.status).toBe(302);
    expect(clinic.headers.get("Location")).toBe("/login?redirectTo=%2Fclinic%2Fpatients%3Fx%3D1");
    const me = await run(meLayout.loader, await getRequest("/me"));
    expect(me.headers.get("Location")).toBe("/login?redirectTo=%2Fme");
  });

  it("a patient asking for the clinic area gets 403", async () => {
    const { patient } = await cast();
    const res = await run(clinicLayout.loader, await getRequest("/clinic", { userId: patient.id }));
    expect(res.status).toBe(403);
  });

  it("a clinician asking for the patient area is redirected to the clinic", async () => {
    const { clinician } = await cast();
    const res = await run(meLayout.loader, await getRequest("/me", { userId: clinician.id }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/clinic");
  });
});

describe("sign-out", () => {
  it("ends the session on the server, so the old cookie no longer works", async () => {
    const { clinician } = await cast();
    const signIn = await run(
      login.action,
      await postRequest("/login", { email: clinician.email, password: TEST_PASSWORD }),
    );
    const cookie = signIn.headers.get("Set-Cookie")!.split(";")[0]!;
    expect((await run(clinicLayout.loader, await getRequest("/clinic", { cookie }))).status).toBe(200);
    const before = await countRows(getDb(), "user_session");
    const out = await run(logout.action, await postRequest("/logout", {}, { cookie }));
    expect(out.status).toBe(302);
    expect(await countRows(getDb(), "user_session")).toBe(before - 1);
    const after = await run(clinicLayout.loader, await getRequest("/clinic", { cookie }));
    expect(after.status).toBe(302);
    expect(after.headers.get("Location")).toMatch(/^\/login/);
  });
});

describe("/healthz", () => {
  it("answers 200 with a database check", async () => {
    const res = await run(healthz.loader, await getRequest("/healthz"));
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ status: "ok", database: { ok: true } });
  });
});
