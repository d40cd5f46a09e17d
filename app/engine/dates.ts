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
export function civilToDayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of civilToDayNumber. */
export function dayNumberToCivil(dayNumber: number): { year: number; month: number; day: number } {
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
 * Day number of a 'YYYY-MM-DD' string. Hot path (called once per log per evaluation), so it reads char codes
 * instead of running a regex, and looks up the day number of the first of the month in a small cache: a history
 * covers a few months, so most dates cost a few char reads and an addition. Callers validate with the schema first.
 */
export function toDayNumber(date: LocalDate): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) {
    throw new RangeError(`not a local date 'YYYY-MM-DD': ${JSON.stringify(date)}`);
  }
  // No helper closure here: this runs ~100 times per evaluation and closures are not free under every bundler.
  const year =
    (date.charCodeAt(0) - 48) * 1000 +
    (date.charCodeAt(1) - 48) * 100 +
    (date.charCodeAt(2) - 48) * 10 +
    (date.charCodeAt(3) - 48);
  const month = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const day = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  // civilToDayNumber is linear in the day of the month, so (year, month, day) = (year, month, 1) + day - 1.
  if (month < 1 || month > 12 || year < 0 || year > 9999) return civilToDayNumber(year, month, day);
  const key = year * 12 + month - 1;
  const slot = key & (MONTH_SLOTS - 1);
  if (MONTH_KEY[slot] !== key) {
    MONTH_KEY[slot] = key;
    MONTH_START[slot] = civilToDayNumber(year, month, 1);
  }
  return MONTH_START[slot]! + day - 1;
}

/**
 * toDayNumber for a date expected to be `guess` (in a history, the day after the previous log): when `date` is the
 * same text as a date already read for that day, no parsing is needed. Comparing two 10-character strings costs V8
 * about a third of reading the ten characters one by one. Content comparison, so a caller's strings need not be the
 * ones seen before; a memo of a pure function (text → day), bounded.
 */
export function toDayNumberNear(date: LocalDate, guess: number): number {
  const slot = guess & (DAY_SLOTS - 1);
  if (DAY_KEY[slot] === guess && DAY_TEXT[slot] === date) return guess;
  const day = toDayNumber(date);
  const at = day & (DAY_SLOTS - 1);
  DAY_KEY[at] = day;
  DAY_TEXT[at] = date;
  return day;
}

const DAY_SLOTS = 1024;
const DAY_KEY = new Int32Array(DAY_SLOTS).fill(-2147483648);
const DAY_TEXT: string[] = new Array<string>(DAY_SLOTS).fill("");

/** Direct-mapped cache of (year, month) → day number of its first day: a memo of a pure function. */
const MONTH_SLOTS = 64;
const MONTH_KEY = new Int32Array(MONTH_SLOTS).fill(-1);
const MONTH_START = new Int32Array(MONTH_SLOTS);

/** Memo of recent day numbers → strings: evaluations of a caseload share "today" and its windows, and every
 * decision lists 28 days of load. Bounded, and a pure function's memo cannot change a result. */
const DATE_STRINGS = new Map<number, LocalDate>();
const DATE_STRINGS_MAX = 4096;

export function fromDayNumber(dayNumber: number): LocalDate {
  const memo = DATE_STRINGS.get(dayNumber);
  if (memo !== undefined) return memo;
  const { year, month, day } = dayNumberToCivil(dayNumber);
  const text = `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
  if (DATE_STRINGS.size >= DATE_STRINGS_MAX) DATE_STRINGS.clear();
  DATE_STRINGS.set(dayNumber, text);
  return text;
}

/** The local date `days` days after `date` (negative goes back). Never affected by daylight saving. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
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
