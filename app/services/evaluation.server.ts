import type { DB } from "~/db/client.server.ts";
import type { DecisionStatus, Plan } from "~/db/types.ts";
import type { BatchWrite } from "~/db/write-batch.server.ts";
import {
  applicableDoseChanges,
  evaluate,
  ProgramSchema,
  stageEntryDate,
  type Decision,
  type Program,
} from "~/engine/index.ts";
import { auditQuery } from "~/models/audit.server.ts";
import {
  decisionRow,
  deleteHeldOfDayQuery,
  insertDecisionQuery,
  supersedePendingQuery,
} from "~/models/decision.server.ts";
import { loadPlanFacts, type PlanFacts } from "~/models/facts.server.ts";
import { setPlanStage, setPlanStageQuery, type StageChange } from "~/models/plan-stage.server.ts";
import { claimPlanVersion, getPlanForUpdate, getPlanInClinic } from "~/models/plan.server.ts";
import { doseChangeWrites, doseInputOf, runBatchUnlessDoseClash } from "./dose-change.server.ts";
import { todayIn } from "~/utils/dates.ts";
import { deepFreeze } from "~/utils/deep-freeze.ts";

export type Actor = { id: string; role: string } | null;

export type EvaluationResult = {
  decision: Decision;
  decisionId: string;
  status: DecisionStatus;
  /** True when the plan's stage changed as a result (regressions always; advances only in automatic mode). */
  stageChanged: boolean;
  /** The days of the logs the engine was given (first and last log date, how many days were logged); null when the
   * patient has logged nothing in the history loaded. */
  logsUsed: LogsUsed | null;
};

export type LogsUsed = { from: string; to: string; days: number };

// Validating a stored program costs more than the engine's whole evaluation, and a clinic's plans share a handful of
// program versions: parse each distinct text once. Frozen, because every caller now shares the object (and the
// engine's per-program caches key on its identity).
const PARSED_PROGRAMS_MAX = 256;
const parsedPrograms = new Map<string, Program>();

/** A program stored as JSON (a plan's snapshot, a clinic program's version), validated once per distinct text. */
export function parseStoredProgram(json: string): Program {
  const cached = parsedPrograms.get(json);
  if (cached) return cached;
  const program = deepFreeze(ProgramSchema.parse(JSON.parse(json)));
  if (parsedPrograms.size >= PARSED_PROGRAMS_MAX) parsedPrograms.delete(parsedPrograms.keys().next().value!);
  parsedPrograms.set(json, program);
  return program;
}

export function programOfPlan(plan: Pick<Plan, "program_snapshot">): Program {
  return parseStoredProgram(plan.program_snapshot);
}

/** Engine input for a plan: pure facts, no database handles. */
function planFacts(plan: Plan, timeZone: string, movedOn: string | null) {
  return {
    timeZone,
    startDate: plan.start_date,
    injuryDate: plan.injury_date,
    surgeryDate: plan.surgery_date,
    involvedSide: plan.involved_side as "left" | "right" | "both" | "none",
    currentStageId: plan.current_stage_id,
    stageEnteredOn: plan.stage_entered_on,
    movedOn,
    lastRegressOn: plan.last_regress_on,
  };
}

/**
 * Runs the engine on a plan's recent history and records the decision:
 * - hold: kept as information (replacing an earlier hold of the same day);
 * - regress: applied at once (safety first) and flagged for the clinician;
 * - advance / complete: applied at once in automatic mode, unless the engine says it needs a clinician
 *   (`decision.requiresClinician`: a recent red flag); otherwise left pending for the clinician to confirm.
 * Any decision still pending from an earlier evaluation is superseded by the new one.
 *
 * The facts are read and the engine run outside any transaction; the decision is then written in one write batch that
 * first checks the plan is still at the version that was read (ADR 047). If another write to the plan got there
 * first, it is read and evaluated once more; if that loses too, the evaluation runs with the plan locked.
 */
