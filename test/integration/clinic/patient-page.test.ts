import { describe, expect, it } from "vitest";
import * as patientPage from "~/routes/clinic.patients.$patientId/route.tsx";
import { addDays, ProgramSchema } from "~/engine/index.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { listPatientsForClinic } from "~/services/caseload.server.ts";
import { evaluatePlan } from "~/services/evaluation.server.ts";
import { joinWithoutPassword } from "~/services/invite.server.ts";
import { startPlan } from "~/services/plan.server.ts";
import { formatDate, todayIn } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";
import { countRows } from "../../support/factories.ts";
import { getRequest, postRequest, run } from "../../support/requests.ts";
import { clinicWithProgram, lastDays, planStartedDaysAgo, seedLogs, twoStageProgram } from "./fixtures.ts";

const path = (patientId: string) => `/clinic/patients/${patientId}`;
const post = async (patientId: string, form: Record<string, string>, userId: string) =>
  run(patientPage.action, await postRequest(path(patientId), form, { userId }), { patientId });

async function planRow(planId: string) {
  return getDb().selectFrom("plan").selectAll().where("id", "=", planId).executeTakeFirstOrThrow();
}

/** A plan with a pending advance: 4 days in stage 1, low pain, exam signed off. */
async function withPendingAdvance() {
  const db = getDb();
  const cast = await clinicWithProgram(db);
  const { planId, today } = await planStartedDaysAgo(db, cast, 4);
  await seedLogs(db, { clinicId: cast.clinic.id, planId, patientId: cast.patientA.id, days: lastDays(today, 4, 2) });
  const signed = await post(
    cast.patientA.id,
    { intent: "signoff", planId, itemId: "exam_clear", signedOn: today },
    cast.clinician.id,
  );
  expect(signed.status).toBe(200);
  const pending = await db
    .selectFrom("decision")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("status", "=", "pending")
    .executeTakeFirstOrThrow();
  expect(pending.outcome).toBe("advance");
  return { cast, planId, today, decisionId: pending.id };
}

