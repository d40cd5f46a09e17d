import type { DB } from "~/db/client.server.ts";
import {
  addDays,
  applicableDoseChanges,
  evaluate,
  involvedValueForSymmetry,
  measureIsLowerBetter,
  stageLoggedTests,
  type Check,
  type Criterion,
  type DailyLogFact,
  type Flag,
  type MeasurementFact,
  type Outcome,
  type Prescription,
  type Program,
  type SignoffFact,
  type Stage,
} from "~/engine/index.ts";
import { loadPlanFacts } from "~/models/facts.server.ts";
import type { TryProgramInput } from "~/schemas/try-program.ts";
import { todayIn } from "~/utils/dates.ts";
import { doseChangeLine } from "./dose-change.server.ts";

export type TryDay = {
  date: string;
  day: number;
  stageIndex: number;
  stageName: string;
  outcome: Outcome;
  toStageName: string;
  clinicianSummary: string;
  checks: Check[];
  flags: Flag[];
  /** The kg of each exercise of the dose in effect that day (0 = body weight), before the day's changes (ADR 056). */
  loads: Array<{ exerciseId: string; name: string; kg: number }>;
  /** The day's dose changes, each in words with its reason; assumed confirmed on the day. */
  doseChanges: string[];
};

type History = {
  start: string;
  involvedSide: "left" | "right" | "both" | "none";
  logs: DailyLogFact[];
  measurements: MeasurementFact[];
  signoffs: SignoffFact[];
  days: number;
  timeZone: string;
  /** A made-up patient does exactly the dose in effect: each done session logs it (filled in as the replay goes). */
  followsDose?: boolean;
};

const QUESTIONNAIRE_DEFAULT_MEASURE = (c: Extract<Criterion, { kind: "questionnaire" }>) => c.measure ?? c.instrument;

function criteriaOf(program: Program): Criterion[] {
  return program.stages.flatMap((s) => [...s.gates, ...s.regressRules.flatMap((r) => r.criteria)]);
}

/**
 * A made-up patient who follows the settings exactly: pain drifting as chosen, sessions done at the chosen rate,
 * weekly clinic tests ramping from start to end values, and (optionally) every sign-off given.
 */
export function syntheticHistory(program: Program, input: TryProgramInput, today: string): History {
  const start = addDays(today, -(input.days - 1));
  const criteria = criteriaOf(program);
  // Every test a stage's log asks for: monitoring tests are scored each morning like the pain on waking, the
  // others (provocation tests, trials) on training days like the pain during.
  const tests = Array.from(new Set(program.stages.flatMap(stageLoggedTests)));
  const monitoring = new Set(program.stages.flatMap((s) => (s.monitoringTests ?? []).map((t) => t.id)));
  const slope = input.painTrend === "rising" ? 1 : input.painTrend === "falling" ? -1 : 0; // points per week
  const clamp = (v: number) => Math.max(0, Math.min(10, Math.round(v * 10) / 10));
  const logs: DailyLogFact[] = [];
  for (let i = 0; i < input.days; i++) {
    const done = Math.floor(((i + 1) * input.adherencePercent) / 100) > Math.floor((i * input.adherencePercent) / 100);
    const pain = clamp(input.painDuring + (slope * i) / 7);
    const morningPain = clamp(input.morningPain + (slope * i) / 14);
    const scored = tests.filter((t) => done || monitoring.has(t));
    logs.push({
      date: addDays(start, i),
      morningPain,
      morningStiffness: clamp(input.morningPain),
      sessionDone: done ? "done" : "none",
      painDuring: done ? pain : null,
      painAfter: done ? pain : null,
      painAtRest: 0,
      sessionMinutes: done ? 30 + input.runningMinutes : null,
      sessionRpe: done ? 5 : null,
      runningMinutes: done && input.runningMinutes > 0 ? input.runningMinutes : null,
      swelling: "none",
      soreness: "none",
      testPain: scored.length
        ? Object.fromEntries(scored.map((t) => [t, monitoring.has(t) ? morningPain : pain]))
        : null,
    });
  }
  const measurements: MeasurementFact[] = [];
  const capacity = criteria.filter((c): c is Extract<Criterion, { kind: "capacity" }> => c.kind === "capacity");
  const questionnaires = criteria.filter(
    (c): c is Extract<Criterion, { kind: "questionnaire" }> => c.kind === "questionnaire",
  );
  const weeks = Math.floor((input.days - 1) / 7);
  for (let w = 0; w <= weeks; w++) {
    const date = addDays(start, w * 7);
    const f = weeks === 0 ? 1 : w / weeks;
    const lsi = input.lsiStart + (input.lsiEnd - input.lsiStart) * f;
    for (const measure of new Set(capacity.map((c) => c.measure))) {
      // The uninvolved (left) side scores 100; the involved side whatever gives the week's LSI as the engine reads it.
      const involved = involvedValueForSymmetry(lsi, 100, measureIsLowerBetter(program, measure));
      if (involved === null) continue; // a timed test at 0 %: no finite time gives it, so that week has no test
      measurements.push(
        { date, measure, side: "right", value: Math.round(involved * 10) / 10 },
        { date, measure, side: "left", value: 100 },
      );
    }
    for (const measure of new Set(questionnaires.map(QUESTIONNAIRE_DEFAULT_MEASURE))) {
      measurements.push({
        date,
        measure,
        side: null,
        value: Math.round(input.questionnaireStart + (input.questionnaireEnd - input.questionnaireStart) * f),
      });
    }
  }
  const items = Array.from(new Set(criteria.flatMap((c) => (c.kind === "signoff" ? [c.itemId] : []))));
  const signoffs: SignoffFact[] =
    input.signoffs === "yes"
      ? logs.flatMap((l) => items.map((itemId) => ({ itemId, date: l.date, clinicianId: null })))
      : [];
  return {
    start,
    involvedSide: "right",
    logs,
    measurements,
    signoffs,
    days: input.days,
    timeZone: "UTC",
    followsDose: true,
  };
}

