/** Recorded on every decision so an audited decision can be traced to the rules that produced it. Bump the patch
 * version when only the wording of sentences or summaries changes, the minor version when a criterion's evaluation
 * changes, the major version when the Decision shape changes. (1.1.1: the clinician summary names stages and checks. 1.2.0: the stage date, stage-dates.ts. 1.3.0: an unlogged today
 * is not a missed session; patient counts since the stage began. 1.3.1: repetitions say since when.) */
export const ENGINE_VERSION = "1.3.1";
