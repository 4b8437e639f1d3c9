import { describe, expect, test } from "vitest";
import { prepareRatings, resolveRatingMapping } from "../../../importers/audit-ratings";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("reading a ratings file", () => {
  test("the canonical columns, with row numbers as a spreadsheet shows them and blank cells left out", () => {
    const p = prepareRatings(bytes("employee_ref,area,self,manager,agreed,note\nR1,K1,3,2,2,Seen at panel\n\nR2,Legislation and regulation,,,1,\n"));
    expect(p.fatal).toBe(false);
    expect(p.errors.count).toBe(0);
    expect(p.records).toEqual([
      { row: 2, employeeRef: "R1", area: "K1", self: 3, manager: 2, agreed: 2, note: "Seen at panel" },
      { row: 4, employeeRef: "R2", area: "Legislation and regulation", self: undefined, manager: undefined, agreed: 1, note: undefined },
    ]);
  });

  test("spreadsheet headers, semicolons, a title line and Windows-1252 are read like the HR import", () => {
    const text = "Skills audit export\r\nPayroll No;Skill Area;Self Assessment;Line Manager Rating;Agreed Rating;Evidence\r\nR1;Team work;Proficient;3;2 - Working;Zoë's notes\r\n";
    const cp1252 = Uint8Array.from([...text].map((c) => (c === "ë" ? 0xeb : c.charCodeAt(0))));
    const p = prepareRatings(cp1252);
    expect(p.detected).toMatchObject({ encoding: "windows-1252", delimiter: ";", headerRow: 2 });
    expect(p.detected.mapping).toEqual({ employee_ref: "Payroll No", area: "Skill Area", self: "Self Assessment", manager: "Line Manager Rating", agreed: "Agreed Rating", note: "Evidence" });
    expect(p.records[0]).toMatchObject({ row: 3, self: 3, manager: 3, agreed: 2, note: "Zoë's notes" });
  });

  test("bad values give row errors with row, column (the file's header) and value", () => {
    const p = prepareRatings(bytes("Employee Number,Area,Agreed\nR1,K1,5\nR2,,2\nR3,K2,three\n"));
    expect(p.errors.items).toEqual([
      { row: 2, column: "Agreed", value: "5", message: expect.stringContaining("0 (none) to 4 (expert)") },
      { row: 3, column: "Area", value: "", message: "Area is required." },
      { row: 4, column: "Agreed", value: "three", message: expect.stringContaining("is not a rating") },
    ]);
    expect(p.records).toEqual([]);
  });

  test("a missing required column or no rating column is a file error; a mapping names columns", () => {
    expect(prepareRatings(bytes("employee_ref,agreed\nR1,2\n")).fatal).toBe(true);
    const noRatings = resolveRatingMapping(["employee_ref", "area"], 1, undefined);
    expect(noRatings.errors[0].message).toMatch(/no rating columns/);
    const mapped = prepareRatings(bytes("Who,What,Score\nR1,K1,3\n"), { mapping: { employee_ref: "Who", area: "What", agreed: "Score" } });
    expect(mapped.errors.count).toBe(0);
    expect(mapped.records[0]).toMatchObject({ employeeRef: "R1", area: "K1", agreed: 3 });
    const wrong = resolveRatingMapping(["a", "b"], 1, { agreed: "Nope", bogus: "a" });
    const messages = wrong.errors.map((e) => e.message).join(" ");
    expect(messages).toMatch(/'Nope', but the file has no such column/);
    expect(messages).toMatch(/'bogus', which is not a ratings field/);
  });
});