export async function evaluatePlan(
  db: DB,
  args: { plan: Plan; timeZone: string; actor: Actor; today?: string },
): Promise<EvaluationResult> {
  const { actor } = args;
  const today = args.today ?? todayIn(args.timeZone);
  let plan = args.plan;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (attempt > 0) plan = (await getPlanInClinic(db, plan.clinic_id, plan.id)) ?? plan;
    const facts = await loadPlanFacts(db, plan, today);
    const decision = decidePlan(plan, args.timeZone, today, facts);
    const { writes, result } = decisionWrites(db, plan, decision, today, actor, facts);
    const written = await runBatchUnlessDoseClash(db, [
      { query: claimPlanVersion(db, plan), expectChanges: 1 },
      ...writes,
    ]);
    if (written.ok) return { ...result, logsUsed: logsUsedOf(facts) };
  }
  return db.transaction().execute(async (trx) => {
    const locked = (await getPlanForUpdate(trx, plan.id)) ?? plan;
    const facts = await loadPlanFacts(trx, locked, today);
    const decision = decidePlan(locked, args.timeZone, today, facts);
    const result = await recordDecision(trx, locked, decision, today, actor, facts);
    return { ...result, logsUsed: logsUsedOf(facts) };
  });
}

/** The days of the logs loaded for an evaluation (they arrive in date order, up to today). */
function logsUsedOf(facts: PlanFacts): LogsUsed | null {
  const { logs } = facts;
  if (logs.length === 0) return null;
  return { from: logs[0]!.date, to: logs.at(-1)!.date, days: new Set(logs.map((l) => l.date)).size };
}

/** The engine's decision for a plan from facts already loaded (pure; no database). */
export function decidePlan(plan: Plan, timeZone: string, today: string, facts: PlanFacts): Decision {
  const { movedOn, personalDose, latestDoseVersion: _latest, ...history } = facts;
  const program = programOfPlan(plan);
  const stage = program.stages.find((s) => s.id === plan.current_stage_id);
  return evaluate({
    program,
    plan: planFacts(plan, timeZone, movedOn ?? null),
    today,
    ...history,
    // The patient's own dose, which progression rules change (ADR 056).
    ...(stage ? { dose: doseInputOf(plan, stage, personalDose, timeZone) } : {}),
  });
}

/** What applying a dose change needs from the facts read before the write (ADR 047). */
type DoseState = Pick<PlanFacts, "personalDose" | "latestDoseVersion">;

/**
 * Records a decision and puts it into effect as described on evaluatePlan, inside a transaction that holds the plan
 * (getPlanForUpdate): moves its version on like a write batch would.
 */
export async function recordDecision(
  trx: DB,
  plan: Plan,
  decision: Decision,
  today: string,
  actor: Actor,
  dose: DoseState,
): Promise<Omit<EvaluationResult, "logsUsed">> {
  const { writes, result } = decisionWrites(trx, plan, decision, today, actor, dose);
  for (const write of [{ query: claimPlanVersion(trx, plan) }, ...writes]) {
    await trx.executeQuery(write.query.compile());
  }
  return result;
}

/**
 * The writes that record a decision and put it into effect (as described on evaluatePlan), not yet run: for a write
 * batch after the plan's version check. The pending decision is superseded before the new one is inserted: at most
 * one decision per plan waits for the clinician (a unique index).
 */
