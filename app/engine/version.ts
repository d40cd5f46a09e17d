/** Recorded on every decision so an audited decision can be traced to the rules that produced it. Bump the patch
 * version when only the wording of sentences or summaries changes, the minor version when a criterion's evaluation
 * changes, the major version when the Decision shape changes. (1.1.1: the clinician summary names stages and checks.
 * 1.2.0: the stage date, stage-dates.ts. 1.3.0: an unlogged today is not a missed session; patient counts since the
 * stage began. 1.3.1: repetitions say since when. 2.0.0: every stage with gates has two implicit ones, recent data
 * and no recent red flag; a decision can say that it requires a clinician, and a check can be of kind `red_flag`.
 * 2.1.0: a week-on-week rise counts only when it shows on `minRaisedDays` days, 2 by default, and the trend's
 * sentences state its tolerance; soreness checks quote the rule without a protocol's name. 2.2.0: 1.2.0–1.3.1 and
 * 2.1.0, developed side by side, together. 2.2.1: flags write their day as "16 Mar", as checks do. 2.3.0: monitoring
 * tests and the usual level, trial sessions (trial_response), the 'repeat' regress, maxNextMorningSwelling, and
 * settle/soreness/swelling/trend gates counting since the stage began. 2.4.0: progression rules decide
 * `doseChanges` (a step up or back of the patient's own dose, a regress's load reduction), the 'dose' scope, the
 * dose_done criterion and the session-effort condition. Minor, not major: the Decision shape gained `doseChanges` in
 * 2.3.0's contract, always empty until now, so no reader of a decision meets a new key. 2.4.1: patient sentences say
 * "stage", never "step". 2.4.2: the clinician summary names a dose change's reason without the rule's id.) */
export const ENGINE_VERSION = "2.4.2";
