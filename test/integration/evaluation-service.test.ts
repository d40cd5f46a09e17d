import { describe, expect, it } from "vitest";
import type { DB } from "~/db/client.server.ts";
import { ProgramSchema } from "~/engine/index.ts";
import { confirmDecisionAsOf } from "~/services/decision-review.server.ts";
import { evaluatePlan, programOfPlan } from "~/services/evaluation.server.ts";
import { startPlan } from "~/services/plan.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { newId } from "~/utils/ids.server.ts";
import { createClinicWithCast } from "../support/factories.ts";

// Two stages: advance after one session with pain ≤ 3; pain ≥ 6 in the latest session sends you back a stage.
const program = ProgramSchema.parse({
  id: "two-stage-test",
  version: 1,
  name: "Two-stage test program",
  condition: "Test",
  summary: "For service tests.",
  painModel: {
    name: "test",
    duringMax: 5,
    afterMax: null,
    inclusive: true,
    settleBy: "none",
    weekOnWeek: "none",
    redFlagPain: 8,
  },
  citations: [],
  minDaysAfterRegress: 2,
  stages: ["one", "two"].map((id) => ({
    id,
    name: `Stage ${id}`,
    goal: "Load the tissue",
    instructions: "Do the exercises.",
    minDays: 0,
    prescription: { exercises: [{ id: "squat", name: "Squat", sets: 3, reps: 10, side: "both" }] },
    gates: [
      {
        id: "low-pain",
        kind: "pain",
        metric: "during",
        aggregate: "max",
        window: { sessions: 1 },
        comparator: "lte",
        threshold: 3,
      },
    ],
    regressRules: [
      {
        id: "flare",
        label: "Pain 6 or more",
        action: { to: "previous" },
        criteria: [
          {
            id: "high",
            kind: "pain",
            metric: "during",
            aggregate: "latest",
            window: { sessions: 1 },
            comparator: "gte",
            threshold: 6,
          },
        ],
      },
    ],
  })),
});

async function setup(approvalMode: "confirm" | "automatic", startStageId = "one", onProgram = program) {
  const db = getDb();
  const cast = await createClinicWithCast(db);
  const started = await startPlan(db, cast.clinician, {
    patientId: cast.patientA.id,
    program: onProgram,
    startStageId,
    startDate: "2026-11-01",
    approvalMode,
    involvedSide: "right",
  });
  if (!started.ok) throw new Error("plan did not start");
  const log = (date: string, painDuring: number, swelling: "none" | "1+" | "2+" | null = null) =>
    db
      .insertInto("daily_log")
      .values({
        id: newId(),
        clinic_id: cast.clinic.id,
        plan_id: started.planId,
        patient_id: cast.patientA.id,
        log_date: date,
        morning_pain: null,
        morning_stiffness: null,
        session_done: "done",
        pain_during: painDuring,
        pain_after: null,
        pain_at_rest: null,
        session_minutes: 30,
        session_rpe: 4,
        running_minutes: null,
        swelling,
        soreness: null,
        exercises: null,
        other_activities: null,
        test_pain: null,
        notes: null,
        created_at: `${date}T18:00:00Z`,
        updated_at: `${date}T18:00:00Z`,
      })
      .execute();
  const plan = () => db.selectFrom("plan").selectAll().where("id", "=", started.planId).executeTakeFirstOrThrow();
  const evaluateOn = async (today: string) =>
    evaluatePlan(db, { plan: await plan(), timeZone: "Europe/London", actor: null, today });
  return { db, cast, planId: started.planId, log, plan, evaluateOn };
}

const decisions = (db: DB, planId: string) =>
  db
    .selectFrom("decision")
    .select(["outcome", "status", "evaluated_for"])
    .where("plan_id", "=", planId)
    .orderBy("created_at")
    .execute();

