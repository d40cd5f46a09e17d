import { describe, expect, it } from "vitest";
import { addDays } from "~/engine/index.ts";
import * as logRoute from "~/routes/me.log/route.tsx";
import { STALE_LOG_MESSAGE } from "~/services/daily-log.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { countRows } from "../../support/factories.ts";
import { getRequest, postRequest, run } from "../../support/requests.ts";
import { clinicWithPlans, validLogForm } from "./plan-fixture.ts";

// Issue 16 item 8: the log on a phone — "did them all", the true reason for a day that can't be logged, and a save
// over a log that changed since the form was opened (another tab or device) asks first.

const logsOf = (planId: string) => getDb().selectFrom("daily_log").selectAll().where("plan_id", "=", planId).execute();
const openForm = async (userId: string, date?: string) =>
  (await run(logRoute.loader, await getRequest(`/me/log${date ? `?date=${date}` : ""}`, { userId }))).data.view;

describe("saving a log that changed since the form was opened", () => {
  it("a second tab opened before the first saved is refused with what it typed kept, and nothing is written", async () => {
    const db = getDb();
    const c = await clinicWithPlans(db);
    const user = { userId: c.patientA.id };
    const tab1 = await openForm(c.patientA.id);
    const tab2 = await openForm(c.patientA.id);
    expect(tab1.openedVersion).toBe("none");

    const first = await run(
      logRoute.action,
      await postRequest("/me/log", validLogForm(c.today, [], { openedVersion: tab1.openedVersion }), user),
    );
    expect(first.status).toBe(302);
    const decisions = await countRows(db, "decision");
    const audits = await countRows(db, "audit_event");

    const stale = await run(
      logRoute.action,
      await postRequest(
        "/me/log",
        validLogForm(c.today, [], { openedVersion: tab2.openedVersion, painDuring: "6", notes: "From my phone" }),
        user,
      ),
    );
    expect(stale.status).toBe(409);
    expect(stale.data.stale).toBe(true);
    expect(stale.data.formError).toBe(STALE_LOG_MESSAGE);
    expect(stale.data.formError).toBe(
      "This day's log was changed in another tab or device since you opened it — review and save again.",
    );
    // What the second tab typed comes back, now carrying the log's current version.
    expect(stale.data.values).toMatchObject({ painDuring: "6", notes: "From my phone", openedVersion: "0" });
    expect(stale.data.values.otherActivities[0]).toEqual({ label: "walk", minutes: "40", rpe: "3" });
    const [kept] = await logsOf(c.planA);
    expect(kept).toMatchObject({ pain_during: 3, notes: "Felt fine", edit_count: 0 });
    expect(await countRows(db, "decision")).toBe(decisions);
    expect(await countRows(db, "audit_event")).toBe(audits);

    // Saving again from the warned form replaces the log on purpose: an audited edit.
    const overwrite = await run(
      logRoute.action,
      await postRequest(
        "/me/log",
        validLogForm(c.today, [], {
          openedVersion: stale.data.values.openedVersion,
          painDuring: "6",
          notes: "From my phone",
        }),
        user,
      ),
    );
    expect(overwrite.status).toBe(302);
    const [replaced] = await logsOf(c.planA);
    expect(replaced).toMatchObject({ pain_during: 6, notes: "From my phone", edit_count: 1 });
  });

  it("a morning check-in saved from Today after the log form was opened makes the form ask first", async () => {
    const c = await clinicWithPlans(getDb());
    const user = { userId: c.patientA.id };
    const form = await openForm(c.patientA.id);
    const checkIn = await run(
      logRoute.action,
      await postRequest("/me/log", { intent: "checkin", date: c.today, morningPain: "4", morningStiffness: "3" }, user),
    );
    expect(checkIn.status).toBe(302);
    const res = await run(
      logRoute.action,
      await postRequest("/me/log", validLogForm(c.today, [], { openedVersion: form.openedVersion }), user),
    );
    expect(res.status).toBe(409);
    expect((await logsOf(c.planA))[0]).toMatchObject({ morning_pain: 4, session_done: "none" });
  });

  it("the same form posted twice (a double tap without JavaScript) is not taken for another tab", async () => {
    const c = await clinicWithPlans(getDb());
    const user = { userId: c.patientA.id };
    const form = validLogForm(c.today, [], { openedVersion: "none" });
    expect((await run(logRoute.action, await postRequest("/me/log", form, user))).status).toBe(302);
    expect((await run(logRoute.action, await postRequest("/me/log", form, user))).status).toBe(302);
    expect(await logsOf(c.planA)).toHaveLength(1);
  });

  it("an edit opened on the current version saves, and the form then reports the next version", async () => {
    const c = await clinicWithPlans(getDb());
    const user = { userId: c.patientA.id };
    await run(logRoute.action, await postRequest("/me/log", validLogForm(c.today, []), user));
    const form = await openForm(c.patientA.id);
    expect(form.openedVersion).toBe("0");
    const res = await run(
      logRoute.action,
      await postRequest("/me/log", validLogForm(c.today, [], { openedVersion: "0", painAfter: "4" }), user),
    );
    expect(res.status).toBe(302);
    expect((await openForm(c.patientA.id)).openedVersion).toBe("1");
  });
});

