import type { DB } from "~/db/client.server.ts";
import { applicableDoseChanges, type Flag } from "~/engine/index.ts";
import { auditQuery, recordAudit } from "~/models/audit.server.ts";
import { getDecisionInClinic, markDecisionReviewed, markReviewedQuery } from "~/models/decision.server.ts";
import { setPlanStageQuery } from "~/models/plan-stage.server.ts";
import { bumpPlanVersion, getPlanInClinic } from "~/models/plan.server.ts";
import { getUserById } from "~/models/user.server.ts";
import { getPersonalDose, latestDoseVersionOfPlan } from "~/models/personal-dose.server.ts";
import {
  doseChangeLine,
  doseChangesOf,
  doseChangeWrites,
  isDoseChangeStale,
  runBatchUnlessDoseClash,
} from "./dose-change.server.ts";
import { outcomeChange, programOfPlan } from "./evaluation.server.ts";
import { personalPrescription } from "./personal-prescription.server.ts";
import { reevaluate } from "./plan-change.server.ts";
import { todayIn } from "~/utils/dates.ts";

type Clinician = { id: string; clinic_id: string; role: "clinician"; time_zone: string };

type ReviewFailure = { ok: false; status: 404 | 409; message: string };
export type ReviewResult = { ok: true } | ReviewFailure;

/** Which decisions a review may touch: always only the clinician's clinic's; from a patient's page, only theirs. */
export type ReviewScope = { patientId?: string };

const decisionNotFound = { ok: false as const, status: 404 as const, message: "Decision not found" };

/** The decision and its plan when both are in scope; "not found" otherwise, never a hint that it exists elsewhere. */
async function findDecisionInScope(db: DB, clinician: Clinician, decisionId: string, scope: ReviewScope) {
  const decision = await getDecisionInClinic(db, clinician.clinic_id, decisionId);
  if (!decision) return null;
  const plan = await getPlanInClinic(db, clinician.clinic_id, decision.plan_id);
  if (!plan || (scope.patientId !== undefined && plan.patient_id !== scope.patientId)) return null;
  return { decision, plan };
}

/**
 * The decision takes effect as of `patientToday` (the patient's local date; the new stage is entered on it), without
 * re-evaluating: for replaying history day by day (the demo seed), where the next day's evaluation follows anyway.
 * Clinicians go through confirmDecision.
 */
export async function confirmDecisionAsOf(
  db: DB,
  clinician: Clinician,
  decisionId: string,
  patientToday: string,
): Promise<ReviewResult> {
  const decision = await getDecisionInClinic(db, clinician.clinic_id, decisionId);
  if (!decision) return { ok: false as const, status: 404 as const, message: "Decision not found" };
  const plan = await getPlanInClinic(db, clinician.clinic_id, decision.plan_id);
  if (!plan) return { ok: false as const, status: 404 as const, message: "Plan not found" };
  if (decision.status !== "pending") return alreadyReviewed;
  const doseChanges = applicableDoseChanges({
    outcome: decision.outcome,
    fromStageId: decision.from_stage_id,
    toStageId: decision.to_stage_id,
    flags: JSON.parse(decision.flags) as Flag[],
    doseChanges: doseChangesOf(decision.dose_changes),
  });
  const doseWrites = await confirmedDoseWrites(db, clinician, plan, decision, doseChanges);
  if (!doseWrites.ok) return doseWrites;
  const change = outcomeChange(
    plan,
    { outcome: decision.outcome, toStageId: decision.to_stage_id, evaluatedFor: decision.evaluated_for },
    patientToday,
  );
  // One write batch (ADR 047). The plan's version moves on first: a save or an evaluation that read the plan before
  // this confirm then reads again and evaluates on the new stage, instead of leaving a stale pending advance; and the
  // plan's row is taken before the decision's, in the order a save takes them (PostgreSQL: no deadlock). The decision
  // must still be pending: a newer evaluation may have superseded it since it was read (then 409, nothing written).
  const written = await runBatchUnlessDoseClash(db, [
    { query: bumpPlanVersion(db, plan.id) },
    {
      query: markReviewedQuery(db, decisionId, { status: "applied", reviewerId: clinician.id, reason: null }),
      expectChanges: 1,
    },
    ...(change ? [{ query: setPlanStageQuery(db, plan.id, change) }] : []),
    ...doseWrites.writes,
    {
      query: auditQuery(db, {
        clinicId: clinician.clinic_id,
        actor: clinician,
        action: "decision.confirmed",
        entityType: "decision",
        entityId: decisionId,
        planId: plan.id,
        detail: {
          outcome: decision.outcome,
          from: decision.from_stage_id,
          to: decision.to_stage_id,
          ...(doseChanges.length > 0 ? { doseChanges: doseChanges.map(doseChangeLine) } : {}),
        },
      }),
    },
  ]);
  if (written.ok) return { ok: true as const };
  // -1: a tailoring took the dose version this confirm was to write (ADR 056).
  return written.conflictAt === -1 ? doseChangedSince : alreadyReviewed;
}

