/** Safe redirects, cut cells and control characters in imports. */
import { describe, expect, test } from "vitest";
import { safeRedirect } from "../../../app/utils/safe-redirect";
import { cutCell } from "../../../importers/values";
import { prepare } from "../../../importers/prepare";
import { DEFAULT_LIMITS } from "../../../importers/types";

describe("safeRedirect", () => {
  test.each([
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/\r\n/x", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example/", "/"],
    ["javascript:alert(1)", "/"],
    ["evil.example", "/"],
    ["/\u0000x", "/"],
    ["/\u007f", "/"],
    ["", "/"],
    ["/orgs/riverside/people?q=a#top", "/orgs/riverside/people?q=a#top"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ])("%j → %j", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });
});

describe("cells in errors and previews", () => {
  test("a long value is cut at 200 characters and says so; control characters are shown escaped", () => {
    const cut = cutCell("x".repeat(1_000_000));
    expect(cut.length).toBeLessThan(260);
    expect(cut).toContain("value cut at 200 characters");
    expect(cutCell("A\u0000B")).toBe("A\\u0000B");
    expect(cutCell("short")).toBe("short");
  });

  test("a file of 1 MB cells gives errors of a few hundred characters each", () => {
    const huge = "y".repeat(1024 * 1024);
    const csv = `employee_ref,job_title\nE1,${huge}\nE2,${huge}\n`;
    const p = prepare(Buffer.from(csv), "staff", { dateOrder: "day_first", today: "2026-11-23", limits: DEFAULT_LIMITS });
    expect(p.errors.count).toBe(2);
    for (const e of p.errors.items) {
      expect(e.value.length).toBeLessThan(300);
      expect(e.message.length).toBeLessThan(1100);
    }
  });

  test("NUL and other control characters in references and names are refused, naming row, column and value", () => {
    const csv = "employee_ref,first_name,job_title\nE\u00001,Ann,Officer\nE2,An\u0007n,Officer\nE3,Bob,Officer\n";
    const p = prepare(Buffer.from(csv), "staff", { dateOrder: "day_first", today: "2026-11-23", limits: DEFAULT_LIMITS });
    expect(p.errors.items.map((e) => [e.row, e.column, e.value])).toEqual([
      [2, "employee_ref", "E\\u00001"],
      [3, "first_name", "An\\u0007n"],
    ]);
    expect(p.errors.items[0].message).toContain("control character (U+0000)");
    expect(p.records).toHaveLength(1);
  });
});
