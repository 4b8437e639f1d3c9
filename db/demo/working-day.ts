/** Demo-seed calendar helpers on ISO dates (app/compliance/dates.ts does the arithmetic). */
import { addDays, toDayNumber } from "../../app/compliance/dates";

/** A weekday on or after the date (people start jobs and courses on working days). */
export function weekday(iso: string): string {
  // 1970-01-01 (day 0) was a Thursday.
  const dow = (((toDayNumber(iso) + 4) % 7) + 7) % 7;
  return dow === 6 ? addDays(iso, 2) : dow === 0 ? addDays(iso, 1) : iso;
}
