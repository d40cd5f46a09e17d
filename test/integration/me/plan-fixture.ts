import type { DB } from "~/db/client.server.ts";
import { addDays } from "~/engine/index.ts";
import { startPlan } from "~/services/plan.server.ts";
import { todayIn } from "~/utils/dates.ts";
import { loadBuiltInProgram } from "~/programs/index.ts";
import { createClinicWithCast } from "../../support/factories.ts";

export const PROGRAM_ID = "achilles-silbernagel-2007";

/**
 * A clinic whose two patients each run the Silbernagel Achilles program (or `programId`), started a week ago, in
 * stage `stageIndex`.
 */
export async function clinicWithPlans(
  db: DB,
  options: { stageIndex?: number; approvalMode?: "confirm" | "automatic"; programId?: string } = {},
) {
  const cast = await createClinicWithCast(db);
  const program = loadBuiltInProgram(options.programId ?? PROGRAM_ID)!;
  const today = todayIn("Europe/London");
  const stage = program.stages[options.stageIndex ?? 0]!;
  const plans: string[] = [];
  for (const patient of [cast.patientA, cast.patientB]) {
    const result = await startPlan(db, cast.clinician, {
      patientId: patient.id,
      program,
      startStageId: stage.id,
      startDate: addDays(today, -7),
      approvalMode: options.approvalMode ?? "confirm",
      involvedSide: "right",
      goalText: "Run a 10 km race in spring",
    });
    if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
    plans.push(result.planId);
  }
  return { ...cast, program, stage, today, planA: plans[0]!, planB: plans[1]! };
}

/** A complete, valid daily-log form as the browser posts it. */
export function validLogForm(
  date: string,
  exerciseIds: string[],
  overrides: Record<string, string> = {},
): Record<string, string> {
  const form: Record<string, string> = {
    intent: "log",
    date,
    morningPain: "2",
    morningStiffness: "1",
    sessionDone: "done",
    painDuring: "3",
    painAfter: "2",
    sessionRpe: "5",
    sessionMinutes: "30",
    runningMinutes: "",
    swelling: "none",
    notes: "Felt fine",
    "otherActivities.0.label": "walk",
    "otherActivities.0.minutes": "40",
    "otherActivities.0.rpe": "3",
    "otherActivities.1.label": "",
    "otherActivities.1.minutes": "",
    "otherActivities.1.rpe": "",
  };
  exerciseIds.forEach((id, i) => {
    form[`exercises.${i}.exerciseId`] = id;
    form[`exercises.${i}.status`] = i === 0 ? "partial" : "done";
    form[`exercises.${i}.sets`] = "3";
    form[`exercises.${i}.reps`] = i === 0 ? "8" : "15";
    form[`exercises.${i}.loadKg`] = "";
  });
  return { ...form, ...overrides };
}
