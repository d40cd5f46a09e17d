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
// Swelling grades in plain words, so two patients with the same swelling pick the same grade: each says what the
// grade looks like, and for a knee what the stroke test shows (Sturgill et al., JOSPT 2009: trace = a small wave
// back on the inner side, 1+ = a larger bulge, 2+ = fluid returns by itself, 3+ = fluid cannot be moved away).
export const SWELLING_HINT =
  "Compare with your other side. For a knee, the stroke test: stroke up the inner side of the kneecap, then down the outer side, and watch the inner side.";
export const SWELLING_OPTIONS = options(SWELLING_GRADES, {
  none: "None: looks the same as the other side",
  trace: "Trace: only just puffy (knee: a small ripple comes back)",
  "1+": "1+: clearly puffy (knee: a bulge comes back)",
  "2+": "2+: swollen (knee: the fluid comes back on its own)",
  "3+": "3+: very swollen (knee: you can't push the fluid away)",
});
export const SORENESS_OPTIONS = options(SORENESS_LEVELS, {
  none: "No soreness",
  warmup_resolved: "Sore at the start, gone after warming up",
  warmup_persisted: "Sore at the start and it stayed",
  after_1h_or_next_day: "Sore for over an hour after, or next day",
});
