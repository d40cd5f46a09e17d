import { describe, expect, it } from "vitest";
import { addDays } from "~/engine/index.ts";
import * as triage from "~/routes/clinic._index/route.tsx";
import * as patientPage from "~/routes/clinic.patients.$patientId/route.tsx";
import * as logRoute from "~/routes/me.log/route.tsx";
import { getDb } from "~/utils/db.server.ts";
import { getRequest, postRequest, run } from "../../support/requests.ts";
import { validLogForm } from "../me/plan-fixture.ts";
import { clinicWithProgram, planStartedDaysAgo } from "./fixtures.ts";

// Issue 16 item 2: a clinician marks a flag reviewed (optional note, audited); the patient leaves "needs you" on
// triage until something new happens. The test program's red-flag pain is 7/10.

const page = (patientId: string) => `/clinic/patients/${patientId}`;

async function logDay(patientId: string, date: string, painDuring: string) {
  const res = await run(
    logRoute.action,
    await postRequest("/me/log", validLogForm(date, ["heel-raise"], { painDuring, notes: "" }), { userId: patientId }),
  );
  expect(res.status).toBe(302);
}

async function redFlagToday() {
  const db = getDb();
  const cast = await clinicWithProgram(db);
  const { planId, today } = await planStartedDaysAgo(db, cast, 3);
  await logDay(cast.patientA.id, today, "8");
  const record = await run(
    patientPage.loader,
    await getRequest(page(cast.patientA.id), { userId: cast.clinician.id }),
    {
      patientId: cast.patientA.id,
    },
  );
  const latest = record.data.decisions[0];
  expect(latest.flags.map((f: { code: string }) => f.code)).toContain("red_flag_pain");
  expect(record.data.flagReview.pending).toMatchObject({ decisionId: latest.id, flags: 1, regression: false });
  return { cast, planId, today, decisionId: latest.id as string };
}

const review = async (patientId: string, form: Record<string, string>, userId: string) =>
  run(patientPage.action, await postRequest(page(patientId), { intent: "review-flags", ...form }, { userId }), {
    patientId,
  });
const needsYou = async (userId: string) =>
  (await run(triage.loader, await getRequest("/clinic", { userId }))).data.needsAttention.map(
    (r: { name: string }) => r.name,
  );
const reviewsOf = (planId: string) =>
  getDb().selectFrom("flag_review").selectAll().where("plan_id", "=", planId).execute();

describe("reviewing the engine's flags", () => {
  it("takes a patient with a red flag off 'needs you', keeps the note in the audit trail, until they log again", async () => {
    const db = getDb();
    const { cast, planId, today, decisionId } = await redFlagToday();
    expect(await needsYou(cast.clinician.id)).toEqual(["Patient A"]);

    const res = await review(
      cast.patientA.id,
      { decisionId, reviewNote: "Phoned: a hill walk, settled by the evening" },
      cast.clinician.id,
    );
    expect(res.status).toBe(200);
    expect(await needsYou(cast.clinician.id)).toEqual([]);
    const home = await run(triage.loader, await getRequest("/clinic", { userId: cast.clinician.id }));
    expect(home.data.everyoneElse.map((r: { name: string }) => r.name)).toEqual(["Patient A"]);

    const audit = await db
      .selectFrom("audit_event")
      .selectAll()
      .where("plan_id", "=", planId)
      .where("action", "=", "flags.reviewed")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!)).toMatchObject({ flags: 1, note: "Phoned: a hill walk, settled by the evening" });
    const record = await run(
      patientPage.loader,
      await getRequest(page(cast.patientA.id), { userId: cast.clinician.id }),
      { patientId: cast.patientA.id },
    );
    expect(record.data.flagReview.pending).toBeNull();
    expect(record.data.flagReview.latest).toMatchObject({
      by: "Dr Test Clinician",
      note: expect.stringContaining("hill"),
    });

    // Something new: another log while the red flag stands puts the patient back in front of the clinician.
    await logDay(cast.patientA.id, addDays(today, -1), "2");
    expect(await needsYou(cast.clinician.id)).toEqual(["Patient A"]);
  });

  it("stays reviewed when the plan is evaluated again with nothing new", async () => {
    const { cast, planId, decisionId } = await redFlagToday();
    await review(cast.patientA.id, { decisionId }, cast.clinician.id);
    const evaluated = await run(
      patientPage.action,
      await postRequest(page(cast.patientA.id), { intent: "evaluate", planId }, { userId: cast.clinician.id }),
      { patientId: cast.patientA.id },
    );
    expect(evaluated.status).toBe(200);
    expect(await needsYou(cast.clinician.id)).toEqual([]);
  });

  it("refuses a recommendation without flags (409) and a note over 1000 characters (field error), writing nothing", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const { planId, today } = await planStartedDaysAgo(db, cast, 3);
    await logDay(cast.patientA.id, today, "2");
    const calm = await db
      .selectFrom("decision")
      .select("id")
      .where("plan_id", "=", planId)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    const noFlags = await review(cast.patientA.id, { decisionId: calm.id }, cast.clinician.id);
    expect(noFlags.status).toBe(409);
    expect(noFlags.data.formError).toBe("This recommendation has no flags to review.");
    const tooLong = await review(
      cast.patientA.id,
      { decisionId: calm.id, reviewNote: "x".repeat(1001) },
      cast.clinician.id,
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.data.fieldErrors.reviewNote).toMatch(/under 1000 characters/);
    expect(tooLong.data.values.reviewNote).toHaveLength(1001);
    expect(await reviewsOf(planId)).toEqual([]);
  });

  it("is 404 for another clinic's clinician and through another patient's page, 403 for a patient", async () => {
    const { cast, planId, decisionId } = await redFlagToday();
    expect((await review(cast.patientA.id, { decisionId }, cast.other.clinician.id)).status).toBe(404);
    expect((await review(cast.patientB.id, { decisionId }, cast.clinician.id)).status).toBe(404);
    expect((await review(cast.patientA.id, { decisionId }, cast.patientA.id)).status).toBe(403);
    expect(await reviewsOf(planId)).toEqual([]);
    expect(await needsYou(cast.clinician.id)).toEqual(["Patient A"]);
  });
});
