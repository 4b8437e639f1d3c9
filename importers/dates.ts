/**
 * Dates as HR exports write them: ISO, yyyy/mm/dd, d/m/yyyy, d-m-yyyy, d.m.yyyy, d Mon yyyy, d Month yyyy,
 * Mon d yyyy, Excel serial numbers, optionally followed by a time. One column may mix them. The day/month
 * order of numeric dates follows evidence in the column (a first number over 12 ⇒ day first; a second
 * number over 12 ⇒ month first), else the organisation's setting. Impossible dates are errors, never rolled
 * over (31/02/2024 is not 2 March). Output is ISO `YYYY-MM-DD`.
 */
import type { DateOrder } from "./types";

export type DateParse = { ok: true; iso: string } | { ok: false; message: string };

export interface DateReading {
  order: DateOrder;
  /** Why the order was chosen, for messages: e.g. "as row 7 '25/03/2024' shows" or "the organisation's setting". */
  reason: string;
  /** Two-digit years are placed in the century that keeps them within [refYear − 79, refYear + 20]. */
  refYear: number;
}

const NUMERIC = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})$/;
const YEAR_FIRST = /^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})$/;
const NAMED_DAY_FIRST = /^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]*([a-z]{3,9})\.?,?[\s\-/.]*(\d{4}|\d{2})$/i;
const NAMED_MONTH_FIRST = /^([a-z]{3,9})\.?[\s\-]+(\d{1,2})(?:st|nd|rd|th)?,?[\s\-]+(\d{4})$/i;
const SERIAL = /^(\d{5})(?:\.\d+)?$/;
const TIME_SUFFIX = /(?:[T\s]+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|[ap]\.?m\.?)?$/i;

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};
const MONTH_NAMES = [
  "", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
];

const HINT = "write it as e.g. 2024-03-31, 31/03/2024 or 31 Mar 2024";

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function stripTime(value: string): string {
  return value.includes(":") ? value.replace(TIME_SUFFIX, "").trim() : value;
}

function fullYear(text: string, refYear: number): number {
  const n = Number(text);
  if (text.length === 4) return n;
  let year = 2000 + n;
  if (year > refYear + 20) year -= 100;
  return year;
}

function build(raw: string, year: number, month: number, day: number, orderNote: string): DateParse {
  if (month < 1 || month > 12) {
    return { ok: false, message: `'${raw}' is not a date: there is no month ${month}${orderNote}.` };
  }
  if (year < 1900 || year > 2199) {
    return { ok: false, message: `'${raw}' is not a plausible date: the year ${year} is outside 1900–2199.` };
  }
  const dim = daysInMonth(year, month);
  if (day < 1) return { ok: false, message: `'${raw}' is not a date: there is no day ${day}${orderNote}.` };
  if (day > dim) {
    return {
      ok: false,
      message: `'${raw}' is not a real date: ${MONTH_NAMES[month]} ${year} has ${dim} days${orderNote}.`,
    };
  }
  return { ok: true, iso: `${pad(year, 4)}-${pad(month)}-${pad(day)}` };
}

/** True for numeric day/month dates (`03/04/2024`), whose reading depends on the column's order. */
export function isOrderDependent(value: string): boolean {
  return NUMERIC.test(stripTime(value));
}

