import type { DB } from "~/db/client.server.ts";

/**
 * The days each plan has a score of the given questionnaires (their measure ids), one row per plan, measure and day:
 * what the questionnaire schedule needs (app/engine/questionnaire-schedule.ts), not the scores themselves.
 */
export async function listQuestionnaireScoreDays(db: DB, planIds: string[], measures: string[]) {
  if (planIds.length === 0 || measures.length === 0) return [];
  return db
    .selectFrom("measurement")
    .select(["plan_id", "measure", "measured_on"])
    .where("plan_id", "in", planIds)
    .where("measure", "in", measures)
    .distinct()
    .execute();
}
