// Calendar arithmetic on ISO `YYYY-MM-DD` strings, with no time zones and no clock: days are counted
// with integer civil-calendar maths, so results never depend on where the code runs.

import type { IsoDate } from "./types";

const MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export interface DateParts {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Reads `len` ASCII digits at `at`; -1 when any is not a digit. (No regex: this runs millions of times.)
function digitsAt(text: string, at: number, len: number): number {
  let value = 0;
  for (let k = 0; k < len; k++) {
    const c = text.charCodeAt(at + k) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

function tryParse(value: string): DateParts | null {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return null;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === "string" && tryParse(value) !== null;
}

export function parseIsoDate(iso: IsoDate): DateParts {
  const parts = typeof iso === "string" ? tryParse(iso) : null;
  if (!parts) throw new Error(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  return parts;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil).
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): DateParts {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Whole days since 1970-01-01 (negative before). */
export function toDayNumber(iso: IsoDate): number {
  const p = parseIsoDate(iso);
  return daysFromCivil(p.year, p.month, p.day);
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const p = civilFromDays(dayNumber);
  return formatIsoDate(p.year, p.month, p.day);
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  if (days === 0) return iso;
  return fromDayNumber(toDayNumber(iso) + days);
}

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Adds (or with n < 0 subtracts) calendar months, clamping to the month's last day: 31 Aug + 6 = 28/29 Feb. */
export function addMonths(iso: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new Error(`addMonths needs a whole number of months, got ${n}`);
  const p = parseIsoDate(iso);
  const index = p.year * 12 + (p.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return formatIsoDate(year, month, Math.min(p.day, daysInMonth(year, month)));
}


export function addYears(iso: IsoDate, n: number): IsoDate {
  return addMonths(iso, n * 12);
}

export function endOfMonth(iso: IsoDate): IsoDate {
  const p = parseIsoDate(iso);
  return formatIsoDate(p.year, p.month, daysInMonth(p.year, p.month));
}

export function isMonthEnd(iso: IsoDate): boolean {
  return endOfMonth(iso) === iso;
}

/** Every month-end date e with from ≤ e ≤ to, in order. */
export function monthEnds(from: IsoDate, to: IsoDate): IsoDate[] {
  const result: IsoDate[] = [];
  parseIsoDate(to); // validates `to`
  if (from > to) return result;
  const p = parseIsoDate(from);
  let year = p.year;
  let month = p.month;
  for (;;) {
    const end = formatIsoDate(year, month, daysInMonth(year, month));
    if (end > to) break;
    if (end >= from) result.push(end);
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return result;
}

/** Later of two ISO dates (ISO strings sort as dates). */
export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

// Reasons repeat the same few dates for thousands of people; a small bounded cache saves the work.
const longDateCache = new Map<string, string>();

/** "3 Mar 2026": the same in every locale and time zone. */
export function formatDateLong(iso: IsoDate): string {
  let text = longDateCache.get(iso);
  if (text === undefined) {
    const p = parseIsoDate(iso);
    text = `${p.day} ${MONTHS_SHORT[p.month - 1]} ${p.year}`;
    if (longDateCache.size >= 20000) longDateCache.clear();
    longDateCache.set(iso, text);
  }
  return text;
}
