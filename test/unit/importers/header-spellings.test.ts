import { describe, expect, it } from "vitest";
import { FIELDS, matchHeader, resolveMapping, wordBagKey } from "../../../importers/fields";
import { suggestsLeaving } from "../../../importers/leaving-suspects";
import { prepare } from "../../../importers/prepare";
import { DEFAULT_LIMITS, type ImportKind } from "../../../importers/types";

const kinds: ImportKind[] = ["staff", "enrolments", "roles"];

describe("header spellings: spaces, underscores, camelCase, 'of', word order", () => {
  it.each(kinds)("no word-bag key of a %s synonym names two fields", (kind) => {
    const seen = new Map<string, string>();
    for (const spec of FIELDS[kind]) {
      for (const name of [spec.field, ...spec.synonyms]) {
        const key = wordBagKey(name);
        const other = seen.get(key);
        expect(other === undefined || other === spec.field, `${name}: ${other} and ${spec.field}`).toBe(true);
        seen.set(key, spec.field);
      }
    }
  });

  it.each([
    // Leaving
    "Date of Termination", "Termination Date", "Termination_Date", "TerminationDate", "DATE_OF_TERMINATION", "termination-date",
    "Terminated On", "Date Terminated", "Termination Effective Date", "Date of Leaving", "Date_Of_Leaving", "Leaving Date", "LeavingDate",
    "Leave Date", "Date Left", "Left Date", "End of Employment", "End_of_Employment", "End Of Employment Date", "Employment End Date",
    "Employment_End_Date", "Date Employment Ended", "Last Day of Employment", "Last Working Day", "Leaver Date", "Exit Date",
    "Date of Exit", "Separation Date", "Employee Termination Date", "Termination Date (dd/mm/yyyy)", "Date Of Termination Of Employment",
  ])("%s → end_date", (header) => {
    expect(matchHeader("staff", header)?.field).toBe("end_date");
  });

  it.each([
    "Start Date", "Start_Date", "StartDate", "Hire Date", "Date of Hire", "Date Hired", "Hired On", "Date Joined", "Date of Joining",
    "Joining_Date", "Joined", "Employment Start Date", "Start of Employment", "Date Started", "Commencement Date", "Date of Commencement",
    "Continuous Service Date", "Employee Start Date", "Original Hire Date",
  ])("%s → start_date", (header) => {
    expect(matchHeader("staff", header)?.field).toBe("start_date");
  });

  it.each([
    "Job Title", "Job_Title", "JobTitle", "Position", "Position Title", "Position Name", "Post", "Post Title", "Title of Post",
    "Job", "Role", "Role Title", "Designation", "Current Job Title", "Substantive Post",
  ])("%s → job_title", (header) => {
    expect(matchHeader("staff", header)?.field).toBe("job_title");
  });

  it.each(["Department", "Dept", "Dept_Name", "Department Name", "Name of Department", "Directorate", "Team", "Service Area", "Org Unit", "Business Unit"])(
    "%s → department",
    (header) => {
      expect(matchHeader("staff", header)?.field).toBe("department");
    },
  );

  it("does not take 'Title' (Mr / Mrs) as the job title, nor reasons and flags as the leaving date", () => {
    expect(matchHeader("staff", "Title")).toBeNull();
    expect(matchHeader("staff", "Leaving Reason")).toBeNull();
    expect(matchHeader("staff", "Leaver")).toBeNull();
    const r = resolveMapping("staff", ["Employee Number", "Title", "Job Title", "Date of Termination"], 1, undefined);
    expect(r.mapping).toMatchObject({ employee_ref: "Employee Number", job_title: "Job Title", end_date: "Date of Termination" });
    expect(r.unmappedHeaders).toEqual(["Title"]);
  });
});

function prep(text: string, dateOrder: "day_first" | "month_first" = "day_first") {
  return prepare(Buffer.from(text, "utf8"), "staff", { dateOrder, today: "2026-03-01", limits: DEFAULT_LIMITS });
}

