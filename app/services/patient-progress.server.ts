import { questionnaireKindOf } from "~/content/questionnaires.ts";
import type { DB } from "~/db/client.server.ts";
import type { Plan } from "~/db/types.ts";
import {
  addDays,
  adherenceOver,
  isScoredFromAnswers,
  stageAdherenceRule,
  type AdherenceReading,
  type Check,
  type LoadSummary,
  type Stage,
} from "~/engine/index.ts";
import { listLogsForPlan } from "~/models/daily-log.server.ts";
import { doseVersionsOfPlan, getPersonalDose, PREPARED } from "~/models/personal-dose.server.ts";
import { personalPrescription } from "~/services/personal-prescription.server.ts";
import { getLatestDecisionForPlan } from "~/models/decision.server.ts";
import { loadMovedOn, loadPlanFacts } from "~/models/facts.server.ts";
import { decidePlan } from "~/services/evaluation.server.ts";
import { stageDateOf } from "~/services/patient-day.server.ts";
import { loadPatientPlan, painZones, type PatientUser } from "~/services/patient-plan.server.ts";
import { SELF_TEST_MEASURES } from "~/services/self-test.server.ts";

export type ChecklistItem = {
  id: string;
  status: Check["status"];
  text: string;
  detail: string | null;
  waitingForPhysio: boolean;
  action: { to: string; label: string } | null;
};

const COMPARATOR_WORDS: Record<string, string> = {
  lte: "at most",
  lt: "below",
  gte: "at least",
  gt: "more than",
  eq: "exactly",
};

function show(value: Check["observed"], unit?: string): string {
  if (value === null) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  const one = value === 1 && unit === "days";
  const u = unit ? (unit === "%" || unit.startsWith("/") ? unit : ` ${one ? "day" : unit}`) : "";
  return `${typeof value === "number" ? Math.round(value * 10) / 10 : value}${u}`;
}

/** One line per gate: the engine's own sentence, plus "last time … · goal …" and what the patient can do about it. */
function checklistItem(check: Check, stage: Stage): ChecklistItem {
  const waiting = Boolean(check.awaitingClinician) || check.kind === "signoff";
  let detail: string | null = null;
  if (waiting && check.status !== "met") detail = "Waiting for your physio";
  // What the engine still needs, never "not recorded yet" when part of it was (its sentence says how much so far).
  else if (check.status === "no_data") detail = check.missing ? `Still needed: ${check.missing}` : "Not recorded yet";
  // Only a measured number reads as "last time": the red-flag check's "none" would read "Last time: none days".
  else if (typeof check.observed === "number" && check.threshold !== null && typeof check.threshold !== "boolean") {
    const goal = `${check.comparator ? `${COMPARATOR_WORDS[check.comparator]} ` : ""}${show(check.threshold, check.unit)}`;
    detail = `Last time: ${show(check.observed, check.unit)} · goal: ${goal}`;
  }
  const criterion = stage.gates.find((g) => g.id === check.criterionId);
  let action: ChecklistItem["action"] = null;
  if (check.status !== "met" && criterion) {
    if (criterion.kind === "capacity" && SELF_TEST_MEASURES[criterion.measure])
      action = { to: "/me/tests", label: "Record this test" };
    if (criterion.kind === "questionnaire" && isScoredFromAnswers(criterion.instrument)) {
      action = {
        to: `/me/questionnaires/${questionnaireKindOf(criterion.instrument)}`,
        label: "Fill in the questionnaire",
      };
    }
    if (criterion.kind === "pain" && criterion.metric === "test")
      action = { to: "/me/log", label: "Record it in today's log" };
  }
  return {
    id: check.id,
    status: check.status,
    text: check.patientText,
    detail,
    waitingForPhysio: waiting && check.status !== "met",
    action,
  };
}

/**
 * Where the patient stands today: the latest recorded decision when it was made today for the current stage;
 * otherwise the engine is run now (nothing recorded), so no page shows another stage's gates or yesterday's time
 * gates. Today and Progress both read this, so they never disagree.
 */
export async function standingToday(db: DB, plan: Plan, timeZone: string, today: string) {
  const latest = await getLatestDecisionForPlan(db, plan.id);
  if (latest && latest.evaluated_for === today && latest.from_stage_id === plan.current_stage_id) {
    return {
      latest,
      checks: JSON.parse(latest.checks) as Check[],
      load: latest.load ? (JSON.parse(latest.load) as LoadSummary) : null,
      summary: latest.patient_summary,
      movedOn: await loadMovedOn(db, plan),
    };
  }
  const facts = await loadPlanFacts(db, plan, today);
  const preview = decidePlan(plan, timeZone, today, facts);
  return {
    latest,
    checks: preview.checks,
    load: preview.load,
    summary: preview.patientSummary,
    movedOn: facts.movedOn ?? null,
  };
}

