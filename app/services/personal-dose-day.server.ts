import type { DB } from "~/db/client.server.ts";
import type { Plan } from "~/db/types.ts";
import type { Prescription, Stage } from "~/engine/index.ts";
import { listStayAndPreparedDoses, PREPARED } from "~/models/personal-dose.server.ts";
import { currentPrescriptionOf, personalPrescription } from "~/services/personal-dose.server.ts";
import { todayIn } from "~/utils/dates.ts";

/**
 * The patient's dose as it was on `date` (their local day), for the log of an earlier day: within the current stay in
 * the stage, the last version saved by the end of that day, else the dose the stay started from (the one prepared for
 * it before its first version, or the program's). A day before the current stay, or a stay without versions, gets
 * today's dose: versions are kept per stay, and the log form shows the current stage's exercises.
 */
export async function prescriptionOnDay(
  db: DB,
  plan: Plan,
  stage: Stage,
  date: string,
  timeZone: string,
): Promise<Prescription> {
  const stay = { stageId: plan.current_stage_id, stageEnteredOn: plan.stage_entered_on };
  if (date < stay.stageEnteredOn || date >= todayIn(timeZone)) return currentPrescriptionOf(db, plan, stage);
  const doses = await listStayAndPreparedDoses(db, plan.id, stay);
  const ofStay = doses.filter((d) => d.stageEnteredOn === stay.stageEnteredOn);
  if (ofStay.length === 0) return currentPrescriptionOf(db, plan, stage);
  const savedBy = ofStay.filter((d) => todayIn(timeZone, new Date(d.createdAt)) <= date).at(-1);
  if (savedBy) return personalPrescription(stage, savedBy);
  const started = doses.filter((d) => d.stageEnteredOn === PREPARED && d.version < ofStay[0]!.version).at(-1);
  return personalPrescription(stage, started);
}
