import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  daysBetween,
  endOfMonth,
  formatDateLong,
  fromDayNumber,
  isIsoDate,
  monthEnds,
  toDayNumber,
} from "../../../app/compliance";

// Reference implementation with UTC Date, only for checking.
function utcIso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const isoDateArb = fc
  .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 11, 31) })
  .map((ms) => utcIso(ms - (ms % 86_400_000)));

describe("addMonths clamps to the month's last day", () => {
  it.each([
    ["2026-08-31", 6, "2027-02-28"],
    ["2027-08-31", 6, "2028-02-29"], // leap year
    ["2099-08-31", 6, "2100-02-28"], // 2100 is not a leap year
    ["2399-08-31", 6, "2400-02-29"], // 2400 is
    ["2026-01-31", 1, "2026-02-28"],
    ["2026-03-31", 1, "2026-04-30"],
    ["2026-10-01", 36, "2029-10-01"],
    ["2026-10-01", 48, "2030-10-01"],
    ["2028-02-29", 12, "2029-02-28"],
    ["2029-10-01", -12, "2028-10-01"],
    ["2029-10-01", -18, "2028-04-01"],
    ["2030-03-31", -1, "2030-02-28"],
    ["2026-12-15", 1, "2027-01-15"],
    ["2027-01-15", -1, "2026-12-15"],
    ["2026-05-20", 0, "2026-05-20"],
  ])("%s + %i months = %s", (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });

  it("rejects fractions of a month", () => {
    expect(() => addMonths("2026-01-01", 1.5)).toThrow(/whole number/);
  });

  it("agrees with a UTC reference (day clamped to the target month's length)", () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: -120, max: 120 }), (iso, n) => {
        const [y, m, d] = iso.split("-").map(Number);
        const lastDay = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
        const expected = utcIso(Date.UTC(y, m - 1 + n, Math.min(d, lastDay)));
        expect(addMonths(iso, n)).toBe(expected);
      }),
    );
  });
});

describe("days", () => {
  it.each([
    ["2026-10-01", 1, "2026-10-02"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2027-02-28", 1, "2027-03-01"],
    ["2026-10-01", -1, "2026-09-30"],
    ["2029-10-01", 90, "2029-12-30"],
  ])("%s + %i days = %s", (from, days, expected) => {
    expect(addDays(from, days)).toBe(expected);
    expect(daysBetween(from, expected)).toBe(days);
  });

  it("day numbers match UTC days since 1970", () => {
    expect(toDayNumber("1970-01-01")).toBe(0);
    expect(toDayNumber("2026-10-01")).toBe(Date.UTC(2026, 9, 1) / 86_400_000);
    fc.assert(
      fc.property(isoDateArb, (iso) => {
        expect(toDayNumber(iso)).toBe(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
        expect(fromDayNumber(toDayNumber(iso))).toBe(iso);
      }),
    );
  });

  it("addDays and daysBetween are inverse", () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: -5000, max: 5000 }), (iso, n) => {
        expect(daysBetween(iso, addDays(iso, n))).toBe(n);
      }),
    );
  });
});

describe("month ends", () => {
  it("lists every month end between two dates, inclusive", () => {
    expect(monthEnds("2027-11-15", "2028-03-31")).toEqual(["2027-11-30", "2027-12-31", "2028-01-31", "2028-02-29", "2028-03-31"]);
    expect(monthEnds("2027-01-31", "2027-02-27")).toEqual(["2027-01-31"]);
    expect(monthEnds("2027-02-01", "2027-02-27")).toEqual([]);
    expect(monthEnds("2027-03-01", "2027-02-01")).toEqual([]);
  });

  it("gives 37 month ends across three years", () => {
    const ends = monthEnds("2024-03-31", "2027-03-31");
    expect(ends).toHaveLength(37);
    expect(ends.every((e) => endOfMonth(e) === e)).toBe(true);
  });
});

describe("ISO dates and long format", () => {
  it.each([
    ["2026-03-03", "3 Mar 2026"],
    ["2026-10-01", "1 Oct 2026"],
    ["2028-02-29", "29 Feb 2028"],
    ["2026-12-31", "31 Dec 2026"],
  ])("%s reads %s", (iso, text) => {
    expect(formatDateLong(iso)).toBe(text);
  });

  it.each(["2026-02-29", "2026-13-01", "2026-00-10", "26-01-01", "2026-1-01", "2026/01/01", "", "2026-01-01T00:00"])(
    "%j is not an ISO date",
    (value) => {
      expect(isIsoDate(value)).toBe(false);
      expect(() => addDays(value, 1)).toThrow(/Not an ISO date/);
    },
  );

  it("accepts 29 Feb in a leap year", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
  });
});
