/**
 * Defaults the engine applies when a program leaves a setting out. All are our reading [ours] and documented in
 * docs/engine.md; a program can override each one.
 */
export const DEFAULTS = {
  /** Days to stay after a regress before gates may advance again (prevents flip-flopping). */
  minDaysAfterRegress: 7,
  /** Values needed in a pain window before it can be judged. */
  minSamples: 1,
  /** Values needed in each of the two weeks a trend compares. */
  minSamplesPerWeek: 3,
  /** Allowed week-on-week rise of the weekly mean. */
  maxRise: 0,
  /** Days this week above last week's mean (by more than the allowed rise) before a rise counts: one bad day does
   * not make a rising week. */
  minRaisedDays: 2,
  /** Credit for a partly done session in adherence. */
  partialCredit: 0.5,
  /** Sessions per week expected when neither criterion nor prescription says. */
  perWeek: 7,
  /** How far back the red-flag pain and effusion flags look, in days (today included). */
  flagLookbackDays: 7,
  /** An advance needs a log at most this many days old (today − latest log ≤ this). */
  freshDataDays: 3,
  /** A high-severity flag raised in this many days (today included) holds an advance: the flag look-back, so every
   * high flag a decision shows also holds it. */
  redFlagHoldDays: 7,
} as const;
