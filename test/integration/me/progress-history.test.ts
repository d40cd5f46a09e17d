import { describe, expect, it } from "vitest";
import { addDays } from "~/engine/index.ts";
import * as history from "~/routes/me.history.tsx";
import * as logRoute from "~/routes/me.log/route.tsx";
import * as savedRoute from "~/routes/me.log_.saved.tsx";
import * as progress from "~/routes/me.progress.tsx";
import * as today from "~/routes/me._index.tsx";
import { evaluatePlan } from "~/services/evaluation.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { createPatient } from "../../support/factories.ts";
import { getRequest, postRequest, run } from "../../support/requests.ts";
import { clinicWithPlans, validLogForm } from "./plan-fixture.ts";

describe("Today, progress and history", () => {
  it("Today's 'where you are' is Progress's, not yesterday's recorded decision (days in stage move on overnight)", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const yesterday = addDays(c.today, -1);
    // The last recorded decision is yesterday's (nothing logged today yet).
    const plan = await db.selectFrom("plan").selectAll().where("id", "=", c.planA).executeTakeFirstOrThrow();
    await evaluatePlan(db, { plan, timeZone: "Europe/London", actor: null, today: yesterday });
    const recorded = await db
      .selectFrom("decision")
      .select(["evaluated_for", "patient_summary"])
      .where("plan_id", "=", c.planA)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(recorded.evaluated_for).toBe(yesterday);

    const todayPage = await run(today.loader, await getRequest("/me", { userId: c.patientA.id }));
    const progressPage = await run(progress.loader, await getRequest("/me/progress", { userId: c.patientA.id }));
    expect(todayPage.data.view.latestSummary).toBe(progressPage.data.view.summary);
    expect(todayPage.data.view.latestSummary).not.toBe(recorded.patient_summary);
  });

  it("Today shows the patient's goal, stage, exercises and the check-in until it is done", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const before = await run(today.loader, await getRequest("/me", { userId: c.patientA.id }));
    expect(before.data.view).toMatchObject({
      goal: { text: "Run a 10 km race in spring" },
      stageNumber: 1,
      stageCount: c.program.stages.length,
      stageName: c.stage.name,
      checkInDone: false,
    });
    expect(before.data.view.trainingDay.kind).toBe("training");
    expect(before.data.view.exercises.map((e: { id: string }) => e.id)).toEqual(
      c.stage.prescription.exercises.map((e) => e.id),
    );
    await run(
      logRoute.action,
      await postRequest(
        "/me/log",
        { intent: "checkin", date: c.today, morningPain: "1", morningStiffness: "1" },
        { userId: c.patientA.id },
      ),
    );
    const after = await run(today.loader, await getRequest("/me", { userId: c.patientA.id }));
    expect(after.data.view.checkInDone).toBe(true);
  });

  it("a patient without a plan gets empty states, not errors", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const planless = await createPatient(db, c.clinic.id, c.clinician.id);
    for (const loader of [today.loader, progress.loader, history.loader]) {
      const res = await run(loader, await getRequest("/me", { userId: planless.id }));
      expect(res.status).toBe(200);
      expect(res.data.view).toBeNull();
    }
  });

  it("progress shows the stage path and the next gate as a checklist with what is met and missing", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    for (const daysAgo of [3, 2, 1, 0]) {
      const date = addDays(c.today, -daysAgo);
      await run(
        logRoute.action,
        await postRequest(`/me/log?date=${date}`, validLogForm(date, [], { painDuring: "2", morningPain: "1" }), {
          userId: c.patientA.id,
        }),
      );
    }
    const res = await run(progress.loader, await getRequest("/me/progress", { userId: c.patientA.id }));
    const view = res.data.view;
    expect(view.stages[0]).toMatchObject({ state: "current" });
    expect(view.stages[1]).toMatchObject({ state: "next" });
    const gateIds = c.stage.gates.map((g) => g.id);
    expect(view.gates.map((g: { id: string }) => g.id)).toEqual(expect.arrayContaining(gateIds));
    const pain = view.gates.find((g: { id: string }) => g.id === "pain-during-within-5");
    expect(pain).toMatchObject({ status: "met", detail: "Last time: 2/10 · goal: at most 5/10" });
    const heelRaises = view.gates.find((g: { id: string }) => g.id === "ten-one-leg-heel-raises");
    expect(heelRaises.status).toBe("no_data");
    expect(heelRaises.action).toEqual({ to: "/me/tests", label: "Record this test" });
    expect(view.pain.during.filter((p: { value: number | null }) => p.value !== null)).toHaveLength(4);
    expect(view.adherence).toMatchObject({ done: 4 });
    // "Last time" only for a measured number, in words: never "none days" or "1 days".
    const details = view.gates.map((g: { detail: string | null }) => g.detail ?? "");
    expect(details.filter((d: string) => /Last time: (none|—)|\b1 days\b/.test(d))).toEqual([]);
  });

  /** Logs the last `days` days (today included) as full sessions, through the patient's own form. */
  async function logSessions(userId: string, todayDate: string, days: number) {
    for (let daysAgo = days - 1; daysAgo >= 0; daysAgo--) {
      const date = addDays(todayDate, -daysAgo);
      await run(logRoute.action, await postRequest(`/me/log?date=${date}`, validLogForm(date, []), { userId }));
    }
  }

  it("runner prescribed 4 runs a week, 4 done in the plan's 8 days: Sessions done reads 87.5 %, the adherence gate's own figure", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db, { programId: "runner-5k-to-10k" });
    await logSessions(c.patientA.id, c.today, 4);
    const view = (await run(progress.loader, await getRequest("/me/progress", { userId: c.patientA.id }))).data.view;
    // 4 ÷ (4 × 8 ÷ 7) = 87.5 %; the page used to round the plan to 5 sessions and show 80 %.
    expect(view.adherence).toMatchObject({ percent: 87.5, days: 8, done: 4, perWeek: 4 });
    expect(view.gates.find((g: { id: string }) => g.id === "adherence")).toMatchObject({
      detail: "Last time: 87.5% · goal: at least 75%",
    });
  });

  it("a patient two days into a new stage sees the sessions of this stage only, not the plan's earlier days", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    await db
      .updateTable("plan")
      .set({ stage_entered_on: addDays(c.today, -2) })
      .where("id", "=", c.planA)
      .execute();
    await run(
      logRoute.action,
      await postRequest(
        `/me/log?date=${addDays(c.today, -3)}`,
        validLogForm(addDays(c.today, -3), [], { sessionDone: "none" }),
        { userId: c.patientA.id },
      ),
    );
    await logSessions(c.patientA.id, c.today, 3);
    const view = (await run(progress.loader, await getRequest("/me/progress", { userId: c.patientA.id }))).data.view;
    // 3 of 3 days since the stage began; counted from the plan's start it was 3 of 8 (38 %).
    expect(view.adherence).toMatchObject({ percent: 100, days: 3, since: "stage", done: 3 });
  });

  it("a patient who trains more often than prescribed sees it (over 100 %), not a figure capped at 100 %", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db, { stageIndex: 3 }); // return to sport: 3 sessions a week
    await logSessions(c.patientA.id, c.today, 4);
    const view = (await run(progress.loader, await getRequest("/me/progress", { userId: c.patientA.id }))).data.view;
    // 4 ÷ (3 × 8 ÷ 7) = 116.7 %.
    expect(view.adherence).toMatchObject({ percent: 116.7, perWeek: 3 });
  });

  it("a patient with nothing logged yet is told so rather than shown 0 %", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const view = (await run(progress.loader, await getRequest("/me/progress", { userId: c.patientA.id }))).data.view;
    expect(view.adherence.percent).toBeNull();
  });

  it("history lists the patient's own logs newest first, editable only inside the window", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const old = addDays(c.today, -5);
    // A log older than the edit window (as if recorded on time back then), straight through the model the log form
    // records a day with.
    const { upsertLogForDay } = await import("~/models/daily-log.server.ts");
    const plan = await db.selectFrom("plan").selectAll().where("id", "=", c.planA).executeTakeFirstOrThrow();
    await upsertLogForDay(
      db,
      plan,
      old,
      {
        morning_pain: 1,
        morning_stiffness: 1,
        session_done: "done",
        pain_during: 2,
        pain_after: 1,
        pain_at_rest: null,
        session_minutes: 20,
        session_rpe: 4,
        running_minutes: null,
        swelling: null,
        soreness: null,
        exercises: null,
        other_activities: null,
        test_pain: null,
        notes: null,
      },
      {}, // the day has no log yet, so nothing is replaced
    );
    await run(logRoute.action, await postRequest("/me/log", validLogForm(c.today, []), { userId: c.patientA.id }));
    await run(
      logRoute.action,
      await postRequest("/me/log", validLogForm(addDays(c.today, -1), []), { userId: c.patientB.id }),
    );

    const res = await run(history.loader, await getRequest("/me/history", { userId: c.patientA.id }));
    expect(res.data.view.logs.map((l: { date: string }) => l.date)).toEqual([c.today, old]);
    expect(res.data.view.logs.map((l: { editable: boolean }) => l.editable)).toEqual([true, false]);

    const oldPage = await run(logRoute.loader, await getRequest(`/me/log?date=${old}`, { userId: c.patientA.id }));
    expect(oldPage.data.view.editable).toBe(false);
    const oldPost = await run(
      logRoute.action,
      await postRequest(`/me/log?date=${old}`, validLogForm(old, [], { painDuring: "9" }), { userId: c.patientA.id }),
    );
    expect(oldPost.status).toBe(400);
    const unchanged = await db
      .selectFrom("daily_log")
      .select(["pain_during", "edit_count"])
      .where("plan_id", "=", c.planA)
      .where("log_date", "=", old)
      .executeTakeFirstOrThrow();
    expect(unchanged).toEqual({ pain_during: 2, edit_count: 0 });
  });

  it("another patient's day is never shown: the log form for that date is empty for this patient", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    await run(
      logRoute.action,
      await postRequest("/me/log", validLogForm(c.today, [], { notes: "B's private note" }), { userId: c.patientB.id }),
    );
    const page = await run(logRoute.loader, await getRequest(`/me/log?date=${c.today}`, { userId: c.patientA.id }));
    expect(page.data.view.existing).toBeNull();
  });

  it("a malformed date in the address is a 404", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const res = await run(logRoute.loader, await getRequest("/me/log?date=not-a-day", { userId: c.patientA.id }));
    expect(res.status).toBe(404);
  });

  it("a day that does not exist in the calendar is a 404 too, not a form for 2 March", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const res = await run(logRoute.loader, await getRequest("/me/log?date=2026-02-30", { userId: c.patientA.id }));
    expect(res.status).toBe(404);
    const saved = await run(
      savedRoute.loader,
      await getRequest("/me/log/saved?date=2026-02-30", { userId: c.patientA.id }),
    );
    expect(saved.status).toBe(404);
  });

  it("clinicians are redirected from every patient page", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    for (const loader of [today.loader, progress.loader, history.loader]) {
      const res = await run(loader, await getRequest("/me", { userId: c.clinician.id }));
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe("/clinic");
    }
  });
});