describe("the clinician's patient page", () => {
  it("shows the patient with plan, stage, decisions and audit to a clinician of the clinic", async () => {
    const { cast } = await withPendingAdvance();
    const res = await run(patientPage.loader, await getRequest(path(cast.patientA.id), { userId: cast.clinician.id }), {
      patientId: cast.patientA.id,
    });
    expect(res.status).toBe(200);
    expect(res.data.patient.name).toBe("Patient A");
    expect(res.data.patient.password_hash).toBeUndefined();
    expect(res.data.stageIndex).toBe(0);
    expect(res.data.decisions[0].status).toBe("pending");
    expect(
      res.data.decisions[0].checks.some(
        (c: { id: string; status: string }) => c.id === "pain-ok" && c.status === "met",
      ),
    ).toBe(true);
    expect(res.data.audit.map((a: { action: string }) => a.action)).toContain("signoff.recorded");
  });

  it("sends the check tables of the latest decision and of advances, but of an older held day only when asked", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const { planId, today } = await planStartedDaysAgo(db, cast, 10);
    await seedLogs(db, { clinicId: cast.clinic.id, planId, patientId: cast.patientA.id, days: lastDays(today, 6, 2) });
    // No sign-off yet, so each day's evaluation holds: one held decision per day.
    for (const day of [3, 2, 1, 0])
      await evaluatePlan(db, {
        plan: await planRow(planId),
        timeZone: "Europe/London",
        actor: null,
        today: addDays(today, -day),
      });
    const load = async (query = "") =>
      (
        await run(patientPage.loader, await getRequest(path(cast.patientA.id) + query, { userId: cast.clinician.id }), {
          patientId: cast.patientA.id,
        })
      ).data;

    const page = await load();
    const holds = page.decisions.filter((d: { outcome: string }) => d.outcome === "hold");
    expect(holds.map((d: { evaluatedFor: string }) => d.evaluatedFor)).toEqual(
      [0, 1, 2, 3].map((n) => addDays(today, -n)),
    );
    expect(holds[0].checks.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(["pain-ok", "exam"]));
    expect(holds.slice(1).every((d: { checks: unknown }) => d.checks === null)).toBe(true);

    const asked = await load(`?decision=${holds[2].id}`);
    const shown = asked.decisions.find((d: { id: string }) => d.id === holds[2].id);
    expect(shown.checks.find((c: { id: string }) => c.id === "exam").status).toBe("no_data");
    expect(asked.decisions.filter((d: { checks: unknown }) => d.checks !== null)).toHaveLength(2);
  });

  it("shows the latest 50 audit entries with a way to the whole trail, and keeps the stage bands from the plan's start", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const today = todayIn("Europe/London");
    // Started in the second stage, then moved back by hand: the bands must say so, not assume stage one.
    const program = ProgramSchema.parse({ ...twoStageProgram, id: cast.programId });
    const started = await startPlan(db, cast.clinician, {
      patientId: cast.patientA.id,
      program,
      startStageId: "build",
      startDate: addDays(today, -10),
      approvalMode: "confirm",
      involvedSide: "left",
    });
    if (!started.ok) throw new Error("plan");
    const planId = started.planId;
    const moved = await post(
      cast.patientA.id,
      { intent: "move-stage", planId, stageId: "load", moveReason: "Too sore" },
      cast.clinician.id,
    );
    expect(moved.status).toBe(200);
    // Sixty later events push the start and the move out of the latest fifty.
    for (let i = 0; i < 60; i++) {
      await recordAudit(db, {
        clinicId: cast.clinic.id,
        actor: cast.clinician,
        action: "measurement.recorded",
        entityType: "measurement",
        entityId: `m${i}`,
        planId,
      });
    }
    const load = async (query = "") =>
      (
        await run(patientPage.loader, await getRequest(path(cast.patientA.id) + query, { userId: cast.clinician.id }), {
          patientId: cast.patientA.id,
        })
      ).data;

    const page = await load();
    expect(page.audit).toHaveLength(50);
    expect(page.auditHasMore).toBe(true);
    expect(page.stageHistory.map((h: { stageId: string }) => h.stageId)).toEqual(["build", "load"]);
    expect(page.stageHistory[0].from).toBe(addDays(today, -10));
    const whole = await load("?audit=all");
    expect(whole.auditHasMore).toBe(false);
    expect(whole.audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(["plan.started", "plan.stage_moved"]),
    );
  });

  it("is 404 for a clinician of another clinic and 403 for a patient", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const other = await run(
      patientPage.loader,
      await getRequest(path(cast.patientA.id), { userId: cast.other.clinician.id }),
      { patientId: cast.patientA.id },
    );
    expect(other.status).toBe(404);
    const patient = await run(
      patientPage.loader,
      await getRequest(path(cast.patientA.id), { userId: cast.patientA.id }),
      { patientId: cast.patientA.id },
    );
    expect(patient.status).toBe(403);
  });
});

