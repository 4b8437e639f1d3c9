import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prepare, splitFullName, type RoleRecord, type StaffRecord } from "../../../importers/prepare";
import { DEFAULT_LIMITS, type ImportKind, type ImportLimits } from "../../../importers/types";
import { inspectFile } from "../../../importers/index";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "../../fixtures", name));

function run<K extends ImportKind>(text: string | Buffer, kind: K, opts: { mapping?: Record<string, string>; limits?: Partial<ImportLimits>; dateOrder?: "day_first" | "month_first" } = {}) {
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  return prepare(bytes, kind, {
    mapping: opts.mapping,
    dateOrder: opts.dateOrder ?? "day_first",
    today: "2026-03-01",
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
  });
}
const staff = (p: ReturnType<typeof run<"staff">>) => p.records as StaffRecord[];

describe("the iTrent-style sample", () => {
  const p = run(fixture("itrent-style/staff.csv"), "staff");

  it("reads every row with no errors", async () => {
    expect(p.errors.items).toEqual([]);
    expect(p.detected.encoding).toBe("utf-8-bom");
    expect(p.detected.delimiter).toBe(",");
    expect(p.table.rowCount).toBe(60);
    expect(staff(p)).toHaveLength(60);
  });

  it("converts UK dates, booleans, numbers and keeps accented names", async () => {
    const first = staff(p)[0];
    expect(first).toMatchObject({
      row: 2,
      employee_ref: "E010001",
      first_name: "Siobhán",
      last_name: "Clarke",
      email: "siobhan.clarke.0@example.org",
      job_title: "IT Service Desk Analyst",
      department: "IT",
      location: "Wakefield",
      employer: null,
      fte: 0.6,
      start_date: "2006-07-15",
      role_start_date: "2006-07-15",
      end_date: null,
      on_probation: 0,
    });
    const leaver = staff(p).find((s) => s.employee_ref === "E010085")!;
    expect(leaver.end_date).toBe("2025-06-15");
    expect(staff(p).find((s) => s.employee_ref === "E010147")!.last_name).toBe("Müller");
    expect(staff(p).find((s) => s.employee_ref === "E010037")!.first_name).toBe("Zoë");
  });

  it("decides day first from the column's own evidence", async () => {
    expect(p.detected.dateColumns.every((c) => c.order === "day_first" && c.basis === "evidence")).toBe(true);
  });
});

describe("the basic sample", () => {
  it.each(["staff", "roles", "enrolments"] as const)("%s reads cleanly", async (kind) => {
    const p = run(fixture(`basic/${kind}.csv`), kind);
    expect(p.errors.items).toEqual([]);
    expect(p.records.length).toBe(p.table.rowCount);
  });
});

describe("delimiters and line endings", () => {
  const rows = [
    ["employee_ref", "first_name", "job_title", "fte"],
    ["E1", "Zoë", "Housing Officer", "0,8"],
    ["E2", "Rhys", "Income Officer", "1"],
  ];
  it.each([",", ";", "\t", "|"])("detects %j", async (delimiter) => {
    const text = rows.map((r) => r.map((c) => (c.includes(delimiter) ? `"${c}"` : c)).join(delimiter)).join("\n");
    const p = run(text, "staff");
    expect(p.detected.delimiter).toBe(delimiter);
    expect(p.errors.items).toEqual([]);
    expect(staff(p).map((s) => [s.employee_ref, s.first_name, s.job_title, s.fte])).toEqual([
      ["E1", "Zoë", "Housing Officer", 0.8],
      ["E2", "Rhys", "Income Officer", 1],
    ]);
  });

  it("prefers the delimiter that makes the header match, even when commas appear in values", async () => {
    const text = "Employee Number;Post Title;Notes\nE1;Housing Officer;a, b, c\nE2;Income Officer;d, e\n";
    const p = run(text, "staff");
    expect(p.detected.delimiter).toBe(";");
    expect(staff(p)).toHaveLength(2);
  });

  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("reads %s line endings", (_name, nl) => {
    const p = run(["employee_ref,job_title", "E1,Officer", "E2,Manager"].join(nl) + nl, "staff");
    expect(staff(p).map((s) => s.job_title)).toEqual(["Officer", "Manager"]);
  });

  it("reads a file mixing CRLF and LF, with a line break inside a quoted cell", async () => {
    const p = run('employee_ref,job_title,department\r\nE1,"Housing\nOfficer",Income\nE2,Manager,Lettings\r\n', "staff");
    expect(p.errors.items).toEqual([]);
    expect(staff(p).map((s) => [s.row, s.job_title])).toEqual([
      [2, "Housing\nOfficer"],
      [3, "Manager"],
    ]);
  });
});