describe("exercises start unanswered", () => {
  it("'did them all' records every exercise of the patient's dose as done, with the dose's numbers", async () => {
    const c = await clinicWithPlans(getDb());
    const exercises = c.stage.prescription.exercises;
    const form: Record<string, string> = { ...validLogForm(c.today, []), sessionDone: "done" };
    // The browser posts nothing for the exercises after "did them all" (the checklist is not shown).
    const res = await run(logRoute.action, await postRequest("/me/log", form, { userId: c.patientA.id }));
    expect(res.status).toBe(302);
    const [log] = await logsOf(c.planA);
    expect(JSON.parse(log!.exercises!)).toEqual(
      exercises.map((e) => ({
        exerciseId: e.id,
        status: "done",
        sets: e.sets ?? null,
        reps: e.reps ?? null,
        loadKg: e.load?.kg ?? null,
      })),
    );
  });

  it("'some of them' needs an answer for each exercise: field errors, and nothing is written", async () => {
    const c = await clinicWithPlans(getDb());
    const ids = c.stage.prescription.exercises.map((e) => e.id);
    const form = validLogForm(c.today, ids, { sessionDone: "partial", "exercises.1.status": "" });
    const res = await run(logRoute.action, await postRequest("/me/log", form, { userId: c.patientA.id }));
    expect(res.status).toBe(400);
    expect(res.data.fieldErrors).toEqual({ "exercises.1.status": "Choose done, partly or not done" });
    expect(res.data.values.exercises[0]).toMatchObject({ status: "partial", reps: "8" });
    expect(await logsOf(c.planA)).toHaveLength(0);
  });

  it("'some of them' keeps each answer; an exercise ticked done without numbers gets the dose's", async () => {
    const c = await clinicWithPlans(getDb());
    const [first, second] = c.stage.prescription.exercises;
    const form: Record<string, string> = {
      ...validLogForm(c.today, []),
      sessionDone: "partial",
      "exercises.0.exerciseId": first!.id,
      "exercises.0.status": "skipped",
      "exercises.1.exerciseId": second!.id,
      "exercises.1.status": "done",
    };
    expect((await run(logRoute.action, await postRequest("/me/log", form, { userId: c.patientA.id }))).status).toBe(
      302,
    );
    const stored = JSON.parse((await logsOf(c.planA))[0]!.exercises!);
    expect(stored).toEqual([
      { exerciseId: first!.id, status: "skipped", sets: null, reps: null, loadKg: null },
      {
        exerciseId: second!.id,
        status: "done",
        sets: second!.sets ?? null,
        reps: second!.reps ?? null,
        loadKg: second!.load?.kg ?? null,
      },
    ]);
  });
});

describe("a day that can't be logged says the true reason", () => {
  it("tomorrow: the page and a hand-made post both say it hasn't come yet, and nothing is written", async () => {
    const c = await clinicWithPlans(getDb());
    const tomorrow = addDays(c.today, 1);
    const view = await openForm(c.patientA.id, tomorrow);
    expect(view.refusal).toBe("future");
    expect(view.editable).toBe(false);
    const res = await run(
      logRoute.action,
      await postRequest(`/me/log?date=${tomorrow}`, validLogForm(tomorrow, []), { userId: c.patientA.id }),
    );
    expect(res.status).toBe(400);
    expect(res.data.formError).toBe("That day hasn't come yet: you can log a day once it has started.");
    expect(res.data.fieldErrors.date).toBe(res.data.formError);
    expect(await logsOf(c.planA)).toHaveLength(0);
  });

  it("the day before the plan began names the plan's start, not the edit window", async () => {
    const c = await clinicWithPlans(getDb());
    const planStart = addDays(c.today, -7);
    const before = addDays(planStart, -1);
    expect((await openForm(c.patientA.id, before)).refusal).toBe("before-plan");
    const res = await run(
      logRoute.action,
      await postRequest(`/me/log?date=${before}`, validLogForm(before, []), { userId: c.patientA.id }),
    );
    expect(res.status).toBe(400);
    expect(res.data.formError).toMatch(/^Your plan started on \d{1,2} [A-Z][a-z]{2} \d{4}, so there is nothing to log/);
    expect(await logsOf(c.planA)).toHaveLength(0);
  });

  it("a day of the plan past the edit window still says the window", async () => {
    const c = await clinicWithPlans(getDb());
    const old = addDays(c.today, -5);
    expect((await openForm(c.patientA.id, old)).refusal).toBe("too-old");
  });
});
