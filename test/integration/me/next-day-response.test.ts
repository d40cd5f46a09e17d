import { describe, expect, it } from "vitest";
import { addDays, type Check } from "~/engine/index.ts";
import * as logRoute from "~/routes/me.log/route.tsx";
import * as savedRoute from "~/routes/me.log_.saved.tsx";
import { getDb } from "~/utils/db.server.ts";
import { getRequest, postRequest, run } from "../../support/requests.ts";
import { clinicWithPlans, validLogForm } from "./plan-fixture.ts";

async function latestDecision(planId: string) {
  return getDb()
    .selectFrom("decision")
    .selectAll()
    .where("plan_id", "=", planId)
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
}

describe("next-day responses logged by the patient reach the engine's decision", () => {
  it("the log asks a patellar patient for the decline squat with the morning check-in", async () => {
    const c = await clinicWithPlans(getDb(), { programId: "patellar-malliaras-2015", stageIndex: 1 });
    const page = await run(logRoute.loader, await getRequest("/me/log", { userId: c.patientA.id }));
    expect(page.data.view.tests).toContainEqual({
      name: "decline_squat",
      label: "Single-leg decline squat",
      morning: true,
      instructions: expect.stringMatching(/^Once each morning, before any exercise: squat slowly on the painful leg/),
    });
  });

  it("a decline squat logged 3 points above its usual level the morning after heavy leg press keeps the load (24-hour rule)", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db, { programId: "patellar-malliaras-2015", stageIndex: 1 });
    const ids = c.stage.prescription.exercises.map((e) => e.id);
    const post = async (date: string, fields: Record<string, string>) => {
      const res = await run(
        logRoute.action,
        await postRequest(`/me/log?date=${date}`, validLogForm(date, ids, fields), { userId: c.patientA.id }),
      );
      expect(res.status).toBe(302);
    };
    for (const back of [3, 2, 1]) await post(addDays(c.today, -back), { "testPain.decline_squat": "2" });
    await post(c.today, { sessionDone: "none", "testPain.decline_squat": "5" });

    const decision = await latestDecision(c.planA);
    expect(decision.evaluated_for).toBe(c.today);
    expect(decision.outcome).toBe("regress");
    expect(decision.to_stage_id).toBe("isotonic");
    const checks = JSON.parse(decision.checks) as Check[];
    expect(checks.find((k) => k.id === "pain-beyond-24h.latest-not-settled")).toMatchObject({
      status: "met",
      observed: 3,
    });
  });

  it("slight swelling after a walk-run session repeats the phase: the plan stays and the phase starts over today", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db, { programId: "ankle-sprain-walk-run", stageIndex: 1 });
    const res = await run(
      logRoute.action,
      await postRequest("/me/log", validLogForm(c.today, [], { painDuring: "1", swelling: "trace" }), {
        userId: c.patientA.id,
      }),
    );
    expect(res.status).toBe(302);
    const decision = await latestDecision(c.planA);
    expect(decision).toMatchObject({ outcome: "regress", to_stage_id: "walk-run-phase-2", status: "applied" });
    const fired = (JSON.parse(decision.checks) as Check[]).filter((k) => k.role === "regress" && k.status === "met");
    expect(fired.map((k) => k.id)).toEqual(["mild-swelling-repeat.swelling-trace"]);
    const plan = await db
      .selectFrom("plan")
      .select(["current_stage_id", "stage_entered_on", "last_regress_on"])
      .where("id", "=", c.planA)
      .executeTakeFirstOrThrow();
    expect(plan).toEqual({
      current_stage_id: "walk-run-phase-2",
      stage_entered_on: c.today,
      last_regress_on: c.today,
    });
    // The patient's answer says what happens: the phase starts over (not "ease off").
    const saved = await run(
      savedRoute.loader,
      await getRequest(res.headers.get("Location")!, { userId: c.patientA.id }),
    );
    expect(saved.data.view.answer.headline).toMatch(/you repeat this stage from the start/);
  });
});
