// Calendar dates as whole UTC days since 1970-01-01, so time zones and DST never move a point.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export function dayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return ms / DAY_MS;
  }
  throw new Error(`Charts expect calendar dates as YYYY-MM-DD, got "${date}"`);
}

function parts(day: number) {
  const d = new Date(day * DAY_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth(), d: d.getUTCDate(), wd: d.getUTCDay() };
}

export function isoDate(day: number): string {
  const p = parts(day);
  return `${p.y}-${String(p.m + 1).padStart(2, "0")}-${String(p.d).padStart(2, "0")}`;
}

/** "3 Nov" */
export function formatDay(day: number): string {
  const p = parts(day);
  return `${p.d} ${MONTHS[p.m]}`;
}

/** "Mon 3 Nov 2026", or "Mon 3 Nov" when `withYear` is false. */
export function formatLongDay(day: number, withYear = true): string {
  const p = parts(day);
  return `${WEEKDAYS[p.wd]} ${p.d} ${MONTHS[p.m]}${withYear ? ` ${p.y}` : ""}`;
}

/** Column header for a table of days: "Date (2026)" when all days share a year (rows then omit it), else "Date". */
export function dateColumn(days: number[]): { header: string; withYear: boolean } {
  const years = new Set(days.map((d) => parts(d).y));
  if (years.size === 1) return { header: `Date (${[...years][0]})`, withYear: false };
  return { header: "Date", withYear: true };
}

/** "Nov", or "Jan 2027" when `withYear`. */
function formatMonth(day: number, withYear: boolean): string {
  const p = parts(day);
  return withYear ? `${MONTHS[p.m]} ${p.y}` : `${MONTHS[p.m]}`;
}

export type DateTick = { day: number; label: string };

const DAY_STEPS = [1, 2, 3, 7, 14, 28];
const MONTH_STEPS = [1, 2, 3, 6, 12];

/**
 * At most `maxCount` ticks between `from` and `to` (inclusive). Short ranges step in days counted from `from`
 * (so weekly ticks read as "week 1, week 2" of the range); long ranges tick on the first of the month.
 */
export function dateTicks(from: number, to: number, maxCount: number): DateTick[] {
  for (const step of DAY_STEPS) {
    if (Math.floor((to - from) / step) + 1 <= maxCount) {
      const ticks: DateTick[] = [];
      for (let day = from; day <= to; day += step) ticks.push({ day, label: formatDay(day) });
      return ticks;
    }
  }
  const start = parts(from);
  for (const step of MONTH_STEPS) {
    const ticks: DateTick[] = [];
    // First of each month on or after `from`, every `step` months (aligned to calendar quarters/halves/years).
    // Date.UTC carries a month past December into the next year, so only the month counts on.
    const y = start.y;
    let m = start.d === 1 ? start.m : start.m + 1;
    for (;;) {
      const day = Date.UTC(y, m, 1) / DAY_MS;
      if (day > to) break;
      const p = parts(day);
      if (p.m % step === 0) ticks.push({ day, label: "" });
      m += 1;
    }
    if (ticks.length <= maxCount || step === 12) {
      let prevYear: number | null = null;
      for (const t of ticks) {
        const p = parts(t.day);
        t.label = formatMonth(t.day, prevYear !== null && p.y !== prevYear ? true : p.m === 0);
        prevYear = p.y;
      }
      return ticks.slice(0, Math.max(maxCount, 1));
    }
  }
  return [];
}
