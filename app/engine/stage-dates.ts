/**
 * The stage date: one rule for when a stage begins, how many days the patient has been in it, and from which day its
 * evidence counts (docs/engine.md, "The stage date"). The app's pages and services read these and nothing else, so
 * the patient's header, the gates, triage, Today and Progress all show the same date and the same count.
 *
 * - A stage is **entered on the patient's local date** on which the move takes effect: the day a clinician confirms
 *   it (in the patient's time zone, wherever the clinician is), the day an automatic advance or a regress is applied,
 *   the day of a manual move. Never before the day the decision was made for, never after the patient's today.
 * - **Days in stage** = whole civil days from that date to the patient's today, never negative.
 * - **Stage-scoped evidence** starts on the entry date, except that a move applied on the very day it was earned
 *   (the decision's day) leaves that day's log with the stage it was done in: the evidence then starts the next day.
 *
 * Pure: no clock. The app supplies the patient's today (localDateOf(instant, patient's zone)).
 */
import { addDays, daysBetween, type LocalDate } from "./dates";

/**
 * The date a stage is entered when a decision moving the patient is applied (confirmed) on the patient's local date
 * `patientToday`: that date, or the decision's own day if a replay passes an earlier one.
 */
export function stageEntryDate(decisionDay: LocalDate, patientToday: LocalDate): LocalDate {
  return patientToday < decisionDay ? decisionDay : patientToday;
}

/** Whole days in the stage on the patient's `today`: 0 on the day it was entered, never negative. */
export function daysInStage(enteredOn: LocalDate, today: LocalDate): number {
  return Math.max(0, daysBetween(enteredOn, today));
}

/**
 * The first day whose entries count towards the current stage (stage-scoped windows, the adherence figure): the entry
 * date, or the day after it when the move was earned on that same day (`movedOn`: the day the decision that moved the
 * patient here was made for). A regress applied on the entry date itself (`lastRegressOn`: a "repeat" starts the
 * stage over on the day of the session that caused it) leaves that day's session out in the same way: the session
 * with a symptom response is not one of the repeated stage's sessions.
 */
export function firstStageDay(plan: {
  stageEnteredOn: LocalDate;
  movedOn?: LocalDate | null;
  lastRegressOn?: LocalDate | null;
}): LocalDate {
  const { stageEnteredOn, lastRegressOn } = plan;
  const movedOn = plan.movedOn ?? (lastRegressOn === stageEnteredOn ? lastRegressOn : null);
  return movedOn && movedOn >= stageEnteredOn ? addDays(movedOn, 1) : stageEnteredOn;
}