describe("cells and rows", () => {
  it("a blank header named in the mapping (a field left out) does not make a data row with an empty cell look like the header", async () => {
    const p = run("Payroll Code,Job Held,Leaving Date\nX1,Officer,\n", "staff", { mapping: { employee_ref: "Payroll Code", job_title: "Job Held", email: "" } });
    expect(p.detected.headerRow).toBe(1);
    expect(p.records).toHaveLength(1);
  });

  it("trims cells, skips blank rows but keeps spreadsheet row numbers", async () => {
    const p = run("employee_ref,job_title,fte\n  E1 ,  Housing Officer  , 0.5 \n\n,,\n   \nE2,Manager,abc\n", "staff");
    expect(staff(p)).toMatchObject([{ row: 2, employee_ref: "E1", job_title: "Housing Officer", fte: 0.5 }]);
    expect(p.table.rowCount).toBe(2);
    expect(p.errors.items).toEqual([
      { row: 6, column: "fte", value: "abc", message: expect.stringContaining("FTE must be a number from 0 to 1.5") },
    ]);
  });

  it("skips title lines above the header", async () => {
    const p = run("Staff list export\nRun on 01/03/2026 by HR\n\nEmployee Number,Surname,Post Title\nE1,Khan,Officer\n", "staff");
    expect(p.detected.headerRow).toBe(4);
    expect(staff(p)).toMatchObject([{ row: 5, employee_ref: "E1", last_name: "Khan" }]);
  });

  it("treats missing trailing cells as blank and extra non-empty cells as an error", async () => {
    const p = run("employee_ref,job_title,department\nE1,Officer\nE2,Officer,Income,,\nE3,Officer,Income,oops\n", "staff");
    expect(staff(p).map((s) => [s.employee_ref, s.department])).toEqual([
      ["E1", null],
      ["E2", "Income"],
      ["E3", "Income"],
    ]);
    expect(p.errors.items).toEqual([expect.objectContaining({ row: 4, value: "oops", message: expect.stringContaining("has 4 cells but the header has 3") })]);
  });

  it("reports an unclosed quote", async () => {
    const p = run('employee_ref,job_title\nE1,"Officer\nE2,Manager\n', "staff");
    expect(p.errors.items.map((e) => e.message)).toContainEqual(expect.stringContaining("never closed"));
  });

  it("lists every error with row, column (the file's header), value and message", async () => {
    const text = [
      "Payroll No,Post Title,FTE,Date Joined,Probation,Work Email",
      "P1,Officer,2,31/02/2024,perhaps,not-an-email",
      ",,0.5,,,",
    ].join("\n");
    const p = run(text, "staff");
    expect(p.errors.items).toEqual([
      { row: 2, column: "FTE", value: "2", message: "FTE must be from 0 to 1.5; '2' is outside that range." },
      { row: 2, column: "Date Joined", value: "31/02/2024", message: expect.stringContaining("February 2024 has 29 days") },
      { row: 2, column: "Probation", value: "perhaps", message: expect.stringContaining("On probation must be yes or no") },
      { row: 2, column: "Work Email", value: "not-an-email", message: expect.stringContaining("is not an email address") },
      { row: 3, column: "Payroll No", value: "", message: "Employee reference is required." },
      { row: 3, column: "Post Title", value: "", message: "Job title is required." },
    ]);
    expect(p.records).toEqual([]);
    expect(p.invalidKeys).toEqual(new Set(["P1"]));
  });
});

describe("file checks", () => {
  it("duplicate employee references", async () => {
    const p = run("employee_ref,job_title\nE1,Officer\nE2,Officer\nE1,Manager\n", "staff");
    expect(p.errors.items).toEqual([
      { row: 4, column: "employee_ref", value: "E1", message: "Employee reference E1 appears more than once in the file (first on row 2)." },
    ]);
  });

  it("a duplicate is reported even when either row has other errors", async () => {
    const p = run("employee_ref,job_title,fte\nA1,Officer,9\nA2,Officer,1\nA1,Manager,3\n", "staff");
    expect(p.errors.items.map((e) => [e.row, e.column])).toEqual([
      [2, "fte"],
      [4, "employee_ref"],
      [4, "fte"],
    ]);
    expect(p.errors.items[1].message).toBe("Employee reference A1 appears more than once in the file (first on row 2).");
  });

  it("duplicate job titles in a roles file compare normalised titles", async () => {
    const p = run("job_title,category\nHousing Officer,frontline\n  housing   officer ,Level 4\n", "roles");
    expect(p.errors.items).toEqual([expect.objectContaining({ row: 3, column: "job_title", message: expect.stringContaining("appears more than once") })]);
    expect((p.records as RoleRecord[]).map((r) => r.category)).toEqual(["frontline"]);
  });

  it("required columns missing stop row checks", async () => {
    const p = run("Surname,Forenames\nKhan,Imran\n", "staff");
    expect(p.fatal).toBe(true);
    expect(p.errors.items.map((e) => e.column)).toEqual(["employee_ref", "job_title"]);
  });

  it("a header with no rows is rejected", async () => {
    const p = run("employee_ref,job_title\n", "staff");
    expect(p.fatal).toBe(true);
    expect(p.errors.items[0].message).toBe("The file has a header row but no data rows.");
  });

  it("an empty file is rejected", async () => {
    expect(run("", "staff").errors.items[0].message).toContain("The file is empty");
    expect(run("\n\n  \n", "staff").fatal).toBe(true);
  });
});