const doseChangedSince = {
  ok: false as const,
  status: 409 as const,
  message:
    "The patient's dose changed since this recommendation (someone tailored it). Nothing was applied: evaluate again, or override it.",
};

/**
 * The writes that apply a confirmed decision's dose changes (ADR 056), read outside the batch: refused when the dose
 * they start from is no longer the patient's, or the patient has left the stage — a stale decision never applies.
 */
async function confirmedDoseWrites(
  db: DB,
  clinician: Clinician,
  plan: NonNullable<Awaited<ReturnType<typeof getPlanInClinic>>>,
  decision: { id: string; from_stage_id: string },
  changes: ReturnType<typeof applicableDoseChanges>,
) {
  if (changes.length === 0) return { ok: true as const, writes: [] };
  if (decision.from_stage_id !== plan.current_stage_id) return doseChangedSince;
  const decisionId = decision.id;
  const stay = { stageId: plan.current_stage_id, stageEnteredOn: plan.stage_entered_on };
  const stage = programOfPlan(plan).stages.find((s) => s.id === plan.current_stage_id);
  // The plan's latest version is read before the dose it checks (as tailorDose does): a tailoring committed in between
  // then shows as stale, or takes the number this confirm writes (the unique index lets one in). Read the other way
  // round, a version saved between the two reads would be overwritten by one built on the dose before it.
  const latestVersion = await latestDoseVersionOfPlan(db, plan.id);
  const current = await getPersonalDose(db, plan.id, stay);
  if (!stage || isDoseChangeStale(changes, personalPrescription(stage, current))) return doseChangedSince;
  const writes = doseChangeWrites(db, { plan, stay, decisionId, changes, current, latestVersion, actor: clinician });
  return { ok: true as const, writes };
}

const alreadyReviewed = {
  ok: false as const,
  status: 409 as const,
  message: "This decision was already reviewed or replaced by a newer one.",
};

/**
 * A clinician confirms from triage or the patient's page: the decision takes effect (confirmDecisionAsOf), then the
 * engine re-evaluates the plan in the patient's time zone, so the latest decision looks at the new stage. The two are
 * separate transactions, as they always were. Returns the patient's name for the answer ("Confirmed for …").
 */
export async function confirmDecision(
  db: DB,
  clinician: Clinician,
  decisionId: string,
  scope: ReviewScope = {},
): Promise<{ ok: true; patientName: string | null } | ReviewFailure> {
  const found = await findDecisionInScope(db, clinician, decisionId, scope);
  if (!found) return decisionNotFound;
  // The stage is entered on the patient's local date of confirmation: the clinician may be in another time zone.
  const patient = await getUserById(db, found.plan.patient_id);
  const timeZone = patient?.time_zone ?? clinician.time_zone;
  const confirmed = await confirmDecisionAsOf(db, clinician, decisionId, todayIn(timeZone));
  if (!confirmed.ok) return confirmed;
  await reevaluate(db, clinician, found.plan.id, timeZone);
  return { ok: true, patientName: patient?.name ?? null };
}

/**
 * The clinician disagrees: the plan stays where it is (or moves where they say), and the reason is kept. No
 * re-evaluation: the engine must not propose the same move again at once.
 */
export async function overrideDecision(
  db: DB,
  clinician: Clinician,
  decisionId: string,
  input: { reason: string },
  scope: ReviewScope = {},
): Promise<ReviewResult> {
  if (!(await findDecisionInScope(db, clinician, decisionId, scope))) return decisionNotFound;
  return db.transaction().execute(async (trx) => {
    const decision = await getDecisionInClinic(trx, clinician.clinic_id, decisionId);
    if (!decision) return { ok: false as const, status: 404 as const, message: "Decision not found" };
    if (
      !(await markDecisionReviewed(trx, decisionId, {
        status: "overridden",
        reviewerId: clinician.id,
        reason: input.reason,
      }))
    ) {
      return {
        ok: false as const,
        status: 409 as const,
        message: "This decision was already reviewed or replaced by a newer one.",
      };
    }
    await recordAudit(trx, {
      clinicId: clinician.clinic_id,
      actor: clinician,
      action: "decision.overridden",
      entityType: "decision",
      entityId: decisionId,
      planId: decision.plan_id,
      detail: {
        outcome: decision.outcome,
        reason: input.reason,
        // Overriding rejects the dose changes too: they are named, so the trail says what was turned down.
        ...(doseChangesOf(decision.dose_changes).length > 0
          ? { rejectedDoseChanges: doseChangesOf(decision.dose_changes).map(doseChangeLine) }
          : {}),
      },
    });
    return { ok: true as const };
  });
}