describe("starting a plan", () => {
  it("puts the patient on a clinic program with their goal, and evaluates it once", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const res = await post(
      cast.patientB.id,
      {
        intent: "start-plan",
        programId: cast.programId,
        startStageId: "",
        startDate: "2026-01-05",
        approvalMode: "confirm",
        goalText: "Back to five-a-side by March",
        goalActivity: "football",
        goalTargetDate: "2026-03-01",
      },
      cast.clinician.id,
    );
    expect(res.status).toBe(200);
    const plan = await db
      .selectFrom("plan")
      .selectAll()
      .where("patient_id", "=", cast.patientB.id)
      .executeTakeFirstOrThrow();
    expect(plan).toMatchObject({
      current_stage_id: "load",
      approval_mode: "confirm",
      goal_text: "Back to five-a-side by March",
      goal_activity: "football",
      status: "active",
    });
    expect(await db.selectFrom("decision").select("id").where("plan_id", "=", plan.id).execute()).toHaveLength(1);
  });

  it("can start from a built-in library program at a later stage", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const res = await post(
      cast.patientB.id,
      {
        intent: "start-plan",
        programId: "achilles-silbernagel-2007",
        startStageId: "",
        startDate: "2026-01-05",
        approvalMode: "automatic",
        goalText: "Run again",
      },
      cast.clinician.id,
    );
    expect(res.status).toBe(200);
    const plan = await db
      .selectFrom("plan")
      .selectAll()
      .where("patient_id", "=", cast.patientB.id)
      .executeTakeFirstOrThrow();
    expect(plan.program_id).toBe("achilles-silbernagel-2007");
  });

  it("answers field errors for a missing goal, a bad date and an unknown program, and writes nothing", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const before = await countRows(db, "plan");
    const res = await post(
      cast.patientB.id,
      { intent: "start-plan", programId: "", startDate: "soon", approvalMode: "sometimes", goalText: " " },
      cast.clinician.id,
    );
    expect(res.status).toBe(400);
    expect(Object.keys(res.data.fieldErrors).sort()).toEqual(["approvalMode", "goalText", "programId", "startDate"]);
    const unknown = await post(
      cast.patientB.id,
      {
        intent: "start-plan",
        programId: "no-such-program",
        startDate: "2026-01-05",
        approvalMode: "confirm",
        goalText: "Run",
      },
      cast.clinician.id,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.data.fieldErrors.programId).toBeTruthy();
    const badStage = await post(
      cast.patientB.id,
      {
        intent: "start-plan",
        programId: cast.programId,
        startStageId: "nope",
        startDate: "2026-01-05",
        approvalMode: "confirm",
        goalText: "Run",
      },
      cast.clinician.id,
    );
    expect(badStage.data.fieldErrors.startStageId).toBeTruthy();
    expect(await countRows(db, "plan")).toBe(before);
  });

  it("cannot use another clinic's program", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const before = await countRows(db, "plan");
    const res = await post(
      cast.other.patientA.id,
      {
        intent: "start-plan",
        programId: cast.programId,
        startDate: "2026-01-05",
        approvalMode: "confirm",
        goalText: "Run",
      },
      cast.other.clinician.id,
    );
    expect(res.status).toBe(400);
    expect(res.data.fieldErrors.programId).toBeTruthy();
    expect(await countRows(db, "plan")).toBe(before);
  });
});

describe("reviewing a recommendation", () => {
  it("confirming a pending advance moves the patient, audits it, and the engine then looks at the new stage", async () => {
    const { cast, planId, decisionId } = await withPendingAdvance();
    const res = await post(cast.patientA.id, { intent: "confirm", decisionId }, cast.clinician.id);
    expect(res.status).toBe(200);
    expect((await planRow(planId)).current_stage_id).toBe("build");
    const decision = await getDb()
      .selectFrom("decision")
      .selectAll()
      .where("id", "=", decisionId)
      .executeTakeFirstOrThrow();
    expect(decision).toMatchObject({ status: "applied", reviewed_by: cast.clinician.id });
    const actions = (
      await getDb().selectFrom("audit_event").select("action").where("plan_id", "=", planId).execute()
    ).map((a) => a.action);
    expect(actions).toContain("decision.confirmed");
    const again = await post(cast.patientA.id, { intent: "confirm", decisionId }, cast.clinician.id);
    expect(again.status).toBe(409);
  });

  it("overriding needs a reason; with one the patient stays and the reason is kept", async () => {
    const { cast, planId, decisionId } = await withPendingAdvance();
    const auditBefore = await countRows(getDb(), "audit_event");
    const noReason = await post(
      cast.patientA.id,
      { intent: "override", decisionId, overrideReason: "" },
      cast.clinician.id,
    );
    expect(noReason.status).toBe(400);
    expect(noReason.data.fieldErrors.overrideReason).toBeTruthy();
    expect(await countRows(getDb(), "audit_event")).toBe(auditBefore);
    const res = await post(
      cast.patientA.id,
      { intent: "override", decisionId, overrideReason: "Wants another week at this level" },
      cast.clinician.id,
    );
    expect(res.status).toBe(200);
    expect((await planRow(planId)).current_stage_id).toBe("load");
    const decision = await getDb()
      .selectFrom("decision")
      .selectAll()
      .where("id", "=", decisionId)
      .executeTakeFirstOrThrow();
    expect(decision).toMatchObject({ status: "overridden", review_reason: "Wants another week at this level" });
  });

  it("a clinician of another clinic gets 404 and a patient 403, and the decision stays pending", async () => {
    const { cast, decisionId } = await withPendingAdvance();
    const viaOurPatient = await post(cast.patientA.id, { intent: "confirm", decisionId }, cast.other.clinician.id);
    expect(viaOurPatient.status).toBe(404);
    const viaTheirPatient = await post(
      cast.other.patientA.id,
      { intent: "confirm", decisionId },
      cast.other.clinician.id,
    );
    expect(viaTheirPatient.status).toBe(404);
    const patient = await post(
      cast.patientA.id,
      { intent: "override", decisionId, overrideReason: "I feel fine" },
      cast.patientA.id,
    );
    expect(patient.status).toBe(403);
    const decision = await getDb()
      .selectFrom("decision")
      .select("status")
      .where("id", "=", decisionId)
      .executeTakeFirstOrThrow();
    expect(decision.status).toBe("pending");
  });

  it("a decision of another patient of the same clinic cannot be reviewed from this patient's page", async () => {
    const { cast, decisionId } = await withPendingAdvance();
    const res = await post(cast.patientB.id, { intent: "confirm", decisionId }, cast.clinician.id);
    expect(res.status).toBe(404);
  });
});

