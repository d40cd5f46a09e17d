import { describe, expect, it } from "vitest";
import { ProgramSchema, type Program } from "~/engine/index.ts";
import { insertPersonalDose, isDuplicateVersion } from "~/models/personal-dose.server.ts";
import * as patientPage from "~/routes/clinic.patients.$patientId/route.tsx";
import * as logPage from "~/routes/me.log/route.tsx";
import * as savedPage from "~/routes/me.log_.saved.tsx";
import * as meExport from "~/routes/me.export.$format.ts";
import * as todayPage from "~/routes/me._index.tsx";
import { findProgramForClinic } from "~/services/program-lookup.server.ts";
import { saveProgramVersion } from "~/services/program-editor.server.ts";
import { loadTriage } from "~/services/triage.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { getRequest, postRequest, run } from "../../support/requests.ts";
import { clinicWithPlans, validLogForm } from "../me/plan-fixture.ts";
import { clinicWithProgram, planStartedDaysAgo, twoStageProgram } from "./fixtures.ts";

// The physio's personal dose for a patient (docs/decisions/052-personal-prescription.md), through the real routes,
// on SQLite and (integration-pg) PostgreSQL.

const pagePath = (patientId: string) => `/clinic/patients/${patientId}`;

type Cast = Awaited<ReturnType<typeof clinicWithProgram>>;

async function postAs(userId: string, patientId: string, form: Record<string, string>) {
  return run(patientPage.action, await postRequest(pagePath(patientId), form, { userId }), { patientId });
}

async function pageOf(cast: Cast) {
  const res = await run(
    patientPage.loader,
    await getRequest(pagePath(cast.patientA.id), { userId: cast.clinician.id }),
    { patientId: cast.patientA.id },
  );
  expect(res.status).toBe(200);
  return res.data;
}

/** The dose form as the browser posts it: the heel raise tailored to 2 × 8–10 with 5 kg, plus one exercise added. */
function tailoredForm(planId: string, doseVersion: number, overrides: Record<string, string> = {}) {
  return {
    intent: "tailor-dose",
    planId,
    stageId: "load",
    target: "current",
    doseVersion: String(doseVersion),
    programVersion: "1",
    "exercises.0.exerciseId": "heel-raise",
    "exercises.0.origin": "program",
    "exercises.0.sets": "2",
    "exercises.0.reps": "8",
    "exercises.0.repsMax": "10",
    "exercises.0.loadKg": "5",
    "exercises.0.loadText": "",
    "exercises.0.side": "both",
    "exercises.1.exerciseId": "",
    "exercises.1.origin": "new",
    "exercises.1.name": "Seated calf raise",
    "exercises.1.sets": "3",
    "exercises.1.reps": "20",
    "exercises.1.side": "involved",
    doseReason: "Deconditioned after six weeks off: start lighter",
    ...overrides,
  };
}

async function doseRows(planId: string) {
  return getDb().selectFrom("personal_dose").selectAll().where("plan_id", "=", planId).orderBy("version").execute();
}

async function doseAudits(planId: string) {
  return getDb()
    .selectFrom("audit_event")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("action", "=", "plan.dose_tailored")
    .execute();
}

async function patientToday(cast: Cast) {
  const res = await run(todayPage.loader, await getRequest("/me", { userId: cast.patientA.id }));
  expect(res.status).toBe(200);
  return res.data.view;
}

async function patientLog(cast: Cast) {
  const res = await run(logPage.loader, await getRequest("/me/log", { userId: cast.patientA.id }));
  expect(res.status).toBe(200);
  return res.data.view;
}

async function withPlan() {
  const db = getDb();
  const cast = await clinicWithProgram(db);
  const { planId, today } = await planStartedDaysAgo(db, cast, 5);
  return { cast, planId, today };
}

