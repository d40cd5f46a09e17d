import { daysInStage } from "~/engine/index.ts";

/** The stage date as every page shows it (docs/engine.md, "The stage date"). */
export type StageDate = {
  /** The day the current stage was entered (never after `today`). */
  stageEnteredOn: string;
  /** Whole days in the stage on the patient's today: 0 on the day it was entered, never negative. */
  daysInStage: number;
};

/**
 * The current stage's entry date and days in it, on the patient's `today` (todayIn of their time zone: never the clinician's or the server's). A date stored before the
 * rule existed could lie a day ahead; it is shown as today, with 0 days.
 */
export function stageDateOf(plan: { stage_entered_on: string }, today: string): StageDate {
  const entered = plan.stage_entered_on;
  return { stageEnteredOn: entered > today ? today : entered, daysInStage: daysInStage(entered, today) };
}