describe("Evaluate now", () => {
  it("says which days of logs it used, and the decision says the patient has gone quiet", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const { planId, today } = await planStartedDaysAgo(db, cast, 10);
    // Logged on four days, the last of them five days ago.
    const days = lastDays(addDays(today, -5), 4, 2);
    await seedLogs(db, { clinicId: cast.clinic.id, planId, patientId: cast.patientA.id, days });
    const res = await post(cast.patientA.id, { intent: "evaluate", planId }, cast.clinician.id);
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({
      ok: true,
      message: `Evaluated for ${formatDate(today)} using logs from ${formatDate(days[0]!.date)} to ${formatDate(days[3]!.date)} (4 days logged).`,
    });
    const latest = await db
      .selectFrom("decision")
      .selectAll()
      .where("plan_id", "=", planId)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(latest.outcome).toBe("hold");
    expect(latest.checks).toContain("5 days ago");
  });

  it("says so when the patient has not logged anything yet", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const { planId, today } = await planStartedDaysAgo(db, cast, 2);
    const res = await post(cast.patientA.id, { intent: "evaluate", planId }, cast.clinician.id);
    expect(res.data).toMatchObject({
      ok: true,
      message: `Evaluated for ${formatDate(today)}: the patient has not logged anything yet.`,
    });
  });
});