describe("a physio tailors a patient's dose", () => {
  it("shows the program's dose beside the patient's before anything is tailored", async () => {
    const { cast } = await withPlan();
    const page = await pageOf(cast);
    expect(page.dose.doseVersion).toBe(0);
    expect(page.dose.reviewDue).toBe(false);
    expect(page.dose.rows).toEqual([
      expect.objectContaining({
        exerciseId: "heel-raise",
        programText: "3 × 15 · both sides",
        tailored: false,
        values: expect.objectContaining({ sets: "3", reps: "15" }),
      }),
    ]);
  });

  it("the patient's Today and Log show the tailored dose, the log is prefilled from it, and the audit says who, from → to and why", async () => {
    const { cast, planId } = await withPlan();
    const saved = await postAs(cast.clinician.id, cast.patientA.id, tailoredForm(planId, 0));
    expect(saved.status).toBe(200);
    expect(saved.data).toMatchObject({ ok: true, intent: "tailor-dose" });

    const today = await patientToday(cast);
    expect(today.exercises.map((e: { name: string }) => e.name)).toEqual(["Heel raise", "Seated calf raise"]);
    expect(today.exercises[0]).toMatchObject({ sets: 2, reps: 8, repsMax: 10, load: { text: "5 kg", kg: 5 } });
    expect(today.exercises[0].source).toBeUndefined();

    const log = await patientLog(cast);
    expect(log.exercises[0]).toMatchObject({ id: "heel-raise", sets: 2, reps: 8, load: { kg: 5 } });
    expect(log.exercises[1]).toMatchObject({ name: "Seated calf raise", sets: 3, reps: 20 });

    const [audit] = await doseAudits(planId);
    expect(audit!.actor_id).toBe(cast.clinician.id);
    const detail = JSON.parse(audit!.detail!);
    expect(detail.reason).toBe("Deconditioned after six weeks off: start lighter");
    expect(detail.changes).toEqual([
      { exerciseId: "heel-raise", name: "Heel raise", from: "3 × 15 · both sides", to: "2 × 8–10 · 5 kg · both sides" },
      expect.objectContaining({ name: "Seated calf raise", from: "—", to: "3 × 20 · painful side" }),
    ]);

    const page = await pageOf(cast);
    expect(page.dose.doseVersion).toBe(1);
    expect(page.dose.rows.map((r: { origin: string; tailored: boolean }) => [r.origin, r.tailored])).toEqual([
      ["program", true],
      ["added", true],
    ]);
  });

  it("the patient's log keeps an exercise added for them, and the saved page names it", async () => {
    const { cast, planId, today } = await withPlan();
    await postAs(cast.clinician.id, cast.patientA.id, tailoredForm(planId, 0));
    const added = (await patientLog(cast)).exercises[1]!.id as string;

    const res = await run(
      logPage.action,
      await postRequest("/me/log", validLogForm(today, ["heel-raise", added]), { userId: cast.patientA.id }),
    );
    expect(res.status).toBe(302);
    const log = await getDb()
      .selectFrom("daily_log")
      .selectAll()
      .where("plan_id", "=", planId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(log.exercises!).map((e: { exerciseId: string }) => e.exerciseId)).toEqual(["heel-raise", added]);

    const saved = await run(
      savedPage.loader,
      await getRequest(res.headers.get("Location")!, { userId: cast.patientA.id }),
    );
    expect(saved.data.view.recorded).toContain("Seated calf raise: done (3 × 15)");

    // The exported record names it too (CSV and FHIR), never by its made-up id.
    for (const format of ["csv", "fhir"]) {
      const exported = await run(
        meExport.loader,
        await getRequest(`/me/export/${format}`, { userId: cast.patientA.id }),
        { format },
      );
      const text = typeof exported.data === "string" ? exported.data : JSON.stringify(exported.data);
      expect(text).toContain("Seated calf raise");
      expect(text).not.toContain(added.replace(/[_-]+/g, " "));
    }
  });

  it("dropping an exercise for this patient takes it off their Today; the program's own dose stays beside it", async () => {
    const { cast, planId } = await withPlan();
    const saved = await postAs(
      cast.clinician.id,
      cast.patientA.id,
      tailoredForm(planId, 0, {
        "exercises.0.drop": "on",
        // the spare row left empty adds nothing
        "exercises.1.name": "",
        "exercises.1.sets": "",
        "exercises.1.reps": "",
        "exercises.1.side": "",
      }),
    );
    expect(saved.status).toBe(200);
    expect((await patientToday(cast)).exercises).toEqual([]);
    const page = await pageOf(cast);
    expect(page.dose.rows[0]).toMatchObject({ dropped: true, programText: "3 × 15 · both sides" });
  });

  it("nonsense values get field errors, keep what was typed, and save nothing", async () => {
    const { cast, planId } = await withPlan();
    const res = await postAs(
      cast.clinician.id,
      cast.patientA.id,
      tailoredForm(planId, 0, {
        "exercises.0.sets": "-2",
        "exercises.0.repsMax": "5",
        "exercises.0.loadKg": "lots",
        "exercises.1.name": "",
        doseReason: "",
      }),
    );
    expect(res.status).toBe(400);
    expect(res.data.fieldErrors).toMatchObject({
      "exercises.0.sets": "Sets must be between 1 and 20",
      "exercises.0.loadKg": "Enter load in kg as a number",
      "exercises.1.name": "Name the exercise",
      doseReason: "Enter why you are changing the dose",
    });
    expect(res.data.values.exercises[0].sets).toBe("-2");
    expect(await doseRows(planId)).toHaveLength(0);
    expect(await doseAudits(planId)).toHaveLength(0);
  });

  it("a rep range whose top is below its bottom is refused", async () => {
    const { cast, planId } = await withPlan();
    const res = await postAs(
      cast.clinician.id,
      cast.patientA.id,
      tailoredForm(planId, 0, { "exercises.0.repsMax": "5" }),
    );
    expect(res.status).toBe(400);
    expect(res.data.fieldErrors["exercises.0.repsMax"]).toBe("The top of the range must be at least the reps");
    expect(await doseRows(planId)).toHaveLength(0);
  });
});