/** The patient's way to the next gate (the checklist of today's standing). */
export async function progressView(db: DB, patient: PatientUser) {
  const current = await loadPatientPlan(db, patient);
  if (!current) return null;
  const { plan, program, stage, stageIndex, today } = current;
  const { latest, checks, load, summary, movedOn } = await standingToday(db, plan, patient.time_zone, today);
  const awaitingMove =
    // A pending hold carries dose changes only (ADR 056): no move awaits.
    latest && latest.status === "pending" && latest.outcome !== "hold"
      ? (program.stages.find((s) => s.id === latest.to_stage_id)?.name ?? null)
      : null;

  // Charts cover four weeks, or the plan's days when it is younger: no empty or zero days before it began.
  const fourWeeksAgo = addDays(today, -27);
  const from = plan.start_date > fourWeeksAgo ? plan.start_date : fourWeeksAgo;
  const adherenceRule = shownAdherenceRule(stage);
  const logsFrom = [from, addDays(today, -(adherenceRule.windowDays - 1))].sort()[0]!;
  const logs = (await listLogsForPlan(db, plan.id, { from: logsFrom })).reverse();
  const chartLogs = logs.filter((l) => l.log_date >= from);
  const gates = checks.filter((c) => c.role === "gate").map((c) => checklistItem(c, stage));
  return {
    today,
    from,
    stageNumber: stageIndex + 1,
    stageCount: program.stages.length,
    stages: program.stages.map((s, i) => ({
      id: s.id,
      name: s.name,
      state: i < stageIndex ? "done" : i === stageIndex ? "current" : "next",
    })),
    stageName: stage.name,
    ...stageDateOf(plan, today),
    isLastStage: stageIndex === program.stages.length - 1,
    summary,
    awaitingMove,
    gates,
    metCount: gates.filter((g) => g.status === "met").length,
    loads: await stageLoads(db, plan, stage),
    pain: {
      limit: painZones(program.painModel, "during").limit,
      during: chartLogs.map((l) => ({ date: l.log_date, value: l.pain_during })),
      after: chartLogs.map((l) => ({ date: l.log_date, value: l.pain_after })),
      morning: chartLogs.map((l) => ({ date: l.log_date, value: l.morning_pain })),
    },
    load: load
      ? {
          daily: load.daily.filter((d) => d.date >= from).map((d) => ({ date: d.date, value: d.load })),
          acute: load.acute,
          note: load.note,
        }
      : null,
    adherence: shownAdherence(
      adherenceOver(
        logs.map((l) => ({ date: l.log_date, sessionDone: l.session_done })),
        adherenceRule,
        { today, plan: { startDate: plan.start_date, stageEnteredOn: plan.stage_entered_on, movedOn } },
      ),
      adherenceRule.scope,
    ),
  };
}

/** The window the Progress page shows when the stage has no adherence gate (two weeks, as most gates use). */
const ADHERENCE_SHOWN_DAYS = 14;

/**
 * The rule behind the patient's "Sessions done" figure: the stage's adherence gate when it has one (so the figure is
 * the one that gate judges), otherwise the engine's defaults for this stage over ADHERENCE_SHOWN_DAYS.
 */
const shownAdherenceRule = (stage: Stage) => stageAdherenceRule(stage, ADHERENCE_SHOWN_DAYS);

/**
 * The engine's reading, rounded for the page as the checklist rounds (one decimal) and not capped: a patient who
 * trained more often than planned sees over 100 %, the same number the adherence gate's line shows.
 */
function shownAdherence(r: AdherenceReading, scope: "stage" | "plan") {
  const oneDecimal = (x: number) => Math.round(x * 10) / 10;
  return {
    days: r.days,
    /** The window starts later than its length allows: at the start of the stage (or plan). */
    since: r.clipped ? scope : null,
    /** Today has no session logged yet, so it is left out (not a missed session before the day is over). */
    todayPending: r.todayPending,
    done: r.done,
    partial: r.partial,
    partialCredit: r.partialCredit,
    perWeek: r.perWeek,
    percent: r.percent === null ? null : oneDecimal(r.percent),
  };
}

/**
 * Each loaded exercise of this stage from the dose the patient started it on to today's (ADR 056): "Heel drops: from
 * 0 to 12.5 kg". Body-weight exercises without kg are left out.
 */
async function stageLoads(db: DB, plan: Plan, stage: Stage) {
  const stay = { stageId: plan.current_stage_id, stageEnteredOn: plan.stage_entered_on };
  const [current, versions] = await Promise.all([getPersonalDose(db, plan.id, stay), doseVersionsOfPlan(db, plan.id)]);
  const firstOfStay = versions.find((v) => v.stageId === stay.stageId && v.stageEnteredOn === stay.stageEnteredOn);
  // The stay began on the program's dose, or on the latest dose prepared for the stage before its first own version.
  const prepared = versions
    .filter((v) => v.stageId === stay.stageId && v.stageEnteredOn === PREPARED)
    .filter((v) => !firstOfStay || v.version < firstOfStay.version)
    .at(-1);
  const kgAtStart = new Map(personalPrescription(stage, prepared).exercises.map((e) => [e.id, e.load?.kg ?? 0]));
  return personalPrescription(stage, current).exercises.flatMap((e) => {
    const to = e.load?.kg ?? 0;
    const from = kgAtStart.get(e.id) ?? 0;
    return to > 0 || from > 0 ? [{ name: e.name, from, to }] : [];
  });
}
