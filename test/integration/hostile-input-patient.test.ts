import { describe, expect, it } from "vitest";
import * as invite from "~/routes/invite.$token.tsx";
import * as login from "~/routes/login.tsx";
import * as loginLink from "~/routes/login_.link.tsx";
import * as logout from "~/routes/logout.tsx";
import * as meAccount from "~/routes/me.account.tsx";
import * as meHistory from "~/routes/me.history.tsx";
import * as meLog from "~/routes/me.log/route.tsx";
import * as questionnaire from "~/routes/me.questionnaires.$kind.tsx";
import * as meTests from "~/routes/me.tests.tsx";
import * as signInByLink from "~/routes/sign-in.$token.tsx";
import * as unsubscribe from "~/routes/unsubscribe.$token.tsx";
import * as patientPage from "~/routes/clinic.patients.$patientId/route.tsx";
import { reissueInvite } from "~/services/patient-enrolment.server.ts";
import { unsubscribeTokenFor } from "~/services/reminder-setting.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { createPatient, TEST_PASSWORD } from "../support/factories.ts";
import { getRequest, postRequest, run } from "../support/requests.ts";
import { hammer, toForm, totals, type Target } from "./hostile-input-harness.ts";
import { clinicWithPlans, validLogForm } from "./me/plan-fixture.ts";

