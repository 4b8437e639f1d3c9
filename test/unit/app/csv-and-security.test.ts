import { describe, expect, test } from "vitest";
import { neutraliseCell, toCsv } from "../../../app/utils/csv.server";
import { isCrossSiteWrite } from "../../../app/utils/http-security.server";
import { can, PERMISSION_MATRIX } from "../../../app/utils/permissions";

describe("CSV cells never run as spreadsheet formulas", () => {
  test.each([
    ["=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"],
    ["+44 113", "'+44 113"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tTab", "'\tTab"],
    ["\rCR", "'\rCR"],
    ["Neighbourhood Manager", "Neighbourhood Manager"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });

  test("numbers and nulls pass through, and the CSV quotes what needs quoting", () => {
    expect(neutraliseCell(12)).toBe("12");
    expect(neutraliseCell(null)).toBe("");
    expect(toCsv(["a", "b"], [["x, y", "=1+1"]])).toBe('a,b\r\n"x, y",\'=1+1');
  });
});

describe("cross-site writes are refused", () => {
  test.each([
    ["GET", "app.example", "https://evil.example", undefined, false],
    ["POST", "app.example", "https://app.example", undefined, false],
    ["POST", "app.example", "https://evil.example", undefined, true],
    ["POST", "app.example", "null", undefined, true],
    ["POST", "app.example", undefined, "cross-site", true],
    ["POST", "app.example", undefined, "same-origin", false],
    ["POST", "app.example", undefined, undefined, false],
    ["DELETE", "app.example", "http://app.example.evil.example", undefined, true],
  ])("%s from origin %s on host %s (fetch-site %s) → refused %s", (method, host, origin, site, refused) => {
    expect(isCrossSiteWrite(method, host, origin, site)).toBe(refused);
  });
});

describe("the permission matrix", () => {
  test("executives only read and export; hr and consultants change their organisations; only admins manage users", () => {
    expect([...PERMISSION_MATRIX.executive].sort()).toEqual(["org.export", "org.read"]);
    expect(can("hr", "org.import")).toBe(true);
    expect(can("hr", "portfolio.read")).toBe(false);
    expect(can("consultant", "portfolio.read")).toBe(true);
    expect(can("consultant", "users.manage")).toBe(false);
    expect(can("admin", "users.manage")).toBe(true);
  });
});
