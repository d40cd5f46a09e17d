import type { DB } from "~/db/client.server.ts";
import { addDays, type Program } from "~/engine/index.ts";
import { getPlanInClinic } from "~/models/plan.server.ts";
import { loadBuiltInProgram } from "~/programs/index.ts";
import { confirmDecisionAsOf } from "~/services/decision-review.server.ts";
import { evaluatePlan } from "~/services/evaluation.server.ts";
import { startPlan } from "~/services/plan.server.ts";
import { todayIn } from "~/utils/dates.ts";
import { newId } from "~/utils/ids.server.ts";
import { seededRandom } from "../seeded-random.ts";

type Ids = {
  clinicId: string;
  clinicianId: string;
  patientId: string;
  patient2Id: string;
  timeZone: string;
  today: Date;
};

const clamp = (v: number) => Math.max(0, Math.min(10, Math.round(v)));

/**
 * Demo plans with weeks of history, written the way the app writes them: a log per day, then the engine's evaluation
 * for that day, and the clinician confirming advances the next day. The decisions and audit trail are real engine output.
 */
export async function seedDemoPlans(db: DB, ids: Ids): Promise<void> {
  const today = todayIn(ids.timeZone, ids.today);
  const clinician = {
    id: ids.clinicianId,
    clinic_id: ids.clinicId,
    role: "clinician" as const,
    time_zone: ids.timeZone,
  };

  await simulatePlan(db, clinician, {
    patientId: ids.patientId,
    program: requireProgram("achilles-silbernagel-2007"),
    involvedSide: "right",
    goal: {
      text: "Run the Parkrun again without my Achilles complaining the next morning",
      activity: "Running 5 km",
      weeksAhead: 12,
    },
    days: 42,
    today,
    timeZone: ids.timeZone,
    seed: 7,
    // Pain settles over the weeks, with one flare-up in week 3 after a long walk.
    painDuring: (day) => (day >= 19 && day <= 20 ? 6 : 4.2 - day * 0.06),
    morningPain: (day) => (day >= 20 && day <= 21 ? 4 : 3 - day * 0.05),
    skip: (day, r) => r() < 0.12 && day % 7 !== 0,
    measurements: (day) =>
      day % 7 === 5
        ? [
            { measure: "single_leg_heel_raise_reps", side: "right", value: Math.min(24, 8 + Math.floor(day / 3)) },
            { measure: "single_leg_heel_raise_reps", side: "left", value: 26 },
          ]
        : [],
    signoffs: (day, stageId) =>
      stageId === "phase-2-recovery" && day >= 30 ? ["phase_2_tolerated_no_insertional_pain"] : [],
  });

  await simulatePlan(db, clinician, {
    patientId: ids.patient2Id,
    program: requireProgram("hamstring-askling-2013"),
    involvedSide: "left",
    goal: { text: "Back to five-a-side by March", activity: "Five-a-side football", weeksAhead: 10 },
    days: 12,
    today,
    timeZone: ids.timeZone,
    seed: 11,
    painDuring: (day) => (day === 1 ? 2 : 0),
    morningPain: () => 1,
    // Jordan stopped logging four days ago: the triage home should notice.
    skip: (day, _r, total) => day > total - 5,
    measurements: () => [],
    signoffs: () => [],
  });
}

function requireProgram(id: string): Program {
  const program = loadBuiltInProgram(id);
  if (!program) throw new Error(`Demo seed needs the built-in program ${id}`);
  return program;
}

type Simulation = {
  patientId: string;
  program: Program;
  involvedSide: "left" | "right";
  goal: { text: string; activity: string; weeksAhead: number };
  days: number;
  today: string;
  timeZone: string;
  seed: number;
  painDuring: (day: number) => number;
  morningPain: (day: number) => number;
  skip: (day: number, r: () => number, total: number) => boolean;
  measurements: (day: number) => Array<{ measure: string; side: "left" | "right"; value: number }>;
  signoffs: (day: number, stageId: string) => string[];
};