describe("a walk-run patient's run", () => {
  it("the physio shortens the run blocks; Today shows the patient's walk-run and the program's stays beside it", async () => {
    const db = getDb();
    const cast = await clinicWithPlans(db, { programId: "ankle-sprain-walk-run" });
    const page = await run(
      patientPage.loader,
      await getRequest(pagePath(cast.patientA.id), { userId: cast.clinician.id }),
      { patientId: cast.patientA.id },
    );
    // Phase 1 of the ankle walk-run: 3 × (run 3 min, walk 2 min) after a 10-minute warm-up.
    expect(page.data.dose.run).toMatchObject({
      programText: "warm up 10 min · 3 × (run 3 min, walk 2 min)",
      tailored: false,
      values: { warmUpMinutes: "10", runMinutes: "3", walkMinutes: "2", repeats: "3" },
    });
    const saved = await postAs(cast.clinician.id, cast.patientA.id, {
      intent: "tailor-dose",
      planId: cast.planA,
      stageId: "walk-run-phase-1",
      target: "current",
      doseVersion: "0",
      programVersion: String(cast.program.version),
      "run.warmUpMinutes": "10",
      "run.runMinutes": "1.5",
      "run.walkMinutes": "2",
      "run.repeats": "4",
      "run.perWeek": "3",
      doseReason: "Nervous about running: shorter runs, one more repeat",
    });
    expect(saved.status).toBe(200);
    const res = await run(todayPage.loader, await getRequest("/me", { userId: cast.patientA.id }));
    expect(res.data.view.run).toMatchObject({
      warmUpMinutes: 10,
      perWeek: 3,
      blocks: [expect.objectContaining({ runSeconds: 90, walkSeconds: 120, repeats: 4 })],
    });
    const [audit] = await doseAudits(cast.planA);
    expect(JSON.parse(audit!.detail!).changes).toEqual([
      {
        exerciseId: "run",
        name: "Run",
        from: "warm up 10 min · 3 × (run 3 min, walk 2 min)",
        to: "warm up 10 min · 4 × (run 1.5 min, walk 2 min) · 3×/week",
      },
    ]);
  });

  it("a run without minutes or repeats is refused field by field", async () => {
    const cast = await clinicWithPlans(getDb(), { programId: "ankle-sprain-walk-run" });
    const res = await postAs(cast.clinician.id, cast.patientA.id, {
      intent: "tailor-dose",
      planId: cast.planA,
      stageId: "walk-run-phase-1",
      target: "current",
      doseVersion: "0",
      programVersion: String(cast.program.version),
      "run.runMinutes": "",
      "run.repeats": "0",
      doseReason: "Shorter",
    });
    expect(res.status).toBe(400);
    expect(res.data.fieldErrors).toMatchObject({
      "run.runMinutes": "Enter run minutes as a number",
      "run.repeats": "Repeats must be between 1 and 50",
    });
    expect(await doseRows(cast.planA)).toHaveLength(0);
  });
});

