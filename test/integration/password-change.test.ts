import { afterEach, describe, expect, it, vi } from "vitest";
import * as clinicAccount from "~/routes/clinic.account.tsx";
import * as clinicLayout from "~/routes/clinic.tsx";
import * as login from "~/routes/login.tsx";
import * as meAccount from "~/routes/me.account.tsx";
import { THROTTLE } from "~/services/sign-in.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { createClinicWithCast, TEST_PASSWORD } from "../support/factories.ts";
import { getRequest, postRequest, run, sessionCookieFor } from "../support/requests.ts";

const NEW_PASSWORD = "a-brand-new-password";

describe("changing a password", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("signs out every other session, keeps this browser signed in, and the new password works", async () => {
    const { clinician } = await createClinicWithCast(getDb());
    const otherDevice = await sessionCookieFor(clinician.id);
    const thisBrowser = await sessionCookieFor(clinician.id);
    const res = await run(
      clinicAccount.action,
      await postRequest(
        "/clinic/account",
        { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
        { cookie: thisBrowser },
      ),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/clinic/account?changed=1");
    const fresh = res.headers.get("Set-Cookie")!.split(";")[0]!;

    expect((await run(clinicLayout.loader, await getRequest("/clinic", { cookie: otherDevice }))).status).toBe(302);
    expect((await run(clinicLayout.loader, await getRequest("/clinic", { cookie: thisBrowser }))).status).toBe(302);
    expect((await run(clinicLayout.loader, await getRequest("/clinic", { cookie: fresh }))).status).toBe(200);

    const oldPassword = await run(
      login.action,
      await postRequest("/login", { email: clinician.email, password: TEST_PASSWORD }),
    );
    expect(oldPassword.status).toBe(400);
    const newPassword = await run(
      login.action,
      await postRequest("/login", { email: clinician.email, password: NEW_PASSWORD }),
    );
    expect(newPassword.status).toBe(302);
    const audit = await getDb()
      .selectFrom("audit_event")
      .select("action")
      .where("entity_id", "=", clinician.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain("user.password_changed");
  });

  it("a wrong current password or a mismatch is a field error and changes nothing", async () => {
    const { patientA } = await createClinicWithCast(getDb());
    const cookie = await sessionCookieFor(patientA.id);
    const wrong = await run(
      meAccount.action,
      await postRequest(
        "/me/account",
        { currentPassword: "nope", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
        { cookie },
      ),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.data.fieldErrors.currentPassword).toMatch(/not your current password/);
    const mismatch = await run(
      meAccount.action,
      await postRequest(
        "/me/account",
        { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: "different-password" },
        { cookie },
      ),
    );
    expect(mismatch.data.fieldErrors.confirmPassword).toBeTruthy();
    // Still signed in, and the old password still works.
    expect((await run(meAccount.loader, await getRequest("/me/account", { cookie }))).status).toBe(200);
    expect(
      (await run(login.action, await postRequest("/login", { email: patientA.email, password: TEST_PASSWORD }))).status,
    ).toBe(302);
  });

  it("guessing the current password is throttled with growing delays, then a right one succeeds", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-07T10:00:00Z"));
    const { patientA } = await createClinicWithCast(getDb());
    const cookie = await sessionCookieFor(patientA.id);
    const attempt = async (currentPassword: string) =>
      run(
        meAccount.action,
        await postRequest(
          "/me/account",
          { currentPassword, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
          { cookie },
        ),
      );
    for (let i = 0; i < THROTTLE.freeFailures; i++) expect((await attempt(`guess-${i}`)).status).toBe(400);
    const held = await attempt(TEST_PASSWORD); // even the right password waits now
    expect(held.status).toBe(429);
    expect(held.headers.get("Retry-After")).toBe("2");
    expect(held.data.fieldErrors.currentPassword).toMatch(/Too many attempts/);
    // A parallel burst after the wait gets one check, not ten.
    vi.setSystemTime(new Date(Date.now() + 2000));
    const burst = await Promise.all(Array.from({ length: 10 }, () => attempt("guess-burst")));
    expect(burst.filter((r) => r.status === 400)).toHaveLength(1);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(9);
    vi.setSystemTime(new Date(Date.now() + 4000));
    const ok = await attempt(TEST_PASSWORD);
    expect(ok.status).toBe(302);
    vi.useRealTimers();
  });

  it("each area's account page is only for its own role", async () => {
    const { clinician, patientA } = await createClinicWithCast(getDb());
    expect((await run(clinicAccount.loader, await getRequest("/clinic/account", { userId: patientA.id }))).status).toBe(
      403,
    );
    expect(
      (await run(meAccount.loader, await getRequest("/me/account", { userId: clinician.id }))).headers.get("Location"),
    ).toBe("/clinic");
    expect((await run(meAccount.loader, await getRequest("/me/account"))).headers.get("Location")).toBe(
      "/login?redirectTo=%2Fme%2Faccount",
    );
  });
});
