import type { DB } from "~/db/client.server.ts";
import type { DailyLog } from "~/db/types.ts";
import { auditQuery, recordAudit } from "~/models/audit.server.ts";
import { getLogForPlanDate, upsertLogForDay, upsertLogQuery, type DailyLogValues } from "~/models/daily-log.server.ts";
import type { Decision, Prescription } from "~/engine/index.ts";
import {
  logDayRefusal,
  logDayRefusalMessage,
  NO_LOG_YET,
  type CheckInInput,
  type DailyLogInput,
} from "~/schemas/daily-log.ts";
import { loadPlanFacts, withLogOfDay, type PlanFacts } from "~/models/facts.server.ts";
import { claimPlanVersion, getPlanForUpdate } from "~/models/plan.server.ts";
import { runBatchUnlessDoseClash } from "~/services/dose-change.server.ts";
import { decidePlan, decisionWrites, recordDecision } from "~/services/evaluation.server.ts";
import { prescriptionOnDay } from "~/services/personal-dose-day.server.ts";
import { nowIso } from "~/utils/dates.ts";
import { newId } from "~/utils/ids.server.ts";
import { loadPatientPlan, stageTestNames, type PatientPlan, type PatientUser } from "~/services/patient-plan.server.ts";

export type SaveLogResult =
  | { ok: true; logId: string; date: string; edited: boolean; decisionId: string | null }
  | { ok: false; status: 400 | 404; fieldErrors: Record<string, string>; formError?: string }
  | StaleLog;

/**
 * The day's log changed after the form was opened (another tab or device): nothing is written, the form comes back
 * with what was typed, and `openedVersion` is the log as it is now, so saving again replaces it on purpose.
 */
export type StaleLog = {
  ok: false;
  status: 409;
  fieldErrors: Record<string, string>;
  formError: string;
  openedVersion: string;
};

export const STALE_LOG_MESSAGE =
  "This day's log was changed in another tab or device since you opened it — review and save again.";

/** The version a form posts back: the log's edit count, or "none" when the day had no log yet. */
export function logVersionOf(log: Pick<DailyLog, "edit_count"> | undefined | null): string {
  return log ? String(log.edit_count) : NO_LOG_YET;
}

/**
 * Null when the save may go ahead: no version posted, the log unchanged since the form was opened, or the stored log
 * already holds exactly these answers (the same form posted twice, as a double tap without JavaScript does).
 */
function staleCheck(
  openedVersion: string | undefined,
  existing: DailyLog | undefined,
  answers: Partial<DailyLogValues>,
): StaleLog | null {
  if (openedVersion === undefined || openedVersion === logVersionOf(existing)) return null;
  if (existing && Object.entries(answers).every(([key, value]) => existing[key as keyof DailyLog] === value))
    return null;
  return {
    ok: false,
    status: 409,
    fieldErrors: {},
    formError: STALE_LOG_MESSAGE,
    openedVersion: logVersionOf(existing),
  };
}

/**
 * Turns the form's answers into the row's values. Exercise rows must belong to the plan's program or to the patient's
 * own dose (an exercise the physio added for them); named tests must belong to the program.
 */
function logValuesFrom(
  input: DailyLogInput,
  program: PatientPlan["program"],
  ownExercises: Prescription["exercises"],
): DailyLogValues {
  const knownExercises = new Set([
    ...program.stages.flatMap((s) => s.prescription.exercises.map((e) => e.id)),
    ...ownExercises.map((e) => e.id),
  ]);
  const sessionHappened = input.sessionDone !== "none";
  const answered = input.exercises.flatMap(({ exerciseId, status, sets, reps, loadKg }) =>
    status !== undefined && knownExercises.has(exerciseId)
      ? [{ exerciseId, status, sets: sets ?? null, reps: reps ?? null, loadKg: loadKg ?? null }]
      : [],
  );
  // "Did them all": every exercise of the patient's dose the form left unanswered was done as prescribed. In the
  // dose's order, then any answered exercise the dose no longer has.
  const byId = new Map(answered.map((e) => [e.exerciseId, e]));
  const asPrescribed = (e: Prescription["exercises"][number]) => ({
    exerciseId: e.id,
    status: "done" as const,
    sets: e.sets ?? null,
    reps: e.reps ?? null,
    loadKg: e.load?.kg ?? null,
  });
  const ofDose = ownExercises.flatMap((e) => {
    const given = byId.get(e.id);
    // "Done" with no numbers (the checklist asks them only for "partly") is done as prescribed too.
    const noNumbers = given && given.sets === null && given.reps === null && given.loadKg === null;
    if (given && !(given.status === "done" && noNumbers)) return [given];
    return given || input.sessionDone === "done" ? [asPrescribed(e)] : [];
  });
  const ownIds = new Set(ownExercises.map((e) => e.id));
  const exercises = sessionHappened ? [...ofDose, ...answered.filter((e) => !ownIds.has(e.exerciseId))] : [];
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
 * and the plan's version check makes the later of two saves read again and become an edit. The engine's evaluation is
 * recorded in the same transaction.
 */
export async function saveDailyLog(db: DB, patient: PatientUser, input: DailyLogInput): Promise<SaveLogResult> {
  const current = await loadPatientPlan(db, patient);
  if (!current) return { ok: false, status: 404, fieldErrors: {}, formError: "You don't have a plan yet." };
  const refused = refuseDay(current, input.date);
  if (refused) return refused;
  const own = await prescriptionOnDay(db, current.plan, current.stage, input.date, patient.time_zone);
  const values = logValuesFrom(input, current.program, own.exercises);
  // The form never shows pain at rest, so an edit keeps whatever was recorded.
  const { pain_at_rest: _kept, ...onExisting } = values;
  return upsertAndEvaluate(db, patient, current, input.date, values, onExisting, input.openedVersion);
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
  const refusal = logDayRefusal(date, current.today, current.plan.start_date);
  if (!refusal) return null;
  const message = logDayRefusalMessage(refusal, current.plan.start_date);
  return { ok: false, status: 400, fieldErrors: { date: message }, formError: message };
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
  first: PatientPlan,
  date: string,
  forNewDay: DailyLogValues,
  onExistingDay: Partial<DailyLogValues>,
  openedVersion?: string,
): Promise<SaveLogResult> {
  // Read and evaluate first (read connections, no lock held), then write the log, its audit entry and the decision in
  // one write batch that checks the plan is still at the version read (ADR 047): never a log without its decision,
  // never a decision from stale facts. If another write to the plan got there first, everything is read and evaluated
  // once more; if that loses too, the save runs with the plan locked.
  let current = first;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (attempt > 0) {
      const again = await loadPatientPlan(db, patient);
      if (!again || again.plan.id !== first.plan.id) break;
      current = again;
    }
    const { plan } = current;
    const [facts, existing] = await Promise.all([
      plan.status === "active" ? loadPlanFacts(db, plan, current.today) : null,
      getLogForPlanDate(db, plan.id, date),
    ]);
    // A save that changed the log after this read bumps the plan's version too, so the batch below fails and the
    // next attempt reads (and refuses) it.
    const stale = staleCheck(openedVersion, existing, onExistingDay);
    if (stale) return stale;
    const log = logAfterSave(plan, date, existing, forNewDay, onExistingDay);
    const evaluation = facts ? evaluateSafely(db, patient, current, withLogOfDay(facts, log)) : null;
    // A dose version taken by a tailoring in between (automatic dose changes) is a conflict too: read again.
    const written = await runBatchUnlessDoseClash(db, [
      { query: claimPlanVersion(db, plan), expectChanges: 1 },
      { query: upsertLogQuery(db, plan, date, forNewDay, onExistingDay, { id: log.id, now: log.updated_at }) },
      { query: auditQuery(db, logAudit(patient, plan, log)) },
      ...(evaluation?.writes ?? []),
    ]);
    if (written.ok) return saved(log, evaluation?.result.decisionId ?? null);
  }
  return upsertAndEvaluateLocked(db, patient, current, date, forNewDay, onExistingDay, openedVersion);
}

