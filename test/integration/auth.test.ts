import { describe, expect, it } from "vitest";
import * as clinicLayout from "~/routes/clinic.tsx";
import * as healthz from "~/routes/healthz.ts";
import * as login from "~/routes/login.tsx";
import * as logout from "~/routes/logout.tsx";
import * as meLayout from "~/routes/me.tsx";
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

  it("repeated failures lock the account for the window, even with the right password", async () => {
    const { clinician } = await cast();
    // The sign-in's limit: 5 failures per account in 15 minutes.
    for (let i = 0; i < 5; i++) {
      await run(
        login.action,
        await postRequest("/login", { email: clinician.email, password: `wrong-${i}` }),
        {},
        { clientAddress: `10.0.0.${i}` },
      );
    }
    const res = await run(
      login.action,
      await postRequest("/login", { email: clinician.email, password: TEST_PASSWORD }),
      {},
      { clientAddress: "10.0.1.1" },
    );
    expect(res.status).toBe(429);
    expect(res.headers.get("Set-Cookie")).toBeNull();
  });

  it("one address guessing many accounts is limited too", async () => {
    const { patient } = await cast();
    // The sign-in's limit: 20 failures per client address in 15 minutes.
    for (let i = 0; i < 20; i++) {
      await run(
        login.action,
        await postRequest("/login", { email: `nobody${i}@example.test`, password: "x" }),
        {},
        { clientAddress: "203.0.113.9" },
      );
    }
    const res = await run(
      login.action,
      await postRequest("/login", { email: patient.email, password: TEST_PASSWORD }),
      {},
      { clientAddress: "203.0.113.9" },
    );
    expect(res.status).toBe(429);
    const elsewhere = await run(
      login.action,
      await postRequest("/login", { email: patient.email, password: TEST_PASSWORD }),
      {},
      { clientAddress: "203.0.113.10" },
    );
    expect(elsewhere.status).toBe(302);
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