describe("recording and applying engine decisions", () => {
  it("in automatic mode an advance applies at once, and the session that earned it does not count towards the next stage", async () => {
    const { log, plan, evaluateOn } = await setup("automatic");
    await log("2026-11-02", 2);
    const result = await evaluateOn("2026-11-02");
    expect(result).toMatchObject({ status: "applied", stageChanged: true });
    // Entered on the day it was applied (the patient's today), never the next day, which is still in their future.
    expect(await plan()).toMatchObject({ current_stage_id: "two", stage_entered_on: "2026-11-02" });
    // Re-evaluated the same day (the patient edits the log): that day's session earned the move and stays with stage
    // one, so stage two has seen no session yet and there is no second advance.
    const again = await evaluateOn("2026-11-02");
    expect(again.decision.outcome).toBe("hold");
    expect((await plan()).status).toBe("active");
  });

  it("with clinician confirmation an advance waits, and confirming it moves the plan", async () => {
    const { db, cast, planId, log, plan, evaluateOn } = await setup("confirm");
    await log("2026-11-02", 2);
    const result = await evaluateOn("2026-11-02");
    expect(result.status).toBe("pending");
    expect((await plan()).current_stage_id).toBe("one");
    const clinician = { ...cast.clinician, time_zone: "Europe/London" };
    expect(await confirmDecisionAsOf(db, clinician, result.decisionId, "2026-11-04")).toEqual({ ok: true });
    expect(await plan()).toMatchObject({ current_stage_id: "two", stage_entered_on: "2026-11-04" });
    // A decision can be confirmed only once.
    expect(await confirmDecisionAsOf(db, clinician, result.decisionId, "2026-11-04")).toMatchObject({
      ok: false,
      status: 409,
    });
    const audit = await db.selectFrom("audit_event").select("action").where("plan_id", "=", planId).execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["plan.started", "decision.advance.proposed", "decision.confirmed"]),
    );
  });

  it("a flare-up regresses at once even when advances need confirmation, and starts the no-flip-flop stay", async () => {
    const { db, planId, log, plan, evaluateOn } = await setup("confirm", "two");
    await log("2026-11-02", 7);
    const result = await evaluateOn("2026-11-02");
    expect(result).toMatchObject({ status: "applied", stageChanged: true });
    expect(result.decision.outcome).toBe("regress");
    expect(await plan()).toMatchObject({
      current_stage_id: "one",
      stage_entered_on: "2026-11-02",
      last_regress_on: "2026-11-02",
    });
    // A pain-free session the next day does not advance straight back: the program asks for 2 days after a regress.
    await log("2026-11-03", 1);
    expect((await evaluateOn("2026-11-03")).decision.outcome).toBe("hold");
    expect((await decisions(db, planId)).map((d) => d.outcome)).toEqual(["regress", "hold"]);
  });

  it("auto-approval waits for the clinician when a red flag is recent: effusion 2+ two days ago holds the advance", async () => {
    const { db, planId, log, plan, evaluateOn } = await setup("automatic");
    await log("2026-11-02", 2, "2+");
    await log("2026-11-04", 2, "none");
    const result = await evaluateOn("2026-11-04");
    expect(result.decision.outcome).toBe("hold");
    const hold = result.decision.checks.find((c) => c.id === "no_recent_red_flag")!;
    expect(hold.status).toBe("not_met");
    expect(hold.clinicianText).toContain("effusion 2+ on 2 Nov (2 days ago)");
    expect(await plan()).toMatchObject({ current_stage_id: "one" });
    expect((await decisions(db, planId)).map((d) => d.status)).toEqual(["info"]);
  });

  it("auto-approval waits for the clinician when a program that does not hold on red flags advances past one", async () => {
    // The program sets no red-flag hold, so the gates advance; the flagged advance still waits for a clinician.
    const { db, planId, log, plan, evaluateOn } = await setup("automatic", "one", { ...program, redFlagHoldDays: 0 });
    await log("2026-11-02", 2, "2+");
    const result = await evaluateOn("2026-11-02");
    expect(result.decision.outcome).toBe("advance");
    expect(result.decision.requiresClinician).toMatch(/clinician must confirm.*Effusion 2\+ logged on 2 Nov/);
    expect(result).toMatchObject({ status: "pending", stageChanged: false });
    expect(await plan()).toMatchObject({ current_stage_id: "one" });
    const audit = await db
      .selectFrom("audit_event")
      .select(["action", "detail"])
      .where("plan_id", "=", planId)
      .where("action", "like", "decision.%")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["decision.advance.proposed"]);
    expect(audit[0]!.detail).toContain("requiresClinician");
  });

  it("a patient silent for five days is not advanced, even in automatic mode, and the decision says when they last logged", async () => {
    const { log, plan, evaluateOn } = await setup("automatic");
    await log("2026-11-02", 2);
    const result = await evaluateOn("2026-11-07");
    expect(result.decision.outcome).toBe("hold");
    const recent = result.decision.checks.find((c) => c.id === "recent_data")!;
    expect(recent).toMatchObject({ status: "not_met", observed: 5 });
    expect(recent.patientText).toContain("your last log was on 2 Nov, 5 days ago");
    expect(result.logsUsed).toEqual({ from: "2026-11-02", to: "2026-11-02", days: 1 });
    expect(await plan()).toMatchObject({ current_stage_id: "one" });
  });

  it("a newer evaluation supersedes a decision still waiting for the clinician, and same-day holds are not duplicated", async () => {
    const { db, planId, log, evaluateOn } = await setup("confirm");
    await log("2026-11-02", 2);
    const first = await evaluateOn("2026-11-02");
    await log("2026-11-03", 5);
    await evaluateOn("2026-11-03");
    await evaluateOn("2026-11-03");
    const rows = await decisions(db, planId);
    expect(rows).toEqual([
      { outcome: "advance", status: "superseded", evaluated_for: "2026-11-02" },
      { outcome: "hold", status: "info", evaluated_for: "2026-11-03" },
    ]);
    expect(first.status).toBe("pending");
  });
});

describe("reading a plan's program snapshot", () => {
  it("validates each distinct snapshot once and hands every plan on it the same frozen program", () => {
    const snapshot = JSON.stringify(program);
    const first = programOfPlan({ program_snapshot: snapshot });
    expect(first).toEqual(program);
    // A copy of the same text (as a second database row would give) reuses the parsed program.
    expect(programOfPlan({ program_snapshot: snapshot.slice(0) + "" })).toBe(first);
    expect(Object.isFrozen(first.stages[0]!.gates[0])).toBe(true);
    expect(() => {
      (first.stages as unknown as unknown[]).push({});
    }).toThrow(TypeError);
    const edited = programOfPlan({ program_snapshot: JSON.stringify({ ...program, version: 2 }) });
    expect(edited).not.toBe(first);
    expect(edited.version).toBe(2);
  });

  it("refuses a snapshot that is not a valid program, every time it is asked", () => {
    const broken = JSON.stringify({ ...program, stages: [] });
    expect(() => programOfPlan({ program_snapshot: broken })).toThrow();
    expect(() => programOfPlan({ program_snapshot: broken })).toThrow();
  });
});
