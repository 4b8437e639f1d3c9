import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { errorsToCsv } from "../../../importers/index";

describe("errorsToCsv", () => {
  it("writes row, column, value, message with a BOM for Excel, quoting where needed", () => {
    const csv = errorsToCsv([
      { row: 2, column: "FTE", value: "2", message: "FTE must be from 0 to 1.5; '2' is outside that range." },
      { row: 3, column: "Name", value: 'Zoë "Z", O\'Brien', message: "line one\nline two" },
    ]);
    expect(csv.startsWith("\uFEFFrow,column,value,message\r\n")).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(parsed).toEqual([
      ["row", "column", "value", "message"],
      ["2", "FTE", "2", "FTE must be from 0 to 1.5; '2' is outside that range."],
      ["3", "Name", 'Zoë "Z", O\'Brien', "line one\nline two"],
    ]);
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    const csv = errorsToCsv([{ row: 4, column: "Email", value: "=HYPERLINK(\"http://x\")", message: "+bad" }], { bom: false });
    const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(parsed[1]).toEqual(["4", "Email", "'=HYPERLINK(\"http://x\")", "'+bad"]);
  });

  it("an empty list is just the header", () => {
    expect(errorsToCsv([], { bom: false })).toBe("row,column,value,message\r\n");
  });
});
