import type { DB } from "~/db/client.server.ts";
import type { Plan } from "~/db/types.ts";
import {
  daysBetween,
  stageLoggedTests,
  type Criterion,
  type PainModel,
  type Program,
  type Stage,
} from "~/engine/index.ts";
import { getCurrentPlanForPatient } from "~/models/plan.server.ts";
import { EDIT_WINDOW_DAYS } from "~/schemas/daily-log.ts";
import { programOfPlan } from "~/services/evaluation.server.ts";
import { todayIn } from "~/utils/dates.ts";

export type PatientUser = { id: string; clinic_id: string; role: "patient"; time_zone: string };

export type PatientPlan = {
  plan: Plan;
  program: Program;
  stage: Stage;
  stageIndex: number;
  today: string;
};

/** The signed-in patient's current plan with its program and stage; null when they have none. Always the patient's own. */
export async function loadPatientPlan(db: DB, patient: PatientUser): Promise<PatientPlan | null> {
  const plan = await getCurrentPlanForPatient(db, patient.id);
  if (!plan || plan.clinic_id !== patient.clinic_id) return null;
  const program = programOfPlan(plan);
  const stageIndex = Math.max(
    0,
    program.stages.findIndex((s) => s.id === plan.current_stage_id),
  );
  return { plan, program, stage: program.stages[stageIndex]!, stageIndex, today: todayIn(patient.time_zone) };
}

/** Whether a day's log may still be added or changed: today and EDIT_WINDOW_DAYS before it, not before the plan. */
export function isEditableDay(date: string, today: string, planStart: string): boolean {
  const age = daysBetween(date, today);
  return age >= 0 && age <= EDIT_WINDOW_DAYS && date >= planStart;
}

type ZoneTone = "safe" | "caution" | "high";
export type PainZones = { limit: number | null; inclusive: boolean; tones: ZoneTone[]; legend: string };

/**
 * The program's pain zones as shown on a 0–10 scale: "safe" to 2 (Thomeé's safe zone), "acceptable" up to the
 * program's limit, "too high" above it. Programs without a limit (pain allowed) turn "too high" at the red-flag level.
 * This is presentation of the program's own numbers; the engine alone decides what they mean for the plan.
 */
export function painZones(model: PainModel, metric: "during" | "after"): PainZones {
  const modelLimit = metric === "during" ? model.duringMax : model.afterMax;
  const limit = modelLimit ?? null;
  const inclusive = limit === null ? false : model.inclusive;
  const highFrom = limit === null ? model.redFlagPain : inclusive ? Math.floor(limit) + 1 : Math.ceil(limit);
  const safeTo = Math.min(2, highFrom - 1);
  const tones = Array.from({ length: 11 }, (_, v): ZoneTone =>
    v >= highFrom ? "high" : v <= safeTo ? "safe" : "caution",
  );
  const legend =
    `${scoreRange(0, safeTo)} safe` +
    (highFrom - 1 > safeTo ? ` · ${scoreRange(safeTo + 1, highFrom - 1)} acceptable` : "") +
    ` · ${scoreRange(highFrom, 10)} ${limit === null ? "tell your physio" : "too high for your plan"}`;
  return { limit, inclusive, tones, legend };
}

/** A run of scores as a patient reads it: "3", not "3–3" (a pain-free plan's "0 safe", a one-point zone). */
function scoreRange(from: number, to: number): string {
  return from === to ? String(from) : `${from}–${to}`;
}

/** Named tests (the stage's morning monitoring tests, provocation tests such as "hop") the daily log asks for. */
export function stageTestNames(stage: Stage): string[] {
  return stageLoggedTests(stage);
}

/** Whether the stage's criteria read the Delaware soreness report, so the log asks for it. */
export function stageUsesSoreness(stage: Stage): boolean {
  const criteria: Criterion[] = [...stage.gates, ...stage.regressRules.flatMap((r) => r.criteria)];
  return criteria.some(
    (c) => c.kind === "soreness" || (c.kind === "repetitions" && c.conditions.soreness !== undefined),
  );
}

/** Whether the stage's criteria read swelling (knee programs); others still may record it. */
export function stageUsesSwelling(stage: Stage): boolean {
  const criteria: Criterion[] = [...stage.gates, ...stage.regressRules.flatMap((r) => r.criteria)];
  return criteria.some(
    (c) => c.kind === "swelling" || (c.kind === "repetitions" && c.conditions.maxSwelling !== undefined),
  );
}

export function testLabel(name: string): string {
  const known: Record<string, string> = {
    hop: "Hopping on the painful leg",
    decline_squat: "Single-leg decline squat",
  };
  return known[name] ?? name.replace(/[_-]/g, " ").replace(/^./, (c) => c.toUpperCase());
}
