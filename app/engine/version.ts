/** Recorded on every decision so an audited decision can be traced to the rules that produced it. Bump the patch
 * version when only the wording of sentences or summaries changes, the minor version when a criterion's evaluation
 * changes, the major version when the Decision shape changes. (1.1.1: the clinician summary names stages and checks.
 * 2.0.0: every stage with gates has two implicit ones, recent data and no recent red flag; a decision can say that
 * it requires a clinician, and a check can be of kind `red_flag`.) */
export const ENGINE_VERSION = "2.0.0";
