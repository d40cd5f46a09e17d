import { localDateOf } from "~/engine/dates.ts";

/** Current instant as ISO-8601 UTC: the one place server code reads the clock for timestamps. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** The calendar date (YYYY-MM-DD) it is now in a time zone (the engine's cached, DST-safe conversion). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return localDateOf(now.getTime(), timeZone);
}

/** "21 Nov 2026" — dates shown to people, never ambiguous day/month order. */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split("-").map(Number);
  return shortDate.format(new Date(Date.UTC(y!, m! - 1, d!)));
}
// One formatter for every call: toLocaleDateString builds a new one each time, which shows in long lists.
const shortDate = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
