import { describe, expect, it } from "vitest";
import * as logRoute from "~/routes/me.log/route.tsx";
import { stageTestNames } from "~/services/patient-plan.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { postRequest, run } from "../../support/requests.ts";
import { clinicWithPlans, validLogForm } from "./plan-fixture.ts";

describe("named tests in a daily log", () => {
  it("keeps the tests the program's stages ask for and drops any other name", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const programTests = c.program.stages.flatMap(stageTestNames);
    expect(programTests).toContain("hop");
    const ids = c.stage.prescription.exercises.map((e) => e.id);
    const form = validLogForm(c.today, ids, {
      "testPain.hop": "4",
      "testPain.made_up_test": "9",
      "testPain.constructor": "1",
    });
    const res = await run(logRoute.action, await postRequest("/me/log", form, { userId: c.patientA.id }));
    expect(res.status).toBe(302);
    const log = await db
      .selectFrom("daily_log")
      .select("test_pain")
      .where("plan_id", "=", c.planA)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(log.test_pain!)).toEqual({ hop: 4 });
  });

  it("a log naming only unknown tests stores no test pain at all", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const ids = c.stage.prescription.exercises.map((e) => e.id);
    const form = validLogForm(c.today, ids, { "testPain.made_up_test": "9" });
    expect((await run(logRoute.action, await postRequest("/me/log", form, { userId: c.patientA.id }))).status).toBe(
      302,
    );
    const log = await db
      .selectFrom("daily_log")
      .select("test_pain")
      .where("plan_id", "=", c.planA)
      .executeTakeFirstOrThrow();
    expect(log.test_pain).toBeNull();
  });
});
