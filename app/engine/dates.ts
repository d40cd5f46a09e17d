/**
 * Local calendar dates ('YYYY-MM-DD') and the arithmetic the engine needs.
 *
 * Why civil-date arithmetic instead of Date: a log belongs to the patient's local calendar day. Adding 24 h to a
 * midnight instant lands on the wrong day across a daylight-saving change, so days are counted on the proleptic
 * Gregorian calendar as integers (days since 1970-01-01) and never pass through a time zone. The only place a time
 * zone enters is `localDateOf`, which turns an instant (given as input, never read from a clock) into the patient's
 * local date with Intl.
 */

export type LocalDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a civil date (Howard Hinnant's days_from_civil). */
function civilToDayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of civilToDayNumber. */
function dayNumberToCivil(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== "string") return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Day number of a 'YYYY-MM-DD' string. Called for every log of every evaluation, so it reads the digits directly
 * rather than through a regex. Callers validate with the schema first; a string of the wrong shape throws.
 */
export function toDayNumber(date: LocalDate): number {
  if (date.length !== 10 || date.charCodeAt(4) !== DASH || date.charCodeAt(7) !== DASH) {
    throw new RangeError(`not a local date 'YYYY-MM-DD': ${JSON.stringify(date)}`);
  }
  const year = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const month = digit(date, 5) * 10 + digit(date, 6);
  const day = digit(date, 8) * 10 + digit(date, 9);
  return civilToDayNumber(year, month, day);
}

const DASH = "-".charCodeAt(0);
const ZERO = "0".charCodeAt(0);
const digit = (text: string, i: number): number => text.charCodeAt(i) - ZERO;

/**
 * The 'YYYY-MM-DD' string of a day number. Remembered: a decision writes out some 40 dates (28 days of load, the
 * days its sentences quote), mostly the same few weeks for every plan of a caseload. Bounded; a pure function's
 * memo cannot change a result.
 */
export function fromDayNumber(dayNumber: number): LocalDate {
  let text = DATE_TEXT.get(dayNumber);
  if (text === undefined) {
    const { year, month, day } = dayNumberToCivil(dayNumber);
    text = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    if (DATE_TEXT.size >= 4096) DATE_TEXT.clear();
    DATE_TEXT.set(dayNumber, text);
  }
  return text;
}

const DATE_TEXT = new Map<number, LocalDate>();

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** A day as people write it in a sentence: "2 Dec" (the year is left out; sentences quote recent days). */
export function dayAndMonth(dayNumber: number): string {
  const { month, day } = dayNumberToCivil(dayNumber);
  return `${day} ${MONTHS[month - 1]}`;
}

/** How long ago a day was, seen from `today`: "today", "yesterday", "5 days ago". */
export function daysAgo(dayNumber: number, today: number): string {
  const n = today - dayNumber;
  return n === 0 ? "today" : n === 1 ? "yesterday" : `${n} days ago`;
}

/** The local date `days` days after `date` (negative goes back). Never affected by daylight saving. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatterCache.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which is what callers should see.
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatterCache.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== "string" || timeZone.length === 0) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The patient's local calendar date at an instant: what "today" is for them. The instant is an argument (an ISO
 * string with offset or 'Z', or epoch milliseconds); the engine never reads the clock.
 */
export function localDateOf(instant: string | number, timeZone: string): LocalDate {
  const when = new Date(instant);
  if (Number.isNaN(when.getTime())) throw new RangeError(`not an instant: ${JSON.stringify(instant)}`);
  const parts = formatterFor(timeZone).formatToParts(when);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year").padStart(4, "0")}-${get("month")}-${get("day")}`;
}

/**
 * The session day a log value belongs to. Morning reports (next-morning pain, stiffness) are made on waking on
 * `date` and describe the response to the previous day's session.
 */
export function sessionDayOfMorningReport(date: LocalDate): LocalDate {
  return addDays(date, -1);
}