// Hostile input to every patient-side and anonymous action (see hostile-input-harness.ts for what is posted and asserted).
describe("hostile input: patient and sign-in actions", () => {
  it("never a 5xx, a throw, a partial row or a polluted prototype", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const ids = c.stage.prescription.exercises.map((e) => e.id);
    const p = c.patientA.id;
    const invitee = await createPatient(db, c.clinic.id, c.clinician.id, { withPassword: false });
    const clinician = (await db
      .selectFrom("app_user")
      .selectAll()
      .where("id", "=", c.clinician.id)
      .executeTakeFirstOrThrow()) as never;
    const visa = toForm({
      ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`items.${i}`, "5"])),
      item8Branch: "a",
      item8Minutes: "2",
    });
    const targets: Target[] = [
      {
        name: "me.log log",
        action: meLog.action,
        path: "/me/log",
        userId: p,
        base: toForm(validLogForm(c.today, ids)),
        hasFields: true,
      },
      {
        name: "me.log checkin",
        action: meLog.action,
        path: "/me/log",
        userId: p,
        base: toForm({ intent: "checkin", date: c.today, morningPain: "2", morningStiffness: "1" }),
        hasFields: true,
      },
      {
        name: "me.tests",
        action: meTests.action,
        path: "/me/tests",
        userId: p,
        base: toForm({
          "results.0.measure": "single_leg_heel_raise_reps",
          "results.0.side": "left",
          "results.0.value": "20",
          "results.1.measure": "single_leg_heel_raise_reps",
          "results.1.side": "right",
          "results.1.value": "15",
        }),
        hasFields: true,
      },
      {
        name: "me.questionnaires visa-a",
        action: questionnaire.action,
        path: "/me/questionnaires/visa-a",
        params: { kind: "visa-a" },
        userId: p,
        base: visa,
        hasFields: true,
      },
      {
        name: "me.questionnaires visa-p",
        action: questionnaire.action,
        path: "/me/questionnaires/visa-p",
        params: { kind: "visa-p" },
        userId: p,
        base: visa,
        hasFields: true,
      },
      {
        name: "me.questionnaires lefs",
        action: questionnaire.action,
        path: "/me/questionnaires/lefs",
        params: { kind: "lefs" },
        userId: p,
        base: toForm(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`items.${i}`, "3"]))),
        hasFields: true,
      },
      {
        name: "me.questionnaires psfs",
        action: questionnaire.action,
        path: "/me/questionnaires/psfs",
        params: { kind: "psfs" },
        userId: p,
        base: toForm({
          "activities.0.name": "running",
          "activities.0.score": "4",
          "activities.1.name": "stairs",
          "activities.1.score": "7",
          "activities.2.name": "hopping",
          "activities.2.score": "2",
        }),
        hasFields: true,
      },
      {
        name: "me.account",
        action: meAccount.action,
        path: "/me/account",
        userId: c.patientB.id,
        base: toForm({
          currentPassword: TEST_PASSWORD,
          newPassword: "a much longer password",
          confirmPassword: "a much longer password",
        }),
        mayWriteOn4xx: ["sign_in_throttle"],
        hasFields: true,
      },
      {
        name: "login",
        action: login.action,
        path: "/login",
        base: toForm({ email: c.patientB.email, password: TEST_PASSWORD, redirectTo: "/me" }),
        mayWriteOn4xx: ["sign_in_throttle"],
        hasFields: true,
      },
      {
        name: "invite",
        action: invite.action,
        path: "/invite/x",
        base: toForm({ password: "a long enough password", confirmPassword: "a long enough password" }),
        prepare: async () => {
          const path = await reissueInvite(db, clinician, invitee.id);
          return path;
        },
        hasFields: true,
      },
      {
        name: "me.account reminders",
        action: meAccount.action,
        path: "/me/account",
        userId: c.patientB.id,
        base: toForm({ intent: "reminders", remindAt: "18:30" }),
        hasFields: true,
      },
      {
        // An address nobody has: no link is made in the background, so a later run's snapshot sees no late write.
        name: "login link",
        action: loginLink.action,
        path: "/login/link",
        base: toForm({ email: "nobody-hostile@example.test" }),
        mayWriteOn4xx: ["sign_in_throttle"],
        hasFields: true,
      },
      {
        name: "sign-in link",
        action: signInByLink.action,
        path: "/sign-in/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        params: { token: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
        base: [],
      },
      {
        name: "unsubscribe",
        action: unsubscribe.action,
        path: `/unsubscribe/${unsubscribeTokenFor(c.patientB.id)}`,
        params: { token: unsubscribeTokenFor(c.patientB.id) },
        base: toForm({ "List-Unsubscribe": "One-Click" }),
      },
      { name: "logout", action: logout.action, path: "/logout", userId: p, base: [] },
    ];
    const summary: Record<string, Record<number, number>> = {};
    for (const t of targets) {
      if (t.name === "invite") {
        // The token is in the URL: route params follow each run's fresh invite.
        const prepare = t.prepare!;
        t.prepare = async () => {
          const path = (await prepare()) as string;
          t.params = { token: path.split("/").pop()! };
          return path;
        };
      }
      summary[t.name] = await hammer(t);
    }
    console.info("hostile input (patient side):", JSON.stringify({ totals, summary }));
  }, 120_000);

  it("a valid log whose notes are a script is stored and answered as text, on the patient's and the clinician's page", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const ids = c.stage.prescription.exercises.map((e) => e.id);
    const script = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    const res = await run(
      meLog.action,
      await postRequest("/me/log", validLogForm(c.today, ids, { notes: script }), { userId: c.patientA.id }),
    );
    expect(res.status).toBe(302);
    const stored = await db
      .selectFrom("daily_log")
      .select("notes")
      .where("plan_id", "=", c.planA)
      .executeTakeFirstOrThrow();
    expect(stored.notes).toBe(script);

    const history = await run(meHistory.loader, await getRequest("/me/history", { userId: c.patientA.id }));
    expect(history.status).toBe(200);
    const logs = JSON.stringify(history.data);
    expect(logs).toContain(JSON.stringify(script).slice(1, -1)); // a plain string in the data, for React to escape

    const page = await run(
      patientPage.loader,
      await getRequest(`/clinic/patients/${c.patientA.id}`, { userId: c.clinician.id }),
      { patientId: c.patientA.id },
    );
    expect(page.status).toBe(200);
    // Rendered as React renders a text child: escaped, so no element is ever made of it.
    const { renderToStaticMarkup } = await import("react-dom/server");
    const { createElement } = await import("react");
    const html = renderToStaticMarkup(createElement("span", null, stored.notes));
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });
});
