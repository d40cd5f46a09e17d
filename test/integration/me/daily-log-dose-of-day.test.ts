import { describe, expect, it } from "vitest";
import { addDays } from "~/engine/index.ts";
import { insertPersonalDose, type ExerciseDose } from "~/models/personal-dose.server.ts";
import * as logRoute from "~/routes/me.log/route.tsx";
import { getDb } from "~/utils/db.server.ts";
import { getRequest, postRequest, run } from "../../support/requests.ts";
import { clinicWithPlans, validLogForm } from "./plan-fixture.ts";

// The log of an earlier day shows the dose the patient had that day, not today's: a physio's change since then
// must not rewrite what "did them all" meant on that day.

async function tailor(
  planId: string,
  clinicId: string,
  stageId: string,
  version: number,
  exercise: ExerciseDose,
  at: string,
) {
  const db = getDb();
  await insertPersonalDose(db, {
    clinicId,
    planId,
    version,
    stageId,
    stageEnteredOn: (
      await db.selectFrom("plan").select("stage_entered_on").where("id", "=", planId).executeTakeFirstOrThrow()
    ).stage_entered_on,
    programVersion: 1,
    exercises: [{ exerciseId: exercise.id, origin: "program", dropped: false, dose: exercise }],
    run: null,
    cause: "tailored",
    reason: "test",
    changedBy: null,
  });
  await db
    .updateTable("personal_dose")
    .set({ created_at: at })
    .where("plan_id", "=", planId)
    .where("version", "=", version)
    .execute();
}

describe("the log of an earlier day", () => {
  it("shows the dose in effect that day, and 'did them all' records that dose", async () => {
    const c = await clinicWithPlans(getDb());
    const { source: _source, ...first } = c.stage.prescription.exercises[0]!;
    // Three days ago the physio set 5 sets; this morning 2.
    await tailor(c.planA, c.clinic.id, c.stage.id, 1, { ...first, sets: 5 }, `${addDays(c.today, -3)}T12:00:00.000Z`);
    await tailor(c.planA, c.clinic.id, c.stage.id, 2, { ...first, sets: 2 }, new Date().toISOString());
    const user = { userId: c.patientA.id };
    const setsOn = async (date: string) =>
      (await run(logRoute.loader, await getRequest(`/me/log?date=${date}`, user))).data.view.exercises[0].sets;

    expect(await setsOn(c.today)).toBe(2);
    expect(await setsOn(addDays(c.today, -2))).toBe(5);
    expect(await setsOn(addDays(c.today, -4))).toBe(first.sets);

    const twoDaysAgo = addDays(c.today, -2);
    const res = await run(
      logRoute.action,
      await postRequest(`/me/log?date=${twoDaysAgo}`, { ...validLogForm(twoDaysAgo, []), sessionDone: "done" }, user),
    );
    expect(res.status).toBe(302);
    const log = await getDb()
      .selectFrom("daily_log")
      .selectAll()
      .where("plan_id", "=", c.planA)
      .where("log_date", "=", twoDaysAgo)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(log.exercises!)[0]).toMatchObject({ exerciseId: first.id, status: "done", sets: 5 });
  });
});
