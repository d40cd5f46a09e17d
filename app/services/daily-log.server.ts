import type { DB } from "~/db/client.server.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { upsertLogForDay, type DailyLogValues } from "~/models/daily-log.server.ts";
import type { Decision } from "~/engine/index.ts";
import type { CheckInInput, DailyLogInput } from "~/schemas/daily-log.ts";
import { loadPlanFacts, withLogOfDay } from "~/models/facts.server.ts";
import { decidePlan, recordDecision } from "~/services/evaluation.server.ts";
import {
  isEditableDay,
  loadPatientPlan,
  stageTestNames,
  type PatientPlan,
  type PatientUser,
} from "~/services/patient-plan.server.ts";

export type SaveLogResult =
  | { ok: true; logId: string; date: string; edited: boolean; decisionId: string | null }
  | { ok: false; status: 400 | 404; fieldErrors: Record<string, string>; formError?: string };

/** Turns the form's answers into the row's values. Exercise rows and named tests must belong to the plan's program. */
function logValuesFrom(input: DailyLogInput, program: PatientPlan["program"]): DailyLogValues {
  const knownExercises = new Set(program.stages.flatMap((s) => s.prescription.exercises.map((e) => e.id)));
  const sessionHappened = input.sessionDone !== "none";
  const exercises = sessionHappened
    ? input.exercises
        .filter((e) => knownExercises.has(e.exerciseId))
        .map((e) => ({
          exerciseId: e.exerciseId,
          status: e.status,
          sets: e.sets ?? null,
          reps: e.reps ?? null,
          loadKg: e.loadKg ?? null,
        }))
    : [];
  // Named tests too: only tests some stage of the program asks for are kept; other names are dropped, like unknown
  // exercises (the form only offers the stage's tests, so only a hand-made post has others).
  const knownTests = new Set(program.stages.flatMap(stageTestNames));
  const asked = Object.entries(input.testPain ?? {}).filter(([name]) => knownTests.has(name));
  const testPain = asked.length > 0 ? Object.fromEntries(asked) : null;
  return {
    morning_pain: input.morningPain ?? null,
    morning_stiffness: input.morningStiffness ?? null,
    session_done: input.sessionDone,
    pain_during: sessionHappened ? (input.painDuring ?? null) : null,
    pain_after: sessionHappened ? (input.painAfter ?? null) : null,
    pain_at_rest: null,
    session_minutes: sessionHappened ? (input.sessionMinutes ?? null) : null,
    session_rpe: sessionHappened ? (input.sessionRpe ?? null) : null,
    running_minutes: input.runningMinutes ?? null,
    swelling: input.swelling ?? null,
    soreness: input.soreness ?? null,
    exercises: exercises.length > 0 ? JSON.stringify(exercises) : null,
    other_activities: input.otherActivities.length > 0 ? JSON.stringify(input.otherActivities) : null,
    test_pain: testPain ? JSON.stringify(testPain) : null,
    notes: input.notes ?? null,
  };
}

/**
 * Records the patient's log for a day: the first save creates it, any later save for the same day edits it (counted
 * and audited). A double submit never creates two: the write is one insert-or-update on the unique (plan, day) key,
 * so a save that loses the race becomes an edit. The engine's evaluation is recorded in the same transaction.
 */
export async function saveDailyLog(db: DB, patient: PatientUser, input: DailyLogInput): Promise<SaveLogResult> {
  const current = await loadPatientPlan(db, patient);
  if (!current) return { ok: false, status: 404, fieldErrors: {}, formError: "You don't have a plan yet." };
  const refused = refuseDay(current, input.date);
  if (refused) return refused;
  const values = logValuesFrom(input, current.program);
  // The form never shows pain at rest, so an edit keeps whatever was recorded.
  const { pain_at_rest: _kept, ...onExisting } = values;
  return upsertAndEvaluate(db, patient, current, input.date, values, onExisting);
}

/** The morning check-in alone: creates the day's log (no session yet) or fills in the two morning numbers. */
export async function saveCheckIn(db: DB, patient: PatientUser, input: CheckInInput): Promise<SaveLogResult> {
  const current = await loadPatientPlan(db, patient);
  if (!current) return { ok: false, status: 404, fieldErrors: {}, formError: "You don't have a plan yet." };
  const refused = refuseDay(current, input.date);
  if (refused) return refused;
  const morning = { morning_pain: input.morningPain, morning_stiffness: input.morningStiffness };
  return upsertAndEvaluate(db, patient, current, input.date, { ...emptyDay(), ...morning }, morning);
}

function refuseDay(current: PatientPlan, date: string): SaveLogResult | null {
  if (isEditableDay(date, current.today, current.plan.start_date)) return null;
  return {
    ok: false,
    status: 400,
    fieldErrors: { date: "You can only log today or the last few days of your plan." },
    formError: "That day can no longer be changed.",
  };
}

function emptyDay(): DailyLogValues {
  return {
    morning_pain: null,
    morning_stiffness: null,
    session_done: "none",
    pain_during: null,
    pain_after: null,
    pain_at_rest: null,
    session_minutes: null,
    session_rpe: null,
    running_minutes: null,
    swelling: null,
    soreness: null,
    exercises: null,
    other_activities: null,
    test_pain: null,
    notes: null,
  };
}

async function upsertAndEvaluate(
  db: DB,
  patient: PatientUser,
  current: PatientPlan,
  date: string,
  forNewDay: DailyLogValues,
  onExistingDay: Partial<DailyLogValues>,
): Promise<SaveLogResult> {
  const { plan } = current;
  // The engine's history is read before the write (from the read connections) and the saved row put in its place,
  // so the log, its audit entry and the decision it leads to are one transaction: never a log without its decision.
  const facts = plan.status === "active" ? await loadPlanFacts(db, plan, current.today) : null;
  const saved = await db.transaction().execute(async (trx) => {
    const log = await upsertLogForDay(trx, plan, date, forNewDay, onExistingDay);
    const edited = log.edit_count > 0;
    await recordAudit(trx, {
      clinicId: plan.clinic_id,
      actor: patient,
      action: edited ? "daily_log.edited" : "daily_log.recorded",
      entityType: "daily_log",
      entityId: log.id,
      planId: plan.id,
      detail: edited ? { date, editCount: log.edit_count } : { date },
    });
    if (!facts) return { logId: log.id, edited, decisionId: null };
    let decision: Decision;
    try {
      decision = decidePlan(plan, patient.time_zone, current.today, withLogOfDay(facts, log));
    } catch (error) {
      // An engine fault must not cost the patient their log: keep it, record no decision, and say so in the server log.
      console.error(
        `engine: evaluation failed for plan ${plan.id}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return { logId: log.id, edited, decisionId: null };
    }
    const evaluation = await recordDecision(trx, plan, decision, current.today, patient);
    return { logId: log.id, edited, decisionId: evaluation.decisionId };
  });
  return { ok: true, logId: saved.logId, date, edited: saved.edited, decisionId: saved.decisionId };
}
