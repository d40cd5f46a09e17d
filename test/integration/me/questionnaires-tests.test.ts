import { describe, expect, it } from "vitest";
import * as questionnaire from "~/routes/me.questionnaires.$kind.tsx";
import * as selfTests from "~/routes/me.tests.tsx";
import { getDb } from "~/utils/db.server.ts";
import { countRows } from "../../support/factories.ts";
import { getRequest, postRequest, run } from "../../support/requests.ts";
import { clinicWithPlans } from "./plan-fixture.ts";

const measurementsOf = (planId: string) =>
  getDb().selectFrom("measurement").selectAll().where("plan_id", "=", planId).execute();

function visaForm(items: number[], branch: string, minutes: number) {
  return {
    ...Object.fromEntries(items.map((v, i) => [`items.${i}`, String(v)])),
    item8Branch: branch,
    item8Minutes: String(minutes),
  };
}

describe("questionnaires", () => {
  it("VISA-A is scored by the engine (item 8 from its branch and minutes), stored with its answers, and re-evaluated", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const decisions = await countRows(db, "decision");
    // Items 1–7: 6+7+8+5+6+4+7 = 43; item 8 branch B, 11–20 minutes = 10 → 53.
    const res = await run(
      questionnaire.action,
      await postRequest("/me/questionnaires/visa-a", visaForm([6, 7, 8, 5, 6, 4, 7], "b", 2), {
        userId: c.patientA.id,
      }),
      { kind: "visa-a" },
    );
    expect(res.status).toBe(302);
    const [row] = await measurementsOf(c.planA);
    expect(row).toMatchObject({
      measure: "visa_a",
      value: 53,
      side: null,
      recorded_by: c.patientA.id,
      measured_on: c.today,
    });
    expect(JSON.parse(row!.answers!)).toEqual({
      items: [6, 7, 8, 5, 6, 4, 7, 10],
      item8: { branch: "b", minutesChoice: 2 },
    });
    expect(await countRows(db, "decision")).toBe(decisions + 1);
    const page = await run(
      questionnaire.loader,
      await getRequest(res.headers.get("Location")!, { userId: c.patientA.id }),
      { kind: "visa-a" },
    );
    expect(page.data.view.previous[0]).toMatchObject({ id: row!.id, value: 53 });
  });

  it("LEFS sums 20 items and PSFS averages the named activities", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const lefs = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`items.${i}`, String(i % 5)]));
    await run(questionnaire.action, await postRequest("/me/questionnaires/lefs", lefs, { userId: c.patientA.id }), {
      kind: "lefs",
    });
    const psfs = {
      "activities.0.name": "Running",
      "activities.0.score": "4",
      "activities.1.name": "Stairs",
      "activities.1.score": "7",
      "activities.2.name": "Jumping",
      "activities.2.score": "2",
      "activities.3.name": "",
      "activities.4.name": "",
    };
    await run(questionnaire.action, await postRequest("/me/questionnaires/psfs", psfs, { userId: c.patientA.id }), {
      kind: "psfs",
    });
    const rows = await measurementsOf(c.planA);
    expect(rows.find((r) => r.measure === "lefs")!.value).toBe(40);
    expect(rows.find((r) => r.measure === "psfs")!.value).toBe(4.33);
  });

  it("unanswered items are field errors on each item, and nothing is written", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const before = { m: await countRows(db, "measurement"), d: await countRows(db, "decision") };
    const res = await run(
      questionnaire.action,
      await postRequest("/me/questionnaires/visa-p", { "items.0": "5", "items.3": "12" }, { userId: c.patientA.id }),
      { kind: "visa-p" },
    );
    expect(res.status).toBe(400);
    expect(Object.keys(res.data.fieldErrors).sort()).toEqual([
      "item8Branch",
      "item8Minutes",
      "items.1",
      "items.2",
      "items.3",
      "items.4",
      "items.5",
      "items.6",
    ]);
    const psfs = await run(
      questionnaire.action,
      await postRequest(
        "/me/questionnaires/psfs",
        { "activities.0.name": "Running", "activities.0.score": "4" },
        { userId: c.patientA.id },
      ),
      { kind: "psfs" },
    );
    expect(psfs.status).toBe(400);
    expect(psfs.data.fieldErrors.activities).toMatch(/three/);
    expect(await countRows(db, "measurement")).toBe(before.m);
    expect(await countRows(db, "decision")).toBe(before.d);
  });

  it("an unknown questionnaire is a 404, a clinician is redirected, and another patient's plan is untouched", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const unknown = await run(
      questionnaire.loader,
      await getRequest("/me/questionnaires/koos", { userId: c.patientA.id }),
      { kind: "koos" },
    );
    expect(unknown.status).toBe(404);
    const clinician = await run(
      questionnaire.action,
      await postRequest("/me/questionnaires/visa-a", visaForm([1, 1, 1, 1, 1, 1, 0], "a", 0), {
        userId: c.clinician.id,
      }),
      { kind: "visa-a" },
    );
    expect(clinician.status).toBe(302);
    expect(clinician.headers.get("Location")).toBe("/clinic");
    await run(
      questionnaire.action,
      await postRequest("/me/questionnaires/visa-a", visaForm([1, 1, 1, 1, 1, 1, 0], "a", 0), {
        userId: c.patientA.id,
      }),
      { kind: "visa-a" },
    );
    expect(await measurementsOf(c.planB)).toHaveLength(0);
    // B's page never lists A's scores, even with A's measurement id in the address.
    const [aRow] = await measurementsOf(c.planA);
    const asB = await run(
      questionnaire.loader,
      await getRequest(`/me/questionnaires/visa-a?saved=${aRow!.id}`, { userId: c.patientB.id }),
      { kind: "visa-a" },
    );
    expect(asB.data.view.previous).toEqual([]);
  });
});

