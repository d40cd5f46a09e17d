/** Recorded on every decision so an audited decision can be traced to the rules that produced it. Bump the patch
 * version when only the wording of sentences or summaries changes, the minor version when a criterion's evaluation
 * changes, the major version when the Decision shape changes. (1.1.1: the clinician summary names stages and checks.
 * 2.0.0: every stage with gates has two implicit ones, recent data and no recent red flag; a decision can say that
 * it requires a clinician, and a check can be of kind `red_flag`. 2.1.0: a week-on-week rise counts only when it shows on `minRaisedDays` days, 2 by
 * default, and the trend's sentences state its tolerance; soreness checks quote the rule without a protocol's name.) */
export const ENGINE_VERSION = "2.1.0";
