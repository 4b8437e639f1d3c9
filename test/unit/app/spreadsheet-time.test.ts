import { describe, expect, test } from "vitest";
import { spreadsheetTimestamp } from "../../../app/utils/spreadsheet-time";

describe("spreadsheetTimestamp", () => {
  test.each([
    ["2026-01-15T09:05:30.123Z", "2026-01-15 09:05"], // GMT
    ["2026-07-15T09:05:30.123Z", "2026-07-15 10:05"], // BST
    ["2026-03-29T00:59:00Z", "2026-03-29 00:59"], // the last minute of GMT
    ["2026-03-29T01:00:00Z", "2026-03-29 02:00"], // clocks go forward
    ["2026-10-25T00:30:00Z", "2026-10-25 01:30"], // first 01:30 (BST)
    ["2026-10-25T01:30:00Z", "2026-10-25 01:30"], // second 01:30 (GMT)
    ["2026-12-31T23:59:59Z", "2026-12-31 23:59"],
    ["2026-06-01 12:00:00", "2026-06-01 13:00"], // SQLite's datetime('now') text is UTC
    ["2026-06-01", "2026-06-01"],
    ["", ""],
    [null, ""],
  ])("%s → %s", (input, expected) => {
    expect(spreadsheetTimestamp(input)).toBe(expected);
  });
});
