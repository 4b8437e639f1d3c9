/** The period a digest belongs to: one send per recipient per period makes sending idempotent. */
import { parseIsoDate, toDayNumber, fromDayNumber } from "../compliance/dates";
import type { IsoDate } from "../compliance/types";
import type { DigestFrequency } from "./digests";

/** ISO 8601 week of a date: "2026-W49" (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(date: IsoDate): string {
  const day = toDayNumber(date);
  // Day number 0 is 1970-01-01, a Thursday: (day + 3) mod 7 is 0 on Mondays.
  const weekday = (((day + 3) % 7) + 7) % 7;
  const thursday = day - weekday + 3;
  // The week belongs to the year of its Thursday, and is numbered by that Thursday's day of the year.
  const year = parseIsoDate(fromDayNumber(thursday)).year;
  const week = Math.floor((thursday - toDayNumber(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

export function periodOf(frequency: DigestFrequency, date: IsoDate): string {
  return frequency === "weekly" ? isoWeek(date) : date.slice(0, 7);
}

/** "week 49 of 2026" / "December 2026". */
export function periodLabel(period: string): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (week) return `week ${Number(week[2])} of ${week[1]}`;
  const [year, month] = period.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
}
