import type { DB } from "~/db/client.server.ts";
import { nowIso } from "~/utils/dates.ts";
import { newId } from "~/utils/ids.server.ts";

/** A clinician's review of the flags of a plan's decision; `flags` are their wording at the time ("code: message"). */
export async function insertFlagReview(
  db: DB,
  review: { clinicId: string; planId: string; decisionId: string; flags: string[]; note: string | null; by: string },
): Promise<{ id: string; reviewedAt: string }> {
  const id = newId();
  const reviewedAt = nowIso();
  await db
    .insertInto("flag_review")
    .values({
      id,
      clinic_id: review.clinicId,
      plan_id: review.planId,
      decision_id: review.decisionId,
      flags: JSON.stringify(review.flags),
      note: review.note,
      reviewed_by: review.by,
      reviewed_at: reviewedAt,
    })
    .execute();
  return { id, reviewedAt };
}

/** The plan's latest flag review, with the reviewer's name. */
export async function latestFlagReview(db: DB, clinicId: string, planId: string) {
  return db
    .selectFrom("flag_review")
    .leftJoin("app_user", "app_user.id", "flag_review.reviewed_by")
    .select([
      "flag_review.id",
      "flag_review.decision_id",
      "flag_review.flags",
      "flag_review.note",
      "flag_review.reviewed_at",
      "app_user.name as reviewer_name",
    ])
    .where("flag_review.clinic_id", "=", clinicId)
    .where("flag_review.plan_id", "=", planId)
    .orderBy("flag_review.reviewed_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** When the plan's logs were last saved (created or edited), over logs dated from `fromDate`. */
export async function lastLogSavedAt(db: DB, planId: string, fromDate: string): Promise<string | null> {
  const row = await db
    .selectFrom("daily_log")
    .select((eb) => eb.fn.max("updated_at").as("at"))
    .where("plan_id", "=", planId)
    .where("log_date", ">=", fromDate)
    .executeTakeFirst();
  return row?.at ?? null;
}

/** A decision of one of this patient's plans in this clinic (its plan and flags), or undefined. */
export async function decisionOfPatient(db: DB, clinicId: string, patientId: string, decisionId: string) {
  return db
    .selectFrom("decision")
    .innerJoin("plan", "plan.id", "decision.plan_id")
    .select(["decision.id", "decision.plan_id", "decision.flags", "decision.outcome"])
    .where("decision.id", "=", decisionId)
    .where("decision.clinic_id", "=", clinicId)
    .where("plan.clinic_id", "=", clinicId)
    .where("plan.patient_id", "=", patientId)
    .executeTakeFirst();
}
