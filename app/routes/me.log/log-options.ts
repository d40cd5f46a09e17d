import { EXERCISE_STATUSES, SESSION_DONE, SORENESS_LEVELS, SWELLING_GRADES } from "~/schemas/daily-log.ts";

// Patient wording for each value the schema accepts; typed by the schema's lists so the two cannot drift apart.
const options = <V extends string>(values: readonly V[], labels: Record<V, string>) =>
  values.map((value) => ({ value, label: labels[value] }));
export const SESSION_OPTIONS = options(SESSION_DONE, {
  done: "Yes, all of it",
  partial: "Some of it",
  none: "No session",
});
export const EXERCISE_OPTIONS = options(EXERCISE_STATUSES, { done: "Done", partial: "Partly", skipped: "Not done" });
export const SWELLING_OPTIONS = options(SWELLING_GRADES, {
  none: "None",
  trace: "A little",
  "1+": "Some",
  "2+": "A lot",
  "3+": "Very swollen",
});
export const SORENESS_OPTIONS = options(SORENESS_LEVELS, {
  none: "No soreness",
  warmup_resolved: "Sore at the start, gone after warming up",
  warmup_persisted: "Sore at the start and it stayed",
  after_1h_or_next_day: "Sore for over an hour after, or next day",
});