describe("who may tailor a dose", () => {
  it("another clinic's physio gets a 404 and nothing is written", async () => {
    const { cast, planId } = await withPlan();
    const res = await postAs(cast.other.clinician.id, cast.patientA.id, tailoredForm(planId, 0));
    expect(res.status).toBe(404);
    expect(await doseRows(planId)).toHaveLength(0);
  });

  it("the patient cannot post a dose for themselves", async () => {
    const { cast, planId } = await withPlan();
    const res = await postAs(cast.patientA.id, cast.patientA.id, tailoredForm(planId, 0));
    expect(res.status).toBe(403);
    expect(await doseRows(planId)).toHaveLength(0);
  });

  it("a physio of the clinic cannot tailor patient B's plan through patient A's page", async () => {
    const { cast, planId } = await withPlan();
    const res = await run(
      patientPage.action,
      await postRequest(pagePath(cast.patientB.id), tailoredForm(planId, 0), { userId: cast.clinician.id }),
      { patientId: cast.patientB.id },
    );
    expect(res.status).toBe(404);
    expect(await doseRows(planId)).toHaveLength(0);
  });
});

describe("two physios tailoring at once", () => {
  it("the second, saving the version both opened, is told the dose changed since and nothing of theirs is written", async () => {
    const { cast, planId } = await withPlan();
    const first = await postAs(cast.clinician.id, cast.patientA.id, tailoredForm(planId, 0));
    expect(first.status).toBe(200);
    const second = await postAs(
      cast.clinician.id,
      cast.patientA.id,
      tailoredForm(planId, 0, { "exercises.0.sets": "4", doseReason: "Stronger than I thought" }),
    );
    expect(second.status).toBe(409);
    expect(second.data.formError).toMatch(/changed since you opened/);
    expect(second.data.fieldErrors.doseVersion).toMatch(/changed since you opened/);
    expect(await doseRows(planId)).toHaveLength(1);
    expect(await doseAudits(planId)).toHaveLength(1);
    expect((await patientToday(cast)).exercises[0].sets).toBe(2);
  });

  it("two saves from the same version at the same moment: exactly one is written (12 rounds)", async () => {
    // On PostgreSQL each statement reads afresh: a save whose check ran before the other's commit but whose version
    // number was read after it once wrote a second version over the first (seen in CI). Rounds make it show.
    for (let round = 0; round < 12; round++) {
      const { cast, planId } = await withPlan();
      const results = await Promise.all([
        postAs(cast.clinician.id, cast.patientA.id, tailoredForm(planId, 0, { "exercises.0.sets": "1" })),
        postAs(cast.clinician.id, cast.patientA.id, tailoredForm(planId, 0, { "exercises.0.sets": "4" })),
      ]);
      expect(results.map((r) => r.status).sort(), `round ${round}`).toEqual([200, 409]);
      const rows = await doseRows(planId);
      expect(rows).toHaveLength(1);
      expect(await doseAudits(planId)).toHaveLength(1);
      const winner = results.findIndex((r) => r.status === 200);
      expect((await patientToday(cast)).exercises[0].sets).toBe(winner === 0 ? 1 : 4);
    }
  });
  it("the database itself refuses a second row with the same version, whichever save gets there first", async () => {
    const { cast, planId } = await withPlan();
    const row = {
      clinicId: cast.clinic.id,
      planId,
      version: 1,
      stageId: "load",
      stageEnteredOn: "2026-01-01",
      programVersion: 1,
      exercises: [],
      run: null,
      cause: "tailored" as const,
      reason: "first",
      changedBy: cast.clinician.id,
    };
    await insertPersonalDose(getDb(), row);
    const error = await insertPersonalDose(getDb(), { ...row, reason: "second" }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isDuplicateVersion(error)).toBe(true);
    expect(await doseRows(planId)).toHaveLength(1);
  });
});