/** True for the ISO form this module outputs. */
export function isIsoDate(value: string): boolean {
  return value.length === 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45 && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** Day/month evidence a single value gives about its column's order (numeric dates only). */
export function dateOrderEvidence(value: string): DateOrder | null {
  const m = NUMERIC.exec(stripTime(value));
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  if (a > 12 && a <= 31 && b >= 1 && b <= 12) return "day_first";
  if (b > 12 && b <= 31 && a >= 1 && a <= 12) return "month_first";
  return null;
}

function serialToIso(serial: number): string {
  // Excel's 1900 date system (with its phantom 29 Feb 1900): serial 61 = 1 March 1900, counted from 30 Dec 1899.
  const ms = Date.UTC(1899, 11, 30) + serial * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Parses one non-empty, trimmed cell. */
export function parseDate(rawValue: string, reading: DateReading): DateParse {
  const raw = rawValue;
  const value = stripTime(rawValue);
  let m = YEAR_FIRST.exec(value);
  if (m) return build(raw, Number(m[1]), Number(m[2]), Number(m[3]), "");
  m = NUMERIC.exec(value);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = fullYear(m[3], reading.refYear);
    const dayFirst = reading.order === "day_first";
    const note = ` (dates in this column are read ${dayFirst ? "day/month" : "month/day"}, ${reading.reason})`;
    return dayFirst ? build(raw, year, b, a, note) : build(raw, year, a, b, note);
  }
  m = NAMED_DAY_FIRST.exec(value);
  if (m) {
    const month = MONTHS[m[2].toLowerCase()];
    if (month) return build(raw, fullYear(m[3], reading.refYear), month, Number(m[1]), "");
    return { ok: false, message: `'${raw}' is not a date: '${m[2]}' is not a month name; ${HINT}.` };
  }
  m = NAMED_MONTH_FIRST.exec(value);
  if (m) {
    const month = MONTHS[m[1].toLowerCase()];
    if (month) return build(raw, Number(m[3]), month, Number(m[2]), "");
    return { ok: false, message: `'${raw}' is not a date: '${m[1]}' is not a month name; ${HINT}.` };
  }
  m = SERIAL.exec(value);
  if (m) return { ok: true, iso: serialToIso(Number(m[1])) };
  return { ok: false, message: `'${raw}' is not a date: ${HINT}.` };
}

/** Accumulates the evidence for one column while the file is read. */
export class DateOrderEvidence {
  dayFirst: { row: number; value: string } | null = null;
  monthFirst: { row: number; value: string } | null = null;

  add(value: string, row: number): void {
    if (value === "" || (this.dayFirst && this.monthFirst)) return;
    const e = dateOrderEvidence(value);
    if (e === "day_first" && !this.dayFirst) this.dayFirst = { row, value };
    else if (e === "month_first" && !this.monthFirst) this.monthFirst = { row, value };
  }

  /** Day-first evidence wins over month-first (a contradicting value then becomes an error); none ⇒ the setting. */
  decide(setting: DateOrder): { order: DateOrder; basis: "evidence" | "setting"; evidence?: { row: number; value: string } } {
    if (this.dayFirst) return { order: "day_first", basis: "evidence", evidence: this.dayFirst };
    if (this.monthFirst) return { order: "month_first", basis: "evidence", evidence: this.monthFirst };
    return { order: setting, basis: "setting" };
  }
}

/** The written form of one date cell, for telling the user what was found: "yyyy/mm/dd", "d Mon yyyy", or a numeric day/month form (`order` decides which is which). */
export type DateShape =
  | { kind: "fixed"; label: string }
  | { kind: "numeric"; separator: string; yearDigits: number };

export function dateShape(rawValue: string): DateShape | null {
  const value = stripTime(rawValue);
  let m = YEAR_FIRST.exec(value);
  if (m) {
    const sep = value.charAt(4);
    return { kind: "fixed", label: `yyyy${sep}mm${sep}dd` };
  }
  m = NUMERIC.exec(value);
  if (m) return { kind: "numeric", separator: value.charAt(m[1].length), yearDigits: m[3].length };
  if (NAMED_DAY_FIRST.test(value)) return { kind: "fixed", label: "d Mon yyyy" };
  if (NAMED_MONTH_FIRST.test(value)) return { kind: "fixed", label: "Mon d, yyyy" };
  if (SERIAL.test(value)) return { kind: "fixed", label: "Excel date numbers" };
  return null;
}

function shapeKey(s: DateShape): string {
  return s.kind === "fixed" ? s.label : `numeric${s.separator}${s.yearDigits}`;
}

/** Distinct cell texts a column's shapes remember (dates repeat: a large file has a few thousand per column). */
const SHAPES_REMEMBERED = 50_000;

/** Counts the written forms of one date column's cells. */
export class DateShapes {
  private readonly counts = new Map<string, { shape: DateShape; count: number }>();
  /** Cell text → its form's count (null: not a date), so a repeated date is not read again. */
  private readonly seen = new Map<string, { shape: DateShape; count: number } | null>();

  add(value: string): void {
    let entry = this.seen.get(value);
    if (entry === undefined) {
      const s = dateShape(value);
      if (s) {
        const key = shapeKey(s);
        entry = this.counts.get(key);
        if (!entry) this.counts.set(key, (entry = { shape: s, count: 0 }));
      } else entry = null;
      if (this.seen.size < SHAPES_REMEMBERED) this.seen.set(value, entry);
    }
    if (entry) entry.count++;
  }

  /** The forms found, most common first, e.g. ["dd/mm/yyyy", "yyyy-mm-dd"]. */
  labels(order: DateOrder): string[] {
    return [...this.counts.values()]
      .sort((a, b) => b.count - a.count)
      .map(({ shape }) => {
        if (shape.kind === "fixed") return shape.label;
        const y = shape.yearDigits === 2 ? "yy" : "yyyy";
        const sep = shape.separator;
        return order === "day_first" ? `dd${sep}mm${sep}${y}` : `mm${sep}dd${sep}${y}`;
      });
  }

  hasNumeric(): boolean {
    return [...this.counts.values()].some((e) => e.shape.kind === "numeric");
  }
}

/**
 * What the page says about one date column: the forms found and, for numeric day/month dates, why they are
 * read in that order. E.g. "yyyy/mm/dd", "dd/mm/yyyy, day first as row 5 '25/03/2024' shows",
 * "mm/dd/yyyy, month first (the organisation's setting: no date in the column shows the order)".
 */
export function dateColumnNote(
  shapes: DateShapes,
  decided: { order: DateOrder; basis: "evidence" | "setting"; evidence?: { row: number; value: string } },
): string {
  const labels = shapes.labels(decided.order);
  if (labels.length === 0) return "no dates in this column";
  const found = labels.length === 1 ? labels[0] : `${labels[0]}; also ${labels.slice(1).join(", ")}`;
  if (!shapes.hasNumeric()) return found;
  const first = decided.order === "day_first" ? "day first" : "month first";
  return decided.basis === "evidence" && decided.evidence
    ? `${found}, ${first} as row ${decided.evidence.row} '${decided.evidence.value}' shows`
    : `${found}, ${first} (the organisation's setting: no date in the column shows the order)`;
}