describe("changing the plan by hand", () => {
  it("moves the stage with a reason, audits it and re-evaluates", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const { planId, today } = await planStartedDaysAgo(db, cast, 2);
    const res = await post(
      cast.patientA.id,
      { intent: "move-stage", planId, stageId: "build", moveReason: "Clinic tests excellent" },
      cast.clinician.id,
    );
    expect(res.status).toBe(200);
    const plan = await planRow(planId);
    expect(plan).toMatchObject({ current_stage_id: "build", stage_entered_on: today });
    const audit = await db
      .selectFrom("audit_event")
      .selectAll()
      .where("plan_id", "=", planId)
      .where("action", "=", "plan.stage_moved")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!)).toMatchObject({ from: "load", to: "build", reason: "Clinic tests excellent" });
    expect(await db.selectFrom("decision").select("id").where("plan_id", "=", planId).execute()).toHaveLength(1);
  });

  it("refuses a move without a reason or to an unknown stage, writing nothing", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const { planId } = await planStartedDaysAgo(db, cast, 2);
    const audits = await countRows(db, "audit_event");
    const noReason = await post(
      cast.patientA.id,
      { intent: "move-stage", planId, stageId: "build", moveReason: "" },
      cast.clinician.id,
    );
    expect(noReason.status).toBe(400);
    expect(noReason.data.fieldErrors.moveReason).toBeTruthy();
    const unknown = await post(
      cast.patientA.id,
      { intent: "move-stage", planId, stageId: "nowhere", moveReason: "x" },
      cast.clinician.id,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.data.fieldErrors.stageId).toBeTruthy();
    expect((await planRow(planId)).current_stage_id).toBe("load");
    expect(await countRows(db, "audit_event")).toBe(audits);
  });

  it("pauses, resumes and discharges, each audited; a second discharge is a conflict", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const { planId } = await planStartedDaysAgo(db, cast, 2);
    expect((await post(cast.patientA.id, { intent: "pause", planId }, cast.clinician.id)).status).toBe(200);
    expect((await planRow(planId)).status).toBe("paused");
    expect((await post(cast.patientA.id, { intent: "resume", planId }, cast.clinician.id)).status).toBe(200);
    expect((await planRow(planId)).status).toBe("active");
    expect((await post(cast.patientA.id, { intent: "discharge", planId }, cast.clinician.id)).status).toBe(200);
    expect((await planRow(planId)).status).toBe("discharged");
    expect((await post(cast.patientA.id, { intent: "discharge", planId }, cast.clinician.id)).status).toBe(409);
    const actions = (await db.selectFrom("audit_event").select("action").where("plan_id", "=", planId).execute()).map(
      (a) => a.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["plan.paused", "plan.resumed", "plan.discharged"]));
  });

  it("a missing plan id is a field error", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const res = await post(cast.patientA.id, { intent: "pause" }, cast.clinician.id);
    expect(res.status).toBe(400);
    expect(res.data.fieldErrors.planId).toBeTruthy();
  });

  it("re-issues the invite link of a patient who has not joined, and only then", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    await db.updateTable("app_user").set({ password_hash: null }).where("id", "=", cast.patientB.id).execute();
    await db.updateTable("patient_profile").set({ joined_at: null }).where("user_id", "=", cast.patientB.id).execute();
    const invites = await countRows(db, "invite");
    const res = await post(cast.patientB.id, { intent: "reissue-invite" }, cast.clinician.id);
    expect(res.status).toBe(200);
    expect(res.data.inviteUrl).toMatch(/\/invite\//);
    expect(await countRows(db, "invite")).toBe(invites + 1);
    const hasPassword = await post(cast.patientA.id, { intent: "reissue-invite" }, cast.clinician.id);
    expect(hasPassword.status).toBe(409);
    expect(await countRows(db, "invite")).toBe(invites + 1);
    expect((await post(cast.patientB.id, { intent: "reissue-invite" }, cast.other.clinician.id)).status).toBe(404);
    expect(await countRows(db, "invite")).toBe(invites + 1);
  });

  it("a patient who joined without a password is no longer 'invited': no invite to resend, not in the invited filter", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    await db.updateTable("app_user").set({ password_hash: null }).where("id", "=", cast.patientB.id).execute();
    await db.updateTable("patient_profile").set({ joined_at: null }).where("user_id", "=", cast.patientB.id).execute();
    const reissued = await post(cast.patientB.id, { intent: "reissue-invite" }, cast.clinician.id);
    const invitedBefore = await listPatientsForClinic(db, cast.clinician.clinic_id, { status: "invited" });
    expect(invitedBefore.map((p) => p.id)).toContain(cast.patientB.id);

    const token = new URL(reissued.data.inviteUrl).pathname.split("/").pop()!;
    expect(await joinWithoutPassword(db, token)).toBe(cast.patientB.id);

    const page = await run(
      patientPage.loader,
      await getRequest(`/clinic/patients/${cast.patientB.id}`, { userId: cast.clinician.id }),
      { patientId: cast.patientB.id },
    );
    expect(page.data.patient.hasJoined).toBe(true);
    expect(page.data.inviteLink).toBeNull();
    expect((await post(cast.patientB.id, { intent: "reissue-invite" }, cast.clinician.id)).status).toBe(409);
    const invitedAfter = await listPatientsForClinic(db, cast.clinician.clinic_id, { status: "invited" });
    expect(invitedAfter.map((p) => p.id)).not.toContain(cast.patientB.id);
  });
});