describe("a stage change and the personal dose", () => {
  it("a stage change starts the new stage from the program's dose, and the page asks to review it", async () => {
    const { cast, planId } = await withPlan();
    expect((await postAs(cast.clinician.id, cast.patientA.id, tailoredForm(planId, 0))).status).toBe(200);
    const moved = await postAs(cast.clinician.id, cast.patientA.id, {
      intent: "move-stage",
      planId,
      stageId: "build",
      moveReason: "Ready for heavier loading",
    });
    expect(moved.status).toBe(200);
    const today = await patientToday(cast);
    expect(today.exercises).toEqual([expect.objectContaining({ id: "weighted-raise", sets: 3, reps: 15 })]);
    const page = await pageOf(cast);
    expect(page.dose.reviewDue).toBe(true);
    expect(page.dose.rows[0]).toMatchObject({ exerciseId: "weighted-raise", tailored: false });
    // The form carries the plan's latest version (the first stage's), so a save is checked against it.
    expect(page.dose.doseVersion).toBe(1);

    // Back to the first stage: a new stay there starts from the program's dose too, not the old tailoring.
    const back = await postAs(cast.clinician.id, cast.patientA.id, {
      intent: "move-stage",
      planId,
      stageId: "load",
      moveReason: "Flared up",
    });
    expect(back.status).toBe(200);
    expect((await patientToday(cast)).exercises).toEqual([
      expect.objectContaining({ id: "heel-raise", sets: 3, reps: 15 }),
    ]);
  });

  it("triage lists a new stage's unreviewed dose until a physio saves one", async () => {
    const { cast, planId } = await withPlan();
    const reasonsOfA = async () => {
      const triage = await loadTriage(getDb(), cast.clinic.id, "Europe/London");
      const row = [...triage.needsAttention, ...triage.everyoneElse].find((r) => r.patientId === cast.patientA.id);
      return row!.reasons.map((r) => r.label);
    };
    expect(await reasonsOfA()).not.toContain("New stage: review the dose");
    await postAs(cast.clinician.id, cast.patientA.id, {
      intent: "move-stage",
      planId,
      stageId: "build",
      moveReason: "Ready",
    });
    expect(await reasonsOfA()).toContain("New stage: review the dose");
    const reviewed = await postAs(cast.clinician.id, cast.patientA.id, {
      intent: "tailor-dose",
      planId,
      stageId: "build",
      target: "current",
      doseVersion: "0",
      programVersion: "1",
      "exercises.0.exerciseId": "weighted-raise",
      "exercises.0.origin": "program",
      "exercises.0.sets": "2",
      "exercises.0.reps": "12",
      "exercises.0.side": "involved",
      doseReason: "Lighter to start the new stage",
    });
    expect(reviewed.status).toBe(200);
    expect(await reasonsOfA()).not.toContain("New stage: review the dose");
  });

  it("a dose the physio prepared for the next stage is where the patient starts when they enter it", async () => {
    const { cast, planId } = await withPlan();
    const opened = await run(
      patientPage.loader,
      await getRequest(`${pagePath(cast.patientA.id)}?doseStage=build`, { userId: cast.clinician.id }),
      { patientId: cast.patientA.id },
    );
    expect(opened.data.dose).toMatchObject({ target: "prepared", stageId: "build", doseVersion: 0 });
    const prepared = await postAs(cast.clinician.id, cast.patientA.id, {
      intent: "tailor-dose",
      planId,
      stageId: "build",
      target: "prepared",
      doseVersion: "0",
      programVersion: "1",
      "exercises.0.exerciseId": "weighted-raise",
      "exercises.0.origin": "program",
      "exercises.0.sets": "2",
      "exercises.0.reps": "12",
      "exercises.0.loadKg": "5",
      "exercises.0.side": "involved",
      doseReason: "Start the weighted raises light",
    });
    expect(prepared.status).toBe(200);
    // Still in the first stage: their dose there is untouched.
    expect((await patientToday(cast)).exercises).toEqual([
      expect.objectContaining({ id: "heel-raise", sets: 3, reps: 15 }),
    ]);

    await postAs(cast.clinician.id, cast.patientA.id, {
      intent: "move-stage",
      planId,
      stageId: "build",
      moveReason: "Ready",
    });
    expect((await patientToday(cast)).exercises).toEqual([
      expect.objectContaining({ id: "weighted-raise", sets: 2, reps: 12, load: { text: "5 kg", kg: 5 } }),
    ]);
    const page = await pageOf(cast);
    expect(page.dose).toMatchObject({ target: "current", fromPrepared: true, reviewDue: false, doseVersion: 1 });
    const triage = await loadTriage(getDb(), cast.clinic.id, "Europe/London");
    const row = [...triage.needsAttention, ...triage.everyoneElse].find((r) => r.patientId === cast.patientA.id);
    expect(row!.reasons.map((r) => r.label)).not.toContain("New stage: review the dose");
    const audits = await getDb()
      .selectFrom("audit_event")
      .select("action")
      .where("plan_id", "=", planId)
      .where("action", "=", "plan.dose_prepared")
      .execute();
    expect(audits).toHaveLength(1);
  });

  it("preparing the stage the patient has entered since saves nothing: the live dose is what to change", async () => {
    const { cast, planId } = await withPlan();
    const res = await postAs(cast.clinician.id, cast.patientA.id, tailoredForm(planId, 0, { target: "prepared" }));
    expect(res.status).toBe(409);
    expect(await doseRows(planId)).toHaveLength(0);
  });

  it("a form opened before the stage changed saves nothing", async () => {
    const { cast, planId } = await withPlan();
    await postAs(cast.clinician.id, cast.patientA.id, {
      intent: "move-stage",
      planId,
      stageId: "build",
      moveReason: "Ready",
    });
    const res = await postAs(cast.clinician.id, cast.patientA.id, tailoredForm(planId, 0));
    expect(res.status).toBe(409);
    expect(await doseRows(planId)).toHaveLength(0);
  });

  it("saving the new stage's dose unchanged records the review", async () => {
    const { cast, planId } = await withPlan();
    await postAs(cast.clinician.id, cast.patientA.id, {
      intent: "move-stage",
      planId,
      stageId: "build",
      moveReason: "Ready",
    });
    const res = await postAs(cast.clinician.id, cast.patientA.id, {
      intent: "tailor-dose",
      planId,
      stageId: "build",
      target: "current",
      doseVersion: "0",
      programVersion: "1",
      "exercises.0.exerciseId": "weighted-raise",
      "exercises.0.origin": "program",
      "exercises.0.sets": "3",
      "exercises.0.reps": "15",
      "exercises.0.side": "involved",
      doseReason: "Reviewed: the program's dose suits",
    });
    expect(res.status).toBe(200);
    const page = await pageOf(cast);
    expect(page.dose.reviewDue).toBe(false);
    expect(page.dose.rows[0].tailored).toBe(false);
  });
});

