import type { DB } from "~/db/client.server.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { getDecisionInClinic, markDecisionReviewed } from "~/models/decision.server.ts";
import { getPlanInClinic } from "~/models/plan.server.ts";
import { todayIn } from "~/utils/dates.ts";
import { applyOutcome } from "./evaluation.server.ts";

type Clinician = { id: string; clinic_id: string; role: "clinician"; time_zone: string };

export type ReviewResult = { ok: true } | { ok: false; status: 404 | 409; message: string };

/** The clinician agrees with a pending advance/complete: it takes effect now. */
export async function confirmDecision(
  db: DB,
  clinician: Clinician,
  decisionId: string,
  today?: string,
): Promise<ReviewResult> {
  return db.transaction().execute(async (trx) => {
    const decision = await getDecisionInClinic(trx, clinician.clinic_id, decisionId);
    if (!decision) return { ok: false as const, status: 404 as const, message: "Decision not found" };
    const plan = await getPlanInClinic(trx, clinician.clinic_id, decision.plan_id);
    if (!plan) return { ok: false as const, status: 404 as const, message: "Plan not found" };
    if (!(await markDecisionReviewed(trx, decisionId, { status: "applied", reviewerId: clinician.id, reason: null }))) {
      return {
        ok: false as const,
        status: 409 as const,
        message: "This decision was already reviewed or replaced by a newer one.",
      };
    }
    await applyOutcome(
      trx,
      plan,
      { outcome: decision.outcome, toStageId: decision.to_stage_id, evaluatedFor: decision.evaluated_for },
      today ?? todayIn(clinician.time_zone),
    );
    await recordAudit(trx, {
      clinicId: clinician.clinic_id,
      actor: clinician,
      action: "decision.confirmed",
      entityType: "decision",
      entityId: decisionId,
      planId: plan.id,
      detail: { outcome: decision.outcome, from: decision.from_stage_id, to: decision.to_stage_id },
    });
    return { ok: true as const };
  });
}

/** The clinician disagrees: the plan stays where it is (or moves where they say), and the reason is kept. */
export async function overrideDecision(
  db: DB,
  clinician: Clinician,
  decisionId: string,
  input: { reason: string },
): Promise<ReviewResult> {
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
      detail: { outcome: decision.outcome, reason: input.reason },
    });
    return { ok: true as const };
  });
}
