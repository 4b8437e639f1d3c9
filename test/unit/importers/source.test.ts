import { describe, expect, it } from "vitest";
import { strToU8, zipSync } from "fflate";
import { inspectFile } from "../../../importers/index";
import { NOT_CSV, sniffFileType } from "../../../importers/file-type";
import { cellText, readSource, uploadProblem } from "../../../importers/source";
import { xlsxWorkbook } from "../../helpers/xlsx";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const staffSheet = {
  name: "Staff",
  rows: [
    ["Employee Number", "Surname", "Forename", "Job Title", "Date of Joining", "Date of Termination", "FTE", "Probation"],
    ["E001", "Müller", "Zoë", "Housing Officer", d("2019-07-15"), null, 0.8, false],
    ["E002", "Ó Briain", "Siobhán", "Income Officer, Rents", d("2021-02-03"), d("2025-03-31"), 1, true],
    [1003, "Lee", "Ann", "Neighbourhood Manager", "25/03/2024", null, 0.6, "yes"],
  ],
};

const pdf = Buffer.from("%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n");
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0, 0, 0, 0, 0]);
const zip = Buffer.from(zipSync({ "staff.csv": strToU8("employee_ref,job_title\nA,B\n") }));

describe("what kind of file it is", () => {
  it.each([
    ["empty", new Uint8Array(), "empty"],
    ["csv", Buffer.from("employee_ref,job_title\nA1,Officer\n"), "text"],
    ["utf-16 csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("employee_ref\tjob_title\r\n", "utf16le")]), "text"],
    ["xlsx", Buffer.from(xlsxWorkbook([staffSheet])), "xlsx"],
    ["zip", zip, "zip"],
    ["xls", xls, "xls"],
    ["pdf", pdf, "pdf"],
    ["png", png, "image"],
    ["jpeg", jpeg, "image"],
    ["gzip", Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), "archive"],
    ["binary junk", Buffer.from([1, 2, 3, 0, 0, 5, 200, 7, 8]), "binary"],
  ] as const)("%s", (_, bytes, type) => {
    expect(sniffFileType(bytes)).toBe(type);
  });

  it.each([["xls", xls], ["zip", zip], ["pdf", pdf], ["png", png], ["jpeg", jpeg]] as const)("a %s upload is refused with the not-a-CSV message", async (_, bytes) => {
    expect(await uploadProblem(bytes)).toMatch(new RegExp(`^${NOT_CSV.replace(/[.]/g, "\\.")}`));
    const r = await inspectFile(bytes, "staff");
    expect(r.ok).toBe(false);
    expect(r.errors[0].message).toContain(NOT_CSV);
  });

  it("a 0-byte file and a file of blank lines each have their own message", async () => {
    const empty = await uploadProblem(new Uint8Array());
    const blank = await uploadProblem(Buffer.from("\r\n\r\n   \r\n,,,\n".replace(",,,", "")));
    expect(empty).toBe("The file is empty (0 bytes): export it again from your HR system.");
    expect(blank).toContain("only blank lines");
    expect(empty).not.toBe(blank);
    expect((await inspectFile(new Uint8Array(), "staff")).errors[0].message).toBe(empty);
    expect((await inspectFile(Buffer.from("\n\n\n"), "staff")).errors[0].message).toBe(blank);
    expect(await uploadProblem(Buffer.from("employee_ref,job_title\nA1,Officer\n"))).toBeNull();
  });
});

describe("Excel workbooks", () => {
  it("cells become text as a person would type them", () => {
    expect(cellText(d("2024-03-25"))).toBe("2024-03-25");
    expect(cellText(new Date("2024-03-25T09:30:00Z"))).toBe("2024-03-25 09:30");
    expect(cellText(0.1 + 0.2)).toBe("0.3");
    expect(cellText(1003)).toBe("1003");
    expect(cellText(true)).toBe("true");
    expect(cellText(null)).toBe("");
  });

  it("reads the first sheet with data, with dates, numbers and accents, and names the sheets", async () => {
    const bytes = xlsxWorkbook([{ name: "Cover", rows: [] }, staffSheet, { name: "Leavers", rows: [["Employee Number", "Job Title"], ["E9", "Officer"]] }]);
    const r = await inspectFile(bytes, "staff", { sampleSize: 5 });
    expect(r.errors).toEqual([]);
    expect(r.detected).toMatchObject({ format: "xlsx", sheet: "Staff", sheets: ["Cover", "Staff", "Leavers"] });
    expect(r.detected.mapping).toMatchObject({ employee_ref: "Employee Number", start_date: "Date of Joining", end_date: "Date of Termination" });
    expect(r.rowCount).toBe(3);
    expect(r.sampleRows[0].cells).toMatchObject({ Forename: "Zoë", "Date of Joining": "2019-07-15", FTE: "0.8", Probation: "false" });
    expect(r.sampleRows[1].cells).toMatchObject({ "Job Title": "Income Officer, Rents", "Date of Termination": "2025-03-31" });
    expect(r.sampleRows[2]).toMatchObject({ row: 4, cells: { "Employee Number": "1003", "Date of Joining": "25/03/2024" } });
  });

  it("reads the sheet the user picks, and says when there is no such sheet", async () => {
    const bytes = xlsxWorkbook([staffSheet, { name: "Leavers", rows: [["Employee Number", "Job Title"], ["E9", "Officer"]] }]);
    const picked = await inspectFile(bytes, "staff", { sheet: "Leavers" });
    expect(picked.detected.sheet).toBe("Leavers");
    expect(picked.rowCount).toBe(1);
    const missing = await inspectFile(bytes, "staff", { sheet: "Payroll" });
    expect(missing.ok).toBe(false);
    expect(missing.errors[0].message).toBe("The workbook has no sheet 'Payroll' (its sheets: Staff, Leavers).");
  });

  it("keeps spreadsheet row numbers when the table starts lower down, under a title", async () => {
    const bytes = xlsxWorkbook([{ name: "Export", firstRow: 3, rows: [["Staff list, March 2026"], [], ["Employee Number", "Job Title", "Start Date"], ["E1", "Officer", "31/02/2024"]] }]);
    const r = await inspectFile(bytes, "staff");
    expect(r.detected.headerRow).toBe(5);
    expect(r.errors[0]).toMatchObject({ row: 6, column: "Start Date", value: "31/02/2024" });
  });

  it("an empty workbook and a damaged one are refused before the mapping page", async () => {
    expect(await uploadProblem(xlsxWorkbook([{ name: "Sheet1", rows: [] }]))).toBe(
      "Every sheet of this workbook is empty ('Sheet1'): save it again from your HR system with the data in it.",
    );
    // The first half overwritten: the file names at the end still say .xlsx, the contents are gone.
    const damaged = Buffer.from(xlsxWorkbook([staffSheet]));
    damaged.fill(0x41, 4, Math.floor(damaged.length / 2));
    expect(sniffFileType(damaged)).toBe("xlsx");
    expect(await uploadProblem(damaged)).toMatch(/^The Excel file could not be read/);
    const source = await readSource(xlsxWorkbook([{ name: "Sheet1", rows: [] }, staffSheet]), { sheet: "Sheet1" });
    expect(source.errors[0].message).toBe("The sheet 'Sheet1' is empty. Choose the sheet with the data ('Staff').");
  });
});