describe("a program version move", () => {
  async function newVersion(cast: Cast, change: (program: Program) => Program) {
    const current = (await findProgramForClinic(getDb(), cast.clinic.id, cast.programId))!;
    const saved = await saveProgramVersion(getDb(), cast.clinician, cast.programId, change(current));
    if (!saved.ok) throw new Error("saving the new version failed");
    return saved.version;
  }

  const withStageExercises = (program: Program, exercises: unknown[]) =>
    ProgramSchema.parse({
      ...program,
      stages: program.stages.map((s) =>
        s.id === "load" ? { ...s, prescription: { ...s.prescription, exercises } } : s,
      ),
    });

  it("keeps the tailored dose of every exercise the new version still has (matched by exercise id)", async () => {
    const { cast, planId } = await withPlan();
    expect((await postAs(cast.clinician.id, cast.patientA.id, tailoredForm(planId, 0))).status).toBe(200);
    const version = await newVersion(cast, (p) =>
      withStageExercises(p, [
        { id: "heel-raise", name: "Heel raise", sets: 4, reps: 12, side: "both" },
        { id: "calf-stretch", name: "Calf stretch", holdSeconds: 30, side: "both" },
      ]),
    );
    const moved = await postAs(cast.clinician.id, cast.patientA.id, {
      intent: "move-version",
      planId,
      version: String(version),
    });
    expect(moved.status).toBe(200);
    const exercises = (await patientToday(cast)).exercises;
    expect(exercises.map((e: { id: string }) => e.id)).toEqual(["heel-raise", "calf-stretch", expect.any(String)]);
    expect(exercises[0]).toMatchObject({ sets: 2, reps: 8, repsMax: 10 });
    expect(exercises[1]).toMatchObject({ holdSeconds: 30 });
    expect(exercises[2]).toMatchObject({ name: "Seated calf raise" });
    const page = await pageOf(cast);
    expect(page.dose.rows[0]).toMatchObject({ programText: "4 × 12 · both sides", tailored: true });
  });

  it("a form opened before the move to a new version saves nothing (its untouched rows show the old defaults)", async () => {
    const { cast, planId } = await withPlan();
    const version = await newVersion(cast, (p) =>
      withStageExercises(p, [{ id: "heel-raise", name: "Heel raise", sets: 4, reps: 12, side: "both" }]),
    );
    expect(
      (await postAs(cast.clinician.id, cast.patientA.id, { intent: "move-version", planId, version: String(version) }))
        .status,
    ).toBe(200);
    const res = await postAs(cast.clinician.id, cast.patientA.id, tailoredForm(planId, 0));
    expect(res.status).toBe(409);
    expect(await doseRows(planId)).toHaveLength(0);
  });

  it("an exercise the new version dropped loses its tailoring, and the audit says so", async () => {
    const { cast, planId } = await withPlan();
    expect((await postAs(cast.clinician.id, cast.patientA.id, tailoredForm(planId, 0))).status).toBe(200);
    const version = await newVersion(cast, (p) =>
      withStageExercises(p, [{ id: "seated-raise", name: "Seated heel raise", sets: 3, reps: 15, side: "both" }]),
    );
    const moved = await postAs(cast.clinician.id, cast.patientA.id, {
      intent: "move-version",
      planId,
      version: String(version),
    });
    expect(moved.status).toBe(200);
    const exercises = (await patientToday(cast)).exercises;
    expect(exercises.map((e: { name: string }) => e.name)).toEqual(["Seated heel raise", "Seated calf raise"]);
    const audits = await doseAudits(planId);
    expect(audits).toHaveLength(2);
    const dropped = audits.map((a) => JSON.parse(a.detail!)).find((d) => /no longer has/.test(d.reason));
    expect(dropped.reason).toBe(`Version ${version} no longer has Heel raise in this stage`);
    const versionMove = await getDb()
      .selectFrom("audit_event")
      .select("detail")
      .where("plan_id", "=", planId)
      .where("action", "=", "plan.program_version_changed")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(versionMove.detail!).doseDropped).toEqual(["Heel raise"]);
  });
});

// The fixture's program is what these tests tailor: keep them honest if it changes.
it("uses a first stage whose only exercise is the 3 × 15 heel raise", () => {
  expect(twoStageProgram.stages[0]!.prescription.exercises).toEqual([
    { id: "heel-raise", name: "Heel raise", sets: 3, reps: 15, side: "both" },
  ]);
});
