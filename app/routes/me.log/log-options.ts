import { EXERCISE_STATUSES, SESSION_DONE, SORENESS_LEVELS, SWELLING_GRADES } from "~/schemas/daily-log.ts";

// Patient wording for each value the schema accepts; typed by the schema's lists so the two cannot drift apart.
const options = <V extends string>(values: readonly V[], labels: Record<V, string>) =>
  values.map((value) => ({ value, label: labels[value] }));
// "Did them all" is the one tap for a usual day; "some of them" opens the exercise checklist.
export const SESSION_OPTIONS = options(SESSION_DONE, {
  done: "Did them all",
  partial: "Some of them",
  none: "None",
});
export const EXERCISE_OPTIONS = options(EXERCISE_STATUSES, { done: "Done", partial: "Partly", skipped: "Not done" });

/** Whether the program is for a knee, where the stroke test grades swelling; other joints are compared by eye. */
export function isKneeCondition(condition: string): boolean {
  return /\b(knee|cruciate|acl|patell\w*|menisc\w*)\b/i.test(condition);
}

// Swelling grades in plain words, so two patients with the same swelling pick the same grade: each says what the
// grade looks like, and for a knee what the stroke test shows (Sturgill et al., JOSPT 2009: trace = a small wave
// back on the inner side, 1+ = a larger bulge, 2+ = fluid returns by itself, 3+ = fluid cannot be moved away). Only a
// knee patient is told about the stroke test: an ankle or Achilles patient has no kneecap to stroke.
export function swellingHint(knee: boolean): string {
  return knee
    ? "Stroke test: stroke up the inner side of the kneecap, then down the outer side; watch the inner side."
    : "Compare with your other side.";
}
export function swellingOptions(knee: boolean) {
  return knee
    ? options(SWELLING_GRADES, {
        none: "None: looks the same as the other side",
        trace: "Trace: a small ripple comes back",
        "1+": "1+: a bulge comes back",
        "2+": "2+: the fluid comes back on its own",
        "3+": "3+: you can't push the fluid away",
      })
    : options(SWELLING_GRADES, {
        none: "None: looks the same as the other side",
        trace: "Trace: only just puffy",
        "1+": "1+: clearly puffy",
        "2+": "2+: swollen",
        "3+": "3+: very swollen",
      });
}
export const SORENESS_OPTIONS = options(SORENESS_LEVELS, {
  none: "No soreness",
  warmup_resolved: "Sore at the start, gone after warming up",
  warmup_persisted: "Sore at the start and it stayed",
  after_1h_or_next_day: "Sore for over an hour after, or next day",
});
