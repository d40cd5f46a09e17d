import type { DB } from "~/db/client.server.ts";
import { daysBetween, type Flag } from "~/engine/index.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { decisionOfPatient, insertFlagReview } from "~/models/flag-review.server.ts";
import type { FlagReview } from "~/schemas/patient-notes-flags.ts";

type Clinician = { id: string; clinic_id: string; role: "clinician" };

/** How a flag is remembered by a review: its code and the engine's words (which name the value and the day). */
export const flagWording = (flag: Pick<Flag, "code" | "message">) => `${flag.code}: ${flag.message}`;

/** The flags a clinician acts on (the engine's "info" notes never put anyone on triage). */
export const flagsToReview = <F extends Pick<Flag, "severity">>(flags: F[]) =>
  flags.filter((f) => f.severity !== "info");

/**
 * Whether a plan's current flags are dealt with by its latest review (docs/decisions/049-notes-and-flag-reviews.md):
 * every flag reads as it did when reviewed, and — for a high-severity flag (red-flag pain, effusion 2+) — the patient
 * has saved no log since. A new flag, a flag whose words changed (a higher pain, a later day), or any new log while a
 * red flag stands, is something new: the patient needs the clinician again.
 */
export function flagsStillReviewed(
  flags: Array<Pick<Flag, "code" | "message" | "severity">>,
  review: { flags: string[]; reviewedAt: string } | null,
  lastLogSavedAt: string | null,
): boolean {
  const open = flagsToReview(flags);
  if (!review || open.length === 0) return false;
  const reviewed = new Set(review.flags);
  if (!open.every((f) => reviewed.has(flagWording(f)))) return false;
  const high = open.some((f) => f.severity === "high");
  return !(high && lastLogSavedAt !== null && lastLogSavedAt > review.reviewedAt);
}

/** An applied regression keeps the patient on triage this long, unless reviewed. */
export const RECENT_REGRESS_DAYS = 7;

/** A regression applied on `regressedOn` (a date) is dealt with by a review made that day or later. */
export const regressionReviewed = (regressedOn: string, reviewedAt: string | null) =>
  reviewedAt !== null && reviewedAt.slice(0, 10) >= regressedOn;

export type FlagReviewResult = { ok: true } | { ok: false; status: 404 | 409; message: string };

/** Marks the flags of one of the patient's decisions reviewed, with the clinician's optional note; audited. */
export async function reviewFlags(
  db: DB,
  clinician: Clinician,
  patientId: string,
  input: FlagReview,
): Promise<FlagReviewResult> {
  return db.transaction().execute(async (trx) => {
    const decision = await decisionOfPatient(trx, clinician.clinic_id, patientId, input.decisionId);
    if (!decision) return { ok: false as const, status: 404 as const, message: "Recommendation not found" };
    const flags = flagsToReview(JSON.parse(decision.flags) as Flag[]).map(flagWording);
    // A regression is reviewed the same way, flagged or not: it puts the patient on triage for a week otherwise.
    if (flags.length === 0 && decision.outcome !== "regress")
      return { ok: false as const, status: 409 as const, message: "This recommendation has no flags to review." };
    const note = input.reviewNote ?? null;
    await insertFlagReview(trx, {
      clinicId: clinician.clinic_id,
      planId: decision.plan_id,
      decisionId: decision.id,
      flags,
      note,
      by: clinician.id,
    });
    await recordAudit(trx, {
      clinicId: clinician.clinic_id,
      actor: clinician,
      action: "flags.reviewed",
      entityType: "decision",
      entityId: decision.id,
      planId: decision.plan_id,
      detail: { flags: flags.length, outcome: decision.outcome, ...(note ? { note } : {}) },
    });
    return { ok: true as const };
  });
}

type ReviewedDecision = { id: string; flags: Flag[]; outcome: string; evaluatedFor: string; status: string };

/**
 * What a clinician can review on the patient's page now: the latest decision's flags unless still reviewed, and an
 * applied regression of the last week unless reviewed on or after its day. `decisionId` is what the form posts (the
 * latest decision when it has flags, else the regression); null when nothing waits for a review.
 */
export function pendingReview(
  decisions: ReviewedDecision[],
  today: string,
  review: { flags: string[]; reviewedAt: string } | null,
  lastLogSavedAt: string | null,
): { decisionId: string; flags: number; regression: boolean } | null {
  const latest = decisions[0];
  if (!latest) return null;
  const open = flagsToReview(latest.flags);
  const flagsPending = open.length > 0 && !flagsStillReviewed(latest.flags, review, lastLogSavedAt);
  const regression = decisions.find(
    (d) =>
      d.outcome === "regress" && d.status === "applied" && daysBetween(d.evaluatedFor, today) <= RECENT_REGRESS_DAYS,
  );
  const regressionPending =
    regression !== undefined && !regressionReviewed(regression.evaluatedFor, review?.reviewedAt ?? null);
  if (!flagsPending && !regressionPending) return null;
  return {
    decisionId: flagsPending ? latest.id : regression!.id,
    flags: flagsPending ? open.length : 0,
    regression: regressionPending,
  };
}