async function simulatePlan(
  db: DB,
  clinician: { id: string; clinic_id: string; role: "clinician"; time_zone: string },
  sim: Simulation,
): Promise<void> {
  const r = seededRandom(sim.seed);
  const startDate = addDays(sim.today, -sim.days);
  const started = await startPlan(db, clinician, {
    patientId: sim.patientId,
    program: sim.program,
    startStageId: sim.program.stages[0]!.id,
    startDate,
    approvalMode: "confirm",
    involvedSide: sim.involvedSide,
    goalText: sim.goal.text,
    goalActivity: sim.goal.activity,
    goalTargetDate: addDays(sim.today, sim.goal.weeksAhead * 7),
  });
  if (!started.ok) throw new Error(`Demo plan could not start: ${JSON.stringify(started.fieldErrors)}`);
  const planId = started.planId;
  const signed = new Set<string>();

  // Up to yesterday: today is left for the demo patient to log.
  for (let day = 0; day < sim.days; day++) {
    const date = addDays(startDate, day);
    let plan = (await getPlanInClinic(db, clinician.clinic_id, planId))!;
    if (plan.status !== "active") break;

    // Yesterday's advance, confirmed by the physio this morning.
    const pending = await db
      .selectFrom("decision")
      .select("id")
      .where("plan_id", "=", planId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (pending) {
      await confirmDecisionAsOf(db, clinician, pending.id, date);
      plan = (await getPlanInClinic(db, clinician.clinic_id, planId))!;
    }

    for (const itemId of sim.signoffs(day, plan.current_stage_id)) {
      if (signed.has(itemId)) continue;
      signed.add(itemId);
      await db
        .insertInto("signoff")
        .values({
          id: newId(),
          clinic_id: clinician.clinic_id,
          plan_id: planId,
          item_id: itemId,
          stage_id: plan.current_stage_id,
          signed_on: date,
          clinician_id: clinician.id,
          note: null,
          created_at: `${date}T12:00:00.000Z`,
        })
        .execute();
    }
    for (const m of sim.measurements(day)) {
      await db
        .insertInto("measurement")
        .values({
          id: newId(),
          clinic_id: clinician.clinic_id,
          plan_id: planId,
          patient_id: sim.patientId,
          measured_on: date,
          measure: m.measure,
          side: m.side,
          value: m.value,
          answers: null,
          recorded_by: clinician.id,
          created_at: `${date}T09:00:00.000Z`,
        })
        .execute();
    }
    if (sim.skip(day, r, sim.days)) continue;

    const stage = sim.program.stages.find((s) => s.id === plan.current_stage_id)!;
    const noise = () => (r() - 0.5) * 1.2;
    const painDuring = clamp(sim.painDuring(day) + noise());
    const restDay = (stage.prescription.frequencyPerWeek ?? 7) < 7 && day % 2 === 1;
    const minutes = 25 + Math.round(r() * 15);
    const rpe = clamp(4 + noise() * 2);
    await db
      .insertInto("daily_log")
      .values({
        id: newId(),
        clinic_id: clinician.clinic_id,
        plan_id: planId,
        patient_id: sim.patientId,
        log_date: date,
        // Mornings vary less than sessions: the tendon's overnight response is the steadier signal.
        morning_pain: clamp(sim.morningPain(day) + noise() * 0.3),
        morning_stiffness: clamp(sim.morningPain(day) + 1 + noise() * 0.3),
        session_done: restDay ? "none" : r() < 0.1 ? "partial" : "done",
        pain_during: restDay ? null : painDuring,
        pain_after: restDay ? null : clamp(painDuring - 1 + noise()),
        pain_at_rest: null,
        session_minutes: restDay ? null : minutes,
        session_rpe: restDay ? null : rpe,
        running_minutes: null,
        swelling: null,
        soreness: null,
        exercises: restDay
          ? null
          : JSON.stringify(
              stage.prescription.exercises.map((e) => ({
                exerciseId: e.id,
                status: "done",
                sets: e.sets ?? null,
                reps: e.reps ?? null,
                loadKg: null,
              })),
            ),
        other_activities: day % 6 === 3 ? JSON.stringify([{ label: "Walk", minutes: 40, rpe: 2 }]) : null,
        test_pain: stage.gates.some((g) => g.kind === "pain" && g.metric === "test")
          ? JSON.stringify({ hop: clamp(3 - day * 0.08) })
          : null,
        notes: day === 19 ? "Long walk at the weekend, Achilles sore that evening." : null,
        created_at: `${date}T19:00:00.000Z`,
        updated_at: `${date}T19:00:00.000Z`,
      })
      .execute();
    await evaluatePlan(db, {
      plan,
      timeZone: sim.timeZone,
      actor: { id: sim.patientId, role: "patient" },
      today: date,
    });
  }
}