describe("self-tests", () => {
  it("offers single-leg heel raises for both legs when the stage's gates ask for them, and stores each side", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const page = await run(selfTests.loader, await getRequest("/me/tests", { userId: c.patientA.id }));
    expect(page.data.tests.map((t: { measure: string; sides: string[] }) => [t.measure, t.sides])).toEqual([
      ["single_leg_heel_raise_reps", ["right", "left"]],
    ]);
    const decisions = await countRows(db, "decision");
    const form = {
      "results.0.measure": "single_leg_heel_raise_reps",
      "results.0.side": "right",
      "results.0.value": "12",
      "results.1.measure": "single_leg_heel_raise_reps",
      "results.1.side": "left",
      "results.1.value": "25",
    };
    const res = await run(selfTests.action, await postRequest("/me/tests", form, { userId: c.patientA.id }));
    expect(res.status).toBe(302);
    const rows = await measurementsOf(c.planA);
    expect(rows.map((r) => [r.side, r.value]).sort()).toEqual([
      ["left", 25],
      ["right", 12],
    ]);
    expect(await countRows(db, "decision")).toBe(decisions + 1);
  });

  it("an empty form, a bad number or a test the stage doesn't ask for is refused and nothing is written", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const before = await countRows(db, "measurement");
    const empty = await run(
      selfTests.action,
      await postRequest(
        "/me/tests",
        { "results.0.measure": "single_leg_heel_raise_reps", "results.0.side": "right", "results.0.value": "" },
        { userId: c.patientA.id },
      ),
    );
    expect(empty.status).toBe(400);
    expect(empty.data.fieldErrors.results).toBeTruthy();
    const bad = await run(
      selfTests.action,
      await postRequest(
        "/me/tests",
        {
          "results.0.measure": "single_leg_heel_raise_reps",
          "results.0.side": "right",
          "results.0.value": "",
          "results.1.measure": "single_leg_heel_raise_reps",
          "results.1.side": "left",
          "results.1.value": "lots",
        },
        { userId: c.patientA.id },
      ),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.fieldErrors)).toEqual(["results.1.value"]);
    const notAsked = await run(
      selfTests.action,
      await postRequest(
        "/me/tests",
        { "results.0.measure": "quad_strength_nm", "results.0.side": "right", "results.0.value": "150" },
        { userId: c.patientA.id },
      ),
    );
    expect(notAsked.status).toBe(400);
    expect(notAsked.data.fieldErrors["results.0.value"]).toMatch(/doesn't ask/);
    expect(await countRows(db, "measurement")).toBe(before);
  });

  it("a clinician is redirected and writes nothing", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const before = await countRows(db, "measurement");
    const res = await run(
      selfTests.action,
      await postRequest(
        "/me/tests",
        { "results.0.measure": "single_leg_heel_raise_reps", "results.0.side": "right", "results.0.value": "10" },
        { userId: c.clinician.id },
      ),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/clinic");
    expect(await countRows(db, "measurement")).toBe(before);
  });
});