describe("clinic measurements and sign-offs", () => {
  it("records both sides of a capacity test and a questionnaire score, then re-evaluates", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const { planId, today } = await planStartedDaysAgo(db, cast, 2);
    const before = await countRows(db, "measurement");
    const decisionsBefore = await countRows(db, "decision");
    const cap = await post(
      cast.patientA.id,
      { intent: "capacity", planId, measure: "single_leg_heel_raise_reps", testedOn: today, left: "25", right: "18" },
      cast.clinician.id,
    );
    expect(cap.status).toBe(200);
    const q = await post(
      cast.patientA.id,
      { intent: "questionnaire", planId, instrument: "visa_a", answeredOn: today, score: "64" },
      cast.clinician.id,
    );
    expect(q.status).toBe(200);
    const rows = await db
      .selectFrom("measurement")
      .selectAll()
      .where("plan_id", "=", planId)
      .orderBy("measure")
      .execute();
    expect(rows.map((r) => [r.measure, r.side, r.value])).toEqual([
      ["single_leg_heel_raise_reps", "left", 25],
      ["single_leg_heel_raise_reps", "right", 18],
      ["visa_a", null, 64],
    ]);
    expect(rows.every((r) => r.recorded_by === cast.clinician.id)).toBe(true);
    expect(await countRows(db, "measurement")).toBe(before + 3);
    expect(await countRows(db, "decision")).toBeGreaterThan(decisionsBefore);
  });

  it("rejects a test with no side, a bad date or an out-of-range score, writing nothing", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const { planId, today } = await planStartedDaysAgo(db, cast, 2);
    const before = await countRows(db, "measurement");
    const cap = await post(
      cast.patientA.id,
      { intent: "capacity", planId, measure: "single_hop_cm", testedOn: "yesterday", left: "", right: "" },
      cast.clinician.id,
    );
    expect(cap.status).toBe(400);
    expect(Object.keys(cap.data.fieldErrors).sort()).toEqual(["left", "testedOn"]);
    const q = await post(
      cast.patientA.id,
      { intent: "questionnaire", planId, instrument: "lefs", answeredOn: today, score: "95" },
      cast.clinician.id,
    );
    expect(q.status).toBe(400);
    expect(q.data.fieldErrors.score).toMatch(/0 and 80/);
    expect(await countRows(db, "measurement")).toBe(before);
  });

  it("signs off an item of the current stage only", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const { planId, today } = await planStartedDaysAgo(db, cast, 2);
    const before = await countRows(db, "signoff");
    const wrong = await post(
      cast.patientA.id,
      { intent: "signoff", planId, itemId: "not_an_item", signedOn: today },
      cast.clinician.id,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.data.fieldErrors.itemId).toBeTruthy();
    expect(await countRows(db, "signoff")).toBe(before);
    const ok = await post(
      cast.patientA.id,
      { intent: "signoff", planId, itemId: "exam_clear", signedOn: today, note: "No tenderness" },
      cast.clinician.id,
    );
    expect(ok.status).toBe(200);
    const row = await db.selectFrom("signoff").selectAll().where("plan_id", "=", planId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      item_id: "exam_clear",
      stage_id: "load",
      clinician_id: cast.clinician.id,
      note: "No tenderness",
    });
  });

  it("a patient cannot sign off or record tests (403), another clinic's clinician gets 404, and nothing is written", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const { planId, today } = await planStartedDaysAgo(db, cast, 2);
    const forms: Array<Record<string, string>> = [
      { intent: "signoff", planId, itemId: "exam_clear", signedOn: today },
      { intent: "capacity", planId, measure: "single_hop_cm", testedOn: today, left: "100", right: "120" },
      { intent: "questionnaire", planId, instrument: "visa_a", answeredOn: today, score: "70" },
      { intent: "move-stage", planId, stageId: "build", moveReason: "why not" },
      { intent: "pause", planId },
      { intent: "discharge", planId },
      { intent: "evaluate", planId },
    ];
    const counts = async () =>
      Promise.all((["signoff", "measurement", "audit_event", "decision"] as const).map((t) => countRows(db, t)));
    const before = await counts();
    for (const form of forms) {
      expect((await post(cast.patientA.id, form, cast.patientA.id)).status, form.intent!).toBe(403);
      expect((await post(cast.patientA.id, form, cast.other.clinician.id)).status, form.intent!).toBe(404);
      // Their own patient's page with our plan id: still 404.
      expect((await post(cast.other.patientA.id, form, cast.other.clinician.id)).status, form.intent!).toBe(404);
    }
    expect(await counts()).toEqual(before);
    expect((await planRow(planId)).status).toBe("active");
  });
});