export function decisionWrites(
  db: DB,
  plan: Plan,
  decision: Decision,
  today: string,
  actor: Actor,
  dose: DoseState,
): { writes: BatchWrite[]; result: Omit<EvaluationResult, "logsUsed"> } {
  const writes: BatchWrite[] = [{ query: supersedePendingQuery(db, plan.id) }];
  if (decision.outcome === "hold") writes.push({ query: deleteHeldOfDayQuery(db, plan.id, today) });
  // The engine says when an advance must wait for a clinician; the service only reads it.
  const applyNow =
    decision.outcome === "regress" ||
    (decision.outcome !== "hold" && plan.approval_mode === "automatic" && !decision.requiresClinician);
  // Dose changes (ADR 056): a regress's reduction applies with the regress; on a hold they wait for the clinician
  // unless the plan applies dose changes automatically. A hold that carries them is pending (or applied), not info.
  const doseChanges = applicableDoseChanges(decision);
  const doseAuto = plan.dose_approval_mode === "automatic" && !decision.requiresClinician;
  const holdStatus: DecisionStatus = doseChanges.length === 0 ? "info" : doseAuto ? "applied" : "pending";
  const status: DecisionStatus = decision.outcome === "hold" ? holdStatus : applyNow ? "applied" : "pending";
  const row = decisionRow({ clinicId: plan.clinic_id, planId: plan.id, decision, status });
  writes.push({ query: insertDecisionQuery(db, row) });

  let stageChanged = false;
  const change = applyNow ? outcomeChange(plan, decision, today) : null;
  if (applyNow) {
    if (change) writes.push({ query: setPlanStageQuery(db, plan.id, change) });
    stageChanged = decision.toStageId !== plan.current_stage_id || decision.outcome === "complete";
  }
  if (status === "applied" && doseChanges.length > 0) {
    writes.push(
      ...doseChangeWrites(db, {
        plan,
        stay: { stageId: decision.toStageId, stageEnteredOn: change?.enteredOn ?? plan.stage_entered_on },
        decisionId: row.id,
        changes: doseChanges,
        current: dose.personalDose,
        latestVersion: dose.latestDoseVersion ?? 0,
        actor: null,
      }),
    );
  } else if (status === "pending" && doseChanges.length > 0 && decision.outcome === "hold") {
    writes.push({
      query: auditQuery(db, {
        clinicId: plan.clinic_id,
        actor,
        action: "decision.dose_changes.proposed",
        entityType: "decision",
        entityId: row.id,
        planId: plan.id,
        detail: { evaluatedFor: today, changes: doseChanges.length, engineVersion: decision.engineVersion },
      }),
    });
  }
  if (decision.outcome !== "hold") {
    const action = applyNow ? `decision.${decision.outcome}.applied` : `decision.${decision.outcome}.proposed`;
    writes.push({
      query: auditQuery(db, {
        clinicId: plan.clinic_id,
        actor,
        action,
        entityType: "decision",
        entityId: row.id,
        planId: plan.id,
        detail: {
          from: decision.fromStageId,
          to: decision.toStageId,
          evaluatedFor: today,
          engineVersion: decision.engineVersion,
          ...(decision.requiresClinician ? { requiresClinician: decision.requiresClinician } : {}),
        },
      }),
    });
  }
  return { writes, result: { decision, decisionId: row.id, status, stageChanged } };
}

/**
 * Puts a decision's outcome into effect on the plan, on `patientToday`: the patient's local date at the moment it
 * takes effect (the evaluated day itself for an automatic advance or a regress; the day a clinician confirms, in the
 * patient's time zone, never the clinician's). The new stage is entered on that date (engine `stageEntryDate`), so
 * its date is never in the patient's future; a move applied on the day it was earned leaves that day's session with
 * the stage before (engine `firstStageDay`, fed by loadPlanFacts), so the session that earned the move never counts
 * towards the next stage too.
 */
export async function applyOutcome(
  db: DB,
  plan: Pick<Plan, "id" | "current_stage_id">,
  decision: Pick<Decision, "outcome" | "toStageId" | "evaluatedFor"> & Partial<Pick<Decision, "regress">>,
  patientToday: string,
): Promise<void> {
  const change = outcomeChange(plan, decision, patientToday);
  if (change) await setPlanStage(db, plan.id, change);
}

/** The stage change a decision's outcome makes (as applyOutcome describes), or null for a hold. */
export function outcomeChange(
  plan: Pick<Plan, "current_stage_id">,
  decision: Pick<Decision, "outcome" | "toStageId" | "evaluatedFor"> & Partial<Pick<Decision, "regress">>,
  patientToday: string,
): StageChange | null {
  const enteredOn = stageEntryDate(decision.evaluatedFor, patientToday);
  if (decision.outcome === "complete") {
    return { stageId: plan.current_stage_id, enteredOn, status: "completed" };
  } else if (decision.outcome === "regress") {
    // A "repeat" starts the same stage over: it is entered again, so its minimum days and its counts restart.
    const moved = decision.toStageId !== plan.current_stage_id || decision.regress?.action.to === "repeat";
    return {
      stageId: decision.toStageId,
      enteredOn: moved ? enteredOn : undefined,
      regressedOn: decision.evaluatedFor,
    };
  } else if (decision.outcome === "advance") {
    return { stageId: decision.toStageId, enteredOn };
  }
  return null;
}