/** An existing patient's recorded history (read only), from their plan's start up to today. */
export async function patientHistory(db: DB, clinicId: string, patientId: string): Promise<History | undefined> {
  const plan = await db
    .selectFrom("plan")
    .innerJoin("app_user", "app_user.id", "plan.patient_id")
    .selectAll("plan")
    .select("app_user.time_zone")
    .where("plan.clinic_id", "=", clinicId)
    .where("plan.patient_id", "=", patientId)
    .orderBy("plan.created_at", "desc")
    .executeTakeFirst();
  if (!plan) return undefined;
  const today = todayIn(plan.time_zone);
  const days = Math.min(
    120,
    Math.max(1, Math.round((Date.parse(today) - Date.parse(plan.start_date)) / 86_400_000) + 1),
  );
  const start = addDays(today, -(days - 1));
  const facts = await loadPlanFacts(db, { id: plan.id, stage_entered_on: start }, today);
  return {
    start,
    involvedSide: plan.involved_side as History["involvedSide"],
    days,
    timeZone: plan.time_zone,
    ...facts,
  };
}

/**
 * Replays a history day by day through the engine, as if the clinician confirmed every recommendation on the day it
 * was made. Pure: nothing is written.
 */
export function replay(program: Program, history: History, startStageId?: string): TryDay[] {
  let stageId =
    startStageId && program.stages.some((s) => s.id === startStageId) ? startStageId : program.stages[0]!.id;
  let enteredOn = history.start;
  let movedOn: string | null = null;
  let lastRegressOn: string | null = null;
  // The patient's dose, carried day by day: a stage starts from its program dose; a dose change replaces it.
  const stageOf = (id: string) => program.stages.find((s) => s.id === id);
  let dose = { prescription: stageOf(stageId)!.prescription, since: enteredOn };
  const logs = history.followsDose ? history.logs.map((l) => ({ ...l })) : history.logs;
  const out: TryDay[] = [];
  for (let i = 0; i < history.days; i++) {
    const today = addDays(history.start, i);
    if (history.followsDose)
      doseDone(
        logs.find((l) => l.date === today),
        dose.prescription,
      );
    const decision = evaluate({
      program,
      today,
      plan: {
        timeZone: history.timeZone,
        startDate: history.start,
        involvedSide: history.involvedSide,
        currentStageId: stageId,
        stageEnteredOn: enteredOn,
        movedOn,
        lastRegressOn,
      },
      logs: logs.filter((l) => l.date <= today),
      measurements: history.measurements.filter((m) => m.date <= today),
      signoffs: history.signoffs.filter((s) => s.date <= today),
      dose,
    });
    const stageIndex = program.stages.findIndex((s) => s.id === stageId);
    const changes = applicableDoseChanges(decision);
    out.push({
      date: today,
      day: i + 1,
      stageIndex,
      stageName: program.stages[stageIndex]?.name ?? stageId,
      outcome: decision.outcome,
      toStageName: program.stages.find((s) => s.id === decision.toStageId)?.name ?? decision.toStageId,
      clinicianSummary: decision.clinicianSummary,
      checks: decision.checks,
      flags: decision.flags,
      loads: dose.prescription.exercises.map((e) => ({ exerciseId: e.id, name: e.name, kg: e.load?.kg ?? 0 })),
      doseChanges: changes.map(doseChangeLine),
    });
    if (decision.outcome === "complete") break;
    if (decision.outcome === "advance" || (decision.outcome === "regress" && decision.toStageId !== stageId)) {
      stageId = decision.toStageId;
      // As applyOutcome does for a real plan confirmed the day it was earned: entered today, today's log stays behind.
      enteredOn = today;
      movedOn = today;
    }
    // A repeat starts the same stage over today (the day's session stays out: lastRegressOn on the entry day).
    if (decision.outcome === "regress" && decision.regress?.action.to === "repeat") {
      enteredOn = today;
      movedOn = null;
    }
    if (decision.outcome === "regress") lastRegressOn = today;
    if (stageId !== decision.fromStageId) dose = { prescription: stageOf(stageId)!.prescription, since: enteredOn };
    else if (changes.length > 0) dose = { prescription: withDoseChanges(dose.prescription, changes), since: today };
  }
  return out;
}

/** A made-up patient's done session: every exercise of the dose in effect, as prescribed. */
function doseDone(log: DailyLogFact | undefined, prescription: Prescription) {
  if (!log || log.sessionDone !== "done") return;
  log.exercises = prescription.exercises.map((e) => ({
    exerciseId: e.id,
    status: "done" as const,
    sets: e.sets ?? null,
    reps: e.reps ?? null,
    loadKg: e.load?.kg ?? null,
  }));
}

/** The dose after its changes: each changed exercise (or the run) replaced by its new dose, its rule kept. */
function withDoseChanges(
  prescription: Prescription,
  changes: ReturnType<typeof applicableDoseChanges>,
): Stage["prescription"] {
  const exercises = prescription.exercises.map((e) => {
    const change = changes.find((c) => c.part === "exercise" && c.exerciseId === e.id);
    return change?.part === "exercise" ? { ...change.to, source: e.source, progression: e.progression } : e;
  });
  const runChange = changes.find((c) => c.part === "run");
  const run =
    prescription.run && runChange?.part === "run" ? { ...prescription.run, ...runChange.to } : prescription.run;
  return { ...prescription, exercises, ...(run ? { run } : {}) };
}