describe("limits", () => {
  it("names the byte limit and the actual size", async () => {
    const p = run("employee_ref,job_title\nE1,Officer\n", "staff", { limits: { maxBytes: 10 } });
    expect(p.fatal).toBe(true);
    expect(p.errors.items[0].message).toBe("The file is 34 bytes; the limit is 10 bytes. Split it or export fewer columns.");
  });

  it("names the row limit and the actual count", async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `E${i},Officer`).join("\n");
    const p = run(`employee_ref,job_title\n${rows}\n`, "staff", { limits: { maxRows: 10 } });
    expect(p.fatal).toBe(true);
    expect(p.errors.items.map((e) => e.message)).toContain("The file has 12 rows; the limit is 10. Split it into smaller files (partial mode).");
  });

  it("names the column limit and the actual count", async () => {
    const p = run("employee_ref,job_title,a,b,c\nE1,Officer,1,2,3\n", "staff", { limits: { maxColumns: 4 } });
    expect(p.fatal).toBe(true);
    expect(p.errors.items[0].message).toBe("The file has 5 columns; the limit is 4.");
  });

  it("default limits: 50 MB, 200,000 rows, 100 columns", async () => {
    expect(DEFAULT_LIMITS).toMatchObject({ maxBytes: 50 * 1024 * 1024, maxRows: 200_000, maxColumns: 100 });
  });
});

describe("names", () => {
  it("splits a full-name column when there are no name columns", async () => {
    const p = run('Staff ID,Name,Job Title\nS1,"Clarke, Siobhán",Officer\nS2,Zoë O\'Brien,Officer\nS3,Cher,Officer\n', "staff");
    expect(staff(p).map((s) => [s.first_name, s.last_name])).toEqual([
      ["Siobhán", "Clarke"],
      ["Zoë", "O'Brien"],
      ["Cher", null],
    ]);
    expect(p.providedFields.has("first_name")).toBe(true);
  });

  it("splitFullName", async () => {
    expect(splitFullName("  Mary  Jane   Smith ")).toEqual({ first: "Mary Jane", last: "Smith" });
    expect(splitFullName("")).toEqual({ first: null, last: null });
  });
});

describe("inspectFile", () => {
  it("returns headers, the auto mapping and sample rows for the mapping step", async () => {
    const r = await inspectFile(fixture("itrent-style/staff.csv"), "staff", { sampleSize: 2 });
    expect(r.ok).toBe(true);
    expect(r.rowCount).toBe(60);
    expect(r.headers[0]).toBe("Employee Number");
    expect(r.fields.find((f) => f.field === "job_title")).toEqual({ field: "job_title", label: "Job title", required: true, header: "Post Title" });
    expect(r.sampleRows).toHaveLength(2);
    expect(r.sampleRows[0]).toEqual({ row: 2, cells: expect.objectContaining({ "Employee Number": "E010001", Forenames: "Siobhán" }) });
  });

  it("still shows sample rows when a required column is missing, so the user can map it", async () => {
    const r = await inspectFile(Buffer.from("Code,Role Held\nA1,Officer\n"), "staff");
    expect(r.ok).toBe(false);
    expect(r.missingRequired).toEqual(["employee_ref", "job_title"]);
    expect(r.sampleRows).toEqual([{ row: 2, cells: { Code: "A1", "Role Held": "Officer" } }]);
    const mapped = await inspectFile(Buffer.from("Code,Role Held\nA1,Officer\n"), "staff", { mapping: { employee_ref: "Code", job_title: "Role Held" } });
    expect(mapped.ok).toBe(true);
  });
});

describe("mixed date formats in one column", () => {
  it("come out as ISO dates, ambiguous ones read by the column's evidence", async () => {
    const text = [
      "employee_ref,job_title,start_date",
      "E1,Officer,2024-03-07",
      "E2,Officer,2024/03/07",
      "E3,Officer,7 Mar 2024",
      "E4,Officer,7 March 2024",
      "E5,Officer,45358",
      "E6,Officer,01/02/2024",
      "E7,Officer,1-2-2024",
      "E8,Officer,13/02/2024",
    ].join("\n");
    const p = run(text, "staff", { dateOrder: "month_first" });
    expect(p.errors.items).toEqual([]);
    expect(staff(p).map((s) => s.start_date)).toEqual([
      "2024-03-07", "2024-03-07", "2024-03-07", "2024-03-07", "2024-03-07", "2024-02-01", "2024-02-01", "2024-02-13",
    ]);
  });

  it("without evidence, ambiguous dates follow the organisation's setting", async () => {
    const text = "employee_ref,job_title,start_date\nE1,Officer,01/02/2024\nE2,Officer,2024-05-06\n";
    expect(staff(run(text, "staff", { dateOrder: "day_first" })).map((s) => s.start_date)).toEqual(["2024-02-01", "2024-05-06"]);
    expect(staff(run(text, "staff", { dateOrder: "month_first" })).map((s) => s.start_date)).toEqual(["2024-01-02", "2024-05-06"]);
  });
});
