import type { DB } from "~/db/client.server.ts";
import type { DailyLog } from "~/db/types.ts";
import { addDays, type Prescription, type Stage } from "~/engine/index.ts";
import { getLogForPlanDate, listLogsForPlan, logDetailsOf } from "~/models/daily-log.server.ts";
import { stageDateOf } from "~/services/patient-day.server.ts";
import { standingToday } from "~/services/patient-progress.server.ts";
import { currentPrescriptionOf } from "~/services/personal-dose.server.ts";
import {
  isEditableDay,
  loadPatientPlan,
  painZones,
  stageTestNames,
  stageUsesSoreness,
  stageUsesSwelling,
  testLabel,
  type PatientPlan,
  type PatientUser,
} from "~/services/patient-plan.server.ts";

export type TrainingDay = { kind: "training" | "rest" | "done"; reason: string };

/**
 * Training or rest day, from the stage's sessions per week (docs/decisions/030-patient-daily-log.md): every day when
 * the stage asks for 7 a week; otherwise a rest day once this week's quota (the 6 days before today) is done, or the
 * day after a run when the plan wants a rest day between runs.
 */
function trainingDayOf(
  stage: Stage,
  today: string,
  recent: Pick<DailyLog, "log_date" | "session_done" | "running_minutes">[],
): TrainingDay {
  const todays = recent.find((l) => l.log_date === today);
  if (todays && todays.session_done !== "none")
    return { kind: "done", reason: "You have logged today's session. Well done." };
  const perWeek = stage.prescription.frequencyPerWeek ?? 7;
  if (perWeek >= 7) return { kind: "training", reason: "Your plan has exercises every day." };
  const weekStart = addDays(today, -6);
  const done = recent.filter((l) => l.log_date >= weekStart && l.log_date < today && l.session_done !== "none").length;
  const quota = Math.ceil(perWeek);
  if (done >= quota) {
    return {
      kind: "rest",
      reason: `You have done ${done} sessions in the last 6 days; your plan asks for ${quota} a week.`,
    };
  }
  const yesterday = recent.find((l) => l.log_date === addDays(today, -1));
  if (stage.prescription.run?.restDayBetween && yesterday && (yesterday.running_minutes ?? 0) > 0) {
    return { kind: "rest", reason: "You ran yesterday, and your plan wants a rest day between runs." };
  }
  return { kind: "training", reason: `${done} of ${quota} sessions done in the last 6 days.` };
}

/**
 * The prescription as the patient sees it: exercises, run and notes, without the clinician-only provenance
 * (`source` on the prescription, each exercise and the run) or progression rules (the clinician's, with theirs). Patients read plain instructions; which parts are a
 * source's and which are our reading is for the clinician (prescription-table.tsx shows it).
 */
function patientPrescription(prescription: Prescription) {
  const { run, notes } = prescription;
  return {
    exercises: prescription.exercises.map(({ source: _source, progression: _rule, ...exercise }) => exercise),
    run: run ? (({ source: _source, progression: _rule, ...rest }) => rest)(run) : null,
    notes: notes ?? null,
  };
}

/** The stage in plain words with the patient's own dose (their physio's tailoring, else the program's). */
function stageView(current: PatientPlan, ownPrescription: Prescription) {
  const { program, stage, stageIndex, plan } = current;
  const prescription = patientPrescription(ownPrescription);
  return {
    programName: program.name,
    stageNumber: stageIndex + 1,
    stageCount: program.stages.length,
    stageName: stage.name,
    stageGoal: stage.goal,
    instructions: stage.instructions,
    exercises: prescription.exercises,
    run: prescription.run,
    prescriptionNotes: prescription.notes,
    involvedSide: plan.involved_side,
  };
}

export async function todayView(db: DB, patient: PatientUser) {
  const current = await loadPatientPlan(db, patient);
  if (!current) return null;
  const { plan, today } = current;
  const [recent, standing, prescription] = await Promise.all([
    listLogsForPlan(db, plan.id, { from: addDays(today, -7) }),
    standingToday(db, plan, patient.time_zone, today),
    currentPrescriptionOf(db, plan, current.stage),
  ]);
  const todays = recent.find((l) => l.log_date === today) ?? null;
  return {
    today,
    status: plan.status,
    goal: { text: plan.goal_text, activity: plan.goal_activity, targetDate: plan.goal_target_date },
    ...stageView(current, prescription),
    ...stageDateOf(plan, today),
    trainingDay: trainingDayOf(current.stage, today, recent),
    checkInDone: todays?.morning_pain !== null && todays?.morning_pain !== undefined,
    sessionLogged: Boolean(todays && todays.session_done !== "none"),
    // The same standing as Progress shows (not the last recorded decision, which may be yesterday's).
    latestSummary: standing.summary,
  };
}

/** What the log form needs: the day's prescription, the program's pain zones, and the day's saved answers. */
export async function logFormView(db: DB, patient: PatientUser, date: string) {
  const current = await loadPatientPlan(db, patient);
  if (!current) return null;
  const { plan, program, stage, today } = current;
  const [existing, prescription] = await Promise.all([
    getLogForPlanDate(db, plan.id, date),
    currentPrescriptionOf(db, plan, stage),
  ]);
  return {
    date,
    today,
    isToday: date === today,
    editable: isEditableDay(date, today, plan.start_date),
    ...stageView(current, prescription),
    painModelName: program.painModel.name,
    zones: { during: painZones(program.painModel, "during"), after: painZones(program.painModel, "after") },
    tests: stageTestNames(stage).map((name) => {
      const monitoring = stage.monitoringTests?.find((t) => t.id === name);
      // A monitoring test is done each morning (the response to yesterday's session); others when they are done.
      return {
        name,
        label: monitoring?.name ?? testLabel(name),
        morning: monitoring !== undefined,
        instructions: monitoring?.instructions ?? null,
      };
    }),
    asksSoreness: stageUsesSoreness(stage),
    asksSwelling: stageUsesSwelling(stage),
    existing: existing ? formValuesOf(existing) : null,
    editCount: existing?.edit_count ?? 0,
  };
}

/** A saved log as form values (strings, as the form posts them). */
function formValuesOf(log: DailyLog): Record<string, unknown> {
  const str = (v: number | null) => (v === null ? "" : String(v));
  const { exercises, otherActivities: others, testPain } = logDetailsOf(log);
  return {
    date: log.log_date,
    morningPain: str(log.morning_pain),
    morningStiffness: str(log.morning_stiffness),
    sessionDone: log.session_done,
    exercises: exercises.map((e) => ({
      exerciseId: e.exerciseId,
      status: e.status,
      sets: e.sets ?? "",
      reps: e.reps ?? "",
      loadKg: e.loadKg ?? "",
    })),
    runningMinutes: str(log.running_minutes),
    painDuring: str(log.pain_during),
    painAfter: str(log.pain_after),
    sessionRpe: str(log.session_rpe),
    sessionMinutes: str(log.session_minutes),
    swelling: log.swelling ?? "",
    soreness: log.soreness ?? "",
    testPain: Object.fromEntries(Object.entries(testPain).map(([k, v]) => [k, String(v)])),
    otherActivities: others.map((o) => ({ label: o.label, minutes: String(o.minutes), rpe: String(o.rpe) })),
    notes: log.notes ?? "",
  };
}
