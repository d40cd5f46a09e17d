import { describe, expect, it } from "vitest";
import { addDays } from "~/engine/index.ts";
import * as logRoute from "~/routes/me.log/route.tsx";
import * as savedRoute from "~/routes/me.log_.saved.tsx";
import { getDb } from "~/utils/db.server.ts";
import { countRows } from "../../support/factories.ts";
import { getRequest, postRequest, run } from "../../support/requests.ts";
import { clinicWithPlans, validLogForm } from "./plan-fixture.ts";

const logsOf = (planId: string) => getDb().selectFrom("daily_log").selectAll().where("plan_id", "=", planId).execute();

describe("the daily log", () => {
  it("a valid log is stored for the patient's local day, evaluated, and answered on a separate page (Post/Redirect/Get)", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const ids = c.stage.prescription.exercises.map((e) => e.id);
    const decisionsBefore = await countRows(db, "decision");

    const res = await run(
      logRoute.action,
      await postRequest("/me/log", validLogForm(c.today, ids), { userId: c.patientA.id }),
    );
    expect(res.status).toBe(302);
    const location = res.headers.get("Location")!;
    expect(location).toMatch(new RegExp(`^/me/log/saved\\?date=${c.today}&decision=`));

    const [log] = await logsOf(c.planA);
    expect(log).toMatchObject({
      log_date: c.today,
      morning_pain: 2,
      morning_stiffness: 1,
      session_done: "done",
      pain_during: 3,
      pain_after: 2,
      session_rpe: 5,
      session_minutes: 30,
      swelling: "none",
      notes: "Felt fine",
      edit_count: 0,
      patient_id: c.patientA.id,
      clinic_id: c.clinic.id,
    });
    expect(JSON.parse(log!.exercises!)[0]).toEqual({
      exerciseId: ids[0],
      status: "partial",
      sets: 3,
      reps: 8,
      loadKg: null,
    });
    expect(JSON.parse(log!.other_activities!)).toEqual([{ label: "walk", minutes: 40, rpe: 3 }]);
    expect(await countRows(db, "decision")).toBe(decisionsBefore + 1);

    const saved = await run(savedRoute.loader, await getRequest(location, { userId: c.patientA.id }));
    expect(saved.status).toBe(200);
    expect(saved.data.view.answer.headline).toBe("Pain stayed within your plan's limits — keep going");
    expect(saved.data.view.recorded).toContain("Session: done — pain during 3/10, after 2/10, effort 5/10, 30 min");
    expect(saved.data.view.recorded).toContain("walk: 40 min, effort 3/10");
  });

  it("submitting again for the same day edits that day's log, counts the edit and audits it", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const ids = c.stage.prescription.exercises.map((e) => e.id);
    await run(logRoute.action, await postRequest("/me/log", validLogForm(c.today, ids), { userId: c.patientA.id }));
    await run(
      logRoute.action,
      await postRequest("/me/log", validLogForm(c.today, ids, { painDuring: "4" }), { userId: c.patientA.id }),
    );

    const logs = await logsOf(c.planA);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ pain_during: 4, edit_count: 1 });
    const edits = await db
      .selectFrom("audit_event")
      .selectAll()
      .where("action", "=", "daily_log.edited")
      .where("entity_id", "=", logs[0]!.id)
      .execute();
    expect(edits).toHaveLength(1);
    expect(edits[0]!.actor_id).toBe(c.patientA.id);
  });

  it("two submits of the same day at the same moment leave one log and no error", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const ids = c.stage.prescription.exercises.map((e) => e.id);
    const results = await Promise.all([
      run(logRoute.action, await postRequest("/me/log", validLogForm(c.today, ids), { userId: c.patientA.id })),
      run(logRoute.action, await postRequest("/me/log", validLogForm(c.today, ids), { userId: c.patientA.id })),
    ]);
    expect(results.map((r) => r.status)).toEqual([302, 302]);
    const logs = await logsOf(c.planA);
    expect(logs).toHaveLength(1);
    expect(logs[0]!.edit_count).toBe(1);
  });

  it("the saved log and the decision it leads to are written together, the decision seeing that very log", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const ids = c.stage.prescription.exercises.map((e) => e.id);
    await run(
      logRoute.action,
      await postRequest("/me/log", validLogForm(c.today, ids, { painDuring: "4" }), { userId: c.patientA.id }),
    );
    const [log] = await logsOf(c.planA);
    const decision = await db
      .selectFrom("decision")
      .selectAll()
      .where("plan_id", "=", c.planA)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(decision.evaluated_for).toBe(c.today);
    // The engine's load figures include the day just logged: session 5 × 30 min plus the walk 3 × 40 min.
    expect(JSON.parse(decision.load!).daily.at(-1)).toEqual({ date: c.today, load: 5 * 30 + 3 * 40 });
    expect(log!.updated_at <= decision.created_at).toBe(true);
  });

  it("an engine fault never costs the patient their log: it is kept, without a decision", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const ids = c.stage.prescription.exercises.map((e) => e.id);
    // A plan whose stage is missing from its program makes the engine refuse the input.
    await db.updateTable("plan").set({ current_stage_id: "no-such-stage" }).where("id", "=", c.planA).execute();
    const decisionsBefore = await countRows(db, "decision");
    const res = await run(
      logRoute.action,
      await postRequest("/me/log", validLogForm(c.today, ids), { userId: c.patientA.id }),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/me/log/saved?date=${c.today}`);
    expect(await logsOf(c.planA)).toHaveLength(1);
    expect(await countRows(db, "decision")).toBe(decisionsBefore);
  });

  it("pain above the program's limit regresses the plan at once and says so in plain words", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db, { stageIndex: 1 });
    const ids = c.stage.prescription.exercises.map((e) => e.id);
    const res = await run(
      logRoute.action,
      await postRequest("/me/log", validLogForm(c.today, ids, { painDuring: "7" }), { userId: c.patientA.id }),
    );
    const saved = await run(
      savedRoute.loader,
      await getRequest(res.headers.get("Location")!, { userId: c.patientA.id }),
    );
    expect(saved.data.view.answer.tone).toBe("warning");
    expect(saved.data.view.answer.headline).toMatch(/^Pain went above 5\/10 — .*your physio has been told$/);
    const decision = await db
      .selectFrom("decision")
      .selectAll()
      .where("plan_id", "=", c.planA)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(decision.outcome).toBe("regress");
    expect(decision.status).toBe("applied");
  });

  it("invalid answers come back as field errors with what was typed, and nothing is written", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const ids = c.stage.prescription.exercises.map((e) => e.id);
    const before = {
      logs: await countRows(db, "daily_log"),
      decisions: await countRows(db, "decision"),
      audit: await countRows(db, "audit_event"),
    };
    const form = validLogForm(c.today, ids, {
      painDuring: "",
      morningPain: "11",
      sessionDone: "",
      "exercises.0.status": "maybe",
      "otherActivities.1.minutes": "20",
      notes: "kept",
    });
    const res = await run(logRoute.action, await postRequest("/me/log", form, { userId: c.patientA.id }));
    expect(res.status).toBe(400);
    expect(Object.keys(res.data.fieldErrors).sort()).toEqual([
      "exercises.0.status",
      "morningPain",
      "otherActivities.1.label",
      "otherActivities.1.rpe",
      "sessionDone",
    ]);
    expect(res.data.values.notes).toBe("kept");
    expect(await countRows(db, "daily_log")).toBe(before.logs);
    expect(await countRows(db, "decision")).toBe(before.decisions);
    expect(await countRows(db, "audit_event")).toBe(before.audit);
  });

  it("a session without pain during is refused: the plan is steered by it", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const res = await run(
      logRoute.action,
      await postRequest("/me/log", validLogForm(c.today, [], { painDuring: "" }), { userId: c.patientA.id }),
    );
    expect(res.status).toBe(400);
    expect(res.data.fieldErrors.painDuring).toMatch(/during the session/);
    expect(await logsOf(c.planA)).toHaveLength(0);
  });

  it("a day outside the edit window, or in the future, is refused and nothing is written", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    for (const date of [addDays(c.today, -4), addDays(c.today, 1)]) {
      const res = await run(
        logRoute.action,
        await postRequest("/me/log", validLogForm(date, []), { userId: c.patientA.id }),
      );
      expect(res.status).toBe(400);
      expect(res.data.fieldErrors.date).toBeTruthy();
    }
    expect(await logsOf(c.planA)).toHaveLength(0);
  });

  it("a past day inside the window can be logged later and shows as that day's log", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const yesterday = addDays(c.today, -1);
    const res = await run(
      logRoute.action,
      await postRequest(`/me/log?date=${yesterday}`, validLogForm(yesterday, []), { userId: c.patientA.id }),
    );
    expect(res.status).toBe(302);
    const page = await run(logRoute.loader, await getRequest(`/me/log?date=${yesterday}`, { userId: c.patientA.id }));
    expect(page.data.view.existing.painDuring).toBe("3");
    expect(page.data.view.editable).toBe(true);
  });

  it("the morning check-in creates the day's log without a session, and a later full log completes it", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const res = await run(
      logRoute.action,
      await postRequest(
        "/me/log",
        { intent: "checkin", date: c.today, morningPain: "3", morningStiffness: "2" },
        { userId: c.patientA.id },
      ),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toContain("checkin=1");
    expect((await logsOf(c.planA))[0]).toMatchObject({ morning_pain: 3, morning_stiffness: 2, session_done: "none" });

    const missing = await run(
      logRoute.action,
      await postRequest("/me/log", { intent: "checkin", date: c.today, morningPain: "" }, { userId: c.patientA.id }),
    );
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.data.fieldErrors).sort()).toEqual(["morningPain", "morningStiffness"]);
  });

  it("one patient's save never touches another patient's plan, and their answer page is a 404", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const res = await run(
      logRoute.action,
      await postRequest("/me/log", validLogForm(c.today, []), { userId: c.patientA.id }),
    );
    expect(await logsOf(c.planB)).toHaveLength(0);
    const location = res.headers.get("Location")!;
    const asB = await run(savedRoute.loader, await getRequest(location, { userId: c.patientB.id }));
    expect(asB.status).toBe(404);
  });

  it("a clinician following a patient link is sent to the clinic, and nothing is written", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const before = await countRows(db, "daily_log");
    const page = await run(logRoute.loader, await getRequest("/me/log", { userId: c.clinician.id }));
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe("/clinic");
    const post = await run(
      logRoute.action,
      await postRequest("/me/log", validLogForm(c.today, []), { userId: c.clinician.id }),
    );
    expect(post.status).toBe(302);
    expect(post.headers.get("Location")).toBe("/clinic");
    expect(await countRows(db, "daily_log")).toBe(before);
  });

  it("a patient without a plan sees an empty state, and a post is a 404", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const { createPatient } = await import("../../support/factories.ts");
    const planless = await createPatient(db, c.clinic.id, c.clinician.id);
    const page = await run(logRoute.loader, await getRequest("/me/log", { userId: planless.id }));
    expect(page.data.view).toBeNull();
    const post = await run(
      logRoute.action,
      await postRequest("/me/log", validLogForm(c.today, []), { userId: planless.id }),
    );
    expect(post.status).toBe(404);
  });
});