describe("unmapped columns that look like a leaving date", () => {
  it.each([
    ["Leaver", true], ["Contract End", true], ["Last Day", true], ["Final Working Day", true], ["Left", true],
    ["Last Name", false], ["Leaving Reason", false], ["Last Review Date", false], ["Department", false], ["Probation End Date", false],
  ] as const)("%s suggests leaving: %s", (header, expected) => {
    expect(suggestsLeaving(header)).toBe(expected);
  });

  it("warns about an unmapped leaving-like column holding dates, not one holding text", () => {
    const p = prep("Employee Number,Job Title,Leaver,Contract End,Leaving Reason\nE1,Officer,12/03/2024,,Resigned\nE2,Officer,,31 Mar 2025,\n");
    expect(p.detected.mapping.end_date).toBeUndefined();
    expect(p.warnings).toHaveLength(2);
    expect(p.warnings[0]).toContain("'Leaver' looks like a leaving date but is not imported");
    expect(p.warnings[0]).toContain('choose it for "Leaving date"');
    expect(p.warnings[1]).toContain("'Contract End'");
    expect(p.warnings.join(" ")).not.toContain("Leaving Reason");
  });

  it("says where the leaving date comes from when another column is mapped to it", () => {
    const p = prep("Employee Number,Job Title,Date of Termination,Leaver\nE1,Officer,12/03/2024,12/03/2024\n");
    expect(p.detected.mapping.end_date).toBe("Date of Termination");
    expect(p.warnings).toEqual([expect.stringContaining("(Leaving date comes from 'Date of Termination')")]);
  });

  it("does not warn once the column is mapped", () => {
    const p = prepare(Buffer.from("Employee Number,Job Title,Leaver\nE1,Officer,12/03/2024\n"), "staff", {
      mapping: { end_date: "Leaver" },
      dateOrder: "day_first",
      today: "2026-03-01",
      limits: DEFAULT_LIMITS,
    });
    expect(p.warnings).toEqual([]);
    expect(p.records[0]).toMatchObject({ end_date: "2024-03-12" });
  });
});

describe("the date-order note says what was found", () => {
  const note = (text: string, dateOrder: "day_first" | "month_first" = "day_first") => prep(text, dateOrder).detected.dateColumns.map((c) => [c.header, c.note]);

  it("year-first dates are reported as such, not as day first", () => {
    expect(note("Employee Number,Job Title,Start Date\nE1,Officer,2024/03/04\nE2,Officer,2019/11/30\n")).toEqual([["Start Date", "yyyy/mm/dd"]]);
    expect(note("Employee Number,Job Title,Start Date\nE1,Officer,2024-03-04\n")).toEqual([["Start Date", "yyyy-mm-dd"]]);
  });

  it("numeric day/month dates name the row that shows the order", () => {
    expect(note("Employee Number,Job Title,Start Date\nE1,Officer,03/04/2024\nE2,Officer,04/05/2020\nE3,Officer,04/05/2020\nE4,Officer,25/03/2024\n")).toEqual([
      ["Start Date", "dd/mm/yyyy, day first as row 5 '25/03/2024' shows"],
    ]);
    expect(note("Employee Number,Job Title,Start Date\nE1,Officer,03-30-2024\n")).toEqual([["Start Date", "mm-dd-yyyy, month first as row 2 '03-30-2024' shows"]]);
  });

  it("says when the organisation's setting decided, and lists mixed forms", () => {
    expect(note("Employee Number,Job Title,Start Date\nE1,Officer,03/04/2024\n", "month_first")).toEqual([
      ["Start Date", "mm/dd/yyyy, month first (the organisation's setting: no date in the column shows the order)"],
    ]);
    expect(note("Employee Number,Job Title,Start Date,Leaving Date\nE1,Officer,3 Mar 2024,\nE2,Officer,2024-01-02,\nE3,Officer,4 May 2021,\n")).toEqual([
      ["Start Date", "d Mon yyyy; also yyyy-mm-dd"],
      ["Leaving Date", "no dates in this column"],
    ]);
  });
});
