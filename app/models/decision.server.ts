import type { DB } from "~/db/client.server.ts";
import type { DecisionStatus, NewDecision } from "~/db/types.ts";
import type { Decision as EngineDecision } from "~/engine/index.ts";
import { nowIso } from "~/utils/dates.ts";
import { newId } from "~/utils/ids.server.ts";

export async function insertDecision(
  db: DB,
  row: { clinicId: string; planId: string; decision: EngineDecision; status: DecisionStatus },
): Promise<string> {
  const values = decisionRow(row);
  await insertDecisionQuery(db, values).execute();
  return values.id;
}

/** insertDecision's statement for a row made by decisionRow, not yet run: for a write batch (ADR 047). */
export function insertDecisionQuery(db: DB, values: NewDecision & { id: string }) {
  return db.insertInto("decision").values(values);
}

/** The stored row of an engine decision, not yet reviewed. `createdAt` defaults to now. */
export function decisionRow(row: {
  clinicId: string;
  planId: string;
  decision: EngineDecision;
  status: DecisionStatus;
  createdAt?: string;
}): NewDecision & { id: string } {
  const d = row.decision;
  return {
    id: newId(),
    clinic_id: row.clinicId,
    plan_id: row.planId,
    evaluated_for: d.evaluatedFor,
    outcome: d.outcome,
    from_stage_id: d.fromStageId,
    to_stage_id: d.toStageId,
    checks: JSON.stringify(d.checks),
    flags: JSON.stringify(d.flags),
    load: JSON.stringify(d.load),
    patient_summary: d.patientSummary,
    clinician_summary: d.clinicianSummary,
    engine_version: d.engineVersion,
    program_version: d.programVersion,
    status: row.status,
    reviewed_by: null,
    reviewed_at: null,
    review_reason: null,
    created_at: row.createdAt ?? nowIso(),
    dose_changes: JSON.stringify(d.doseChanges ?? []),
  };
}

/** A newer evaluation replaces any decision still waiting for the clinician. */
export async function supersedePendingDecisions(db: DB, planId: string): Promise<void> {
  await supersedePendingQuery(db, planId).execute();
}

export function supersedePendingQuery(db: DB, planId: string) {
  return db
    .updateTable("decision")
    .set({ status: "superseded" })
    .where("plan_id", "=", planId)
    .where("status", "=", "pending");
}

/** A new hold replaces an earlier hold of the same day: one informational decision per plan and day. */
export async function deleteHeldDecisionsOfDay(db: DB, planId: string, evaluatedFor: string): Promise<void> {
  await deleteHeldOfDayQuery(db, planId, evaluatedFor).execute();
}

export function deleteHeldOfDayQuery(db: DB, planId: string, evaluatedFor: string) {
  return db
    .deleteFrom("decision")
    .where("plan_id", "=", planId)
    .where("evaluated_for", "=", evaluatedFor)
    .where("status", "=", "info");
}

export async function getDecisionInClinic(db: DB, clinicId: string, decisionId: string) {
  return db
    .selectFrom("decision")
    .selectAll()
    .where("id", "=", decisionId)
    .where("clinic_id", "=", clinicId)
    .executeTakeFirst();
}

export async function markDecisionReviewed(db: DB, decisionId: string, review: DecisionReview): Promise<boolean> {
  const result = await markReviewedQuery(db, decisionId, review).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

type DecisionReview = { status: "applied" | "overridden"; reviewerId: string; reason: string | null };

/** markDecisionReviewed's statement, not yet run: changes one row while the decision is pending, else none. */
export function markReviewedQuery(db: DB, decisionId: string, review: DecisionReview) {
  return db
    .updateTable("decision")
    .set({ status: review.status, reviewed_by: review.reviewerId, reviewed_at: nowIso(), review_reason: review.reason })
    .where("id", "=", decisionId)
    .where("status", "=", "pending");
}

/** A decision of this plan, or undefined (the id came from the client: never another plan's). */
export async function getDecisionOfPlan(db: DB, planId: string, decisionId: string) {
  return db
    .selectFrom("decision")
    .selectAll()
    .where("id", "=", decisionId)
    .where("plan_id", "=", planId)
    .executeTakeFirst();
}

export async function getLatestDecisionForPlan(db: DB, planId: string) {
  return db
    .selectFrom("decision")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("status", "!=", "superseded")
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}
