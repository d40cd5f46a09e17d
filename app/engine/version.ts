/** Recorded on every decision so an audited decision can be traced to the rules that produced it. Bump the minor
 * version when a criterion's evaluation changes, the major version when the Decision shape changes. */
export const ENGINE_VERSION = "1.1.0";