/** The day's row as the save's upsert leaves it: the existing row edited, or a new one. */
function logAfterSave(
  plan: PatientPlan["plan"],
  date: string,
  existing: DailyLog | undefined,
  forNewDay: DailyLogValues,
  onExistingDay: Partial<DailyLogValues>,
): DailyLog {
  const now = nowIso();
  if (existing) return { ...existing, ...onExistingDay, updated_at: now, edit_count: existing.edit_count + 1 };
  return {
    ...forNewDay,
    id: newId(),
    clinic_id: plan.clinic_id,
    plan_id: plan.id,
    patient_id: plan.patient_id,
    log_date: date,
    created_at: now,
    updated_at: now,
    edit_count: 0,
  };
}

function saved(log: DailyLog, decisionId: string | null): SaveLogResult {
  return { ok: true, logId: log.id, date: log.log_date, edited: log.edit_count > 0, decisionId };
}

function logAudit(patient: PatientUser, plan: PatientPlan["plan"], log: DailyLog) {
  const edited = log.edit_count > 0;
  return {
    clinicId: plan.clinic_id,
    actor: patient,
    action: edited ? "daily_log.edited" : "daily_log.recorded",
    entityType: "daily_log",
    entityId: log.id,
    planId: plan.id,
    detail: edited ? { date: log.log_date, editCount: log.edit_count } : { date: log.log_date },
  };
}

/** The decision's writes, or null when the engine fails: an engine fault must not cost the patient their log. */
function evaluateSafely(db: DB, patient: PatientUser, current: PatientPlan, facts: PlanFacts) {
  let decision: Decision;
  try {
    decision = decidePlan(current.plan, patient.time_zone, current.today, facts);
  } catch (error) {
    // Keep the log, record no decision, and say so in the server log.
    console.error(
      `engine: evaluation failed for plan ${current.plan.id}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return null;
  }
  return decisionWrites(db, current.plan, decision, current.today, patient, facts);
}

/** The save with the plan locked for the whole transaction: the last resort after two lost version checks. */
async function upsertAndEvaluateLocked(
  db: DB,
  patient: PatientUser,
  current: PatientPlan,
  date: string,
  forNewDay: DailyLogValues,
  onExistingDay: Partial<DailyLogValues>,
  openedVersion: string | undefined,
): Promise<SaveLogResult> {
  return db.transaction().execute(async (trx): Promise<SaveLogResult> => {
    const plan = (await getPlanForUpdate(trx, current.plan.id)) ?? current.plan;
    const stale = staleCheck(openedVersion, await getLogForPlanDate(trx, plan.id, date), onExistingDay);
    if (stale) return stale;
    const log = await upsertLogForDay(trx, plan, date, forNewDay, onExistingDay);
    await recordAudit(trx, logAudit(patient, plan, log));
    const facts = plan.status === "active" ? await loadPlanFacts(trx, plan, current.today) : null;
    const evaluation = facts ? evaluateSafely(trx, patient, { ...current, plan }, facts) : null;
    if (!evaluation) {
      await claimPlanVersion(trx, plan).execute();
      return saved(log, null);
    }
    const recorded = await recordDecision(trx, plan, evaluation.result.decision, current.today, patient, facts ?? {});
    return saved(log, recorded.decisionId);
  });
}
