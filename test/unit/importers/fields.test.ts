import { describe, expect, it } from "vitest";
import { FIELDS, headerKey, matchHeader, resolveMapping } from "../../../importers/fields";
import type { ImportKind } from "../../../importers/types";

const kinds: ImportKind[] = ["staff", "enrolments", "roles"];

describe("synonyms", () => {
  it.each(kinds)("no two %s fields share a synonym", (kind) => {
    const seen = new Map<string, string>();
    for (const spec of FIELDS[kind]) {
      for (const name of [spec.field, ...spec.synonyms]) {
        const key = headerKey(name);
        const other = seen.get(key);
        expect(other === undefined || other === spec.field, `${name} is a synonym of ${other} and ${spec.field}`).toBe(true);
        seen.set(key, spec.field);
      }
    }
  });

  it.each([
    ["Employee Number", "employee_ref"],
    ["Payroll No", "employee_ref"],
    ["Payroll No.", "employee_ref"],
    ["EmpID", "employee_ref"],
    ["Person ID", "employee_ref"],
    ["Staff ID", "employee_ref"],
    ["employee_ref", "employee_ref"],
    ["Employee #", "employee_ref"],
    ["Surname", "last_name"],
    ["Family Name", "last_name"],
    ["Forenames", "first_name"],
    ["Known As", "first_name"],
    ["Given Name", "first_name"],
    ["First Name", "first_name"],
    ["Employee First Name", "first_name"],
    ["Name", "full_name"],
    ["Post Title", "job_title"],
    ["Position", "job_title"],
    ["Job", "job_title"],
    ["JOB TITLE", "job_title"],
    ["Directorate", "department"],
    ["Team", "department"],
    ["Service", "department"],
    ["Department", "department"],
    ["Date Joined", "start_date"],
    ["Hire Date", "start_date"],
    ["Date of Hire", "start_date"],
    ["Continuous Service Date", "start_date"],
    ["Start Date (dd/mm/yyyy)", "start_date"],
    ["Date Started In Post", "role_start_date"],
    ["Position Start Date", "role_start_date"],
    ["Leaving Date", "end_date"],
    ["Termination Date", "end_date"],
    ["Date Left", "end_date"],
    ["Work Email", "email"],
    ["E-mail", "email"],
    ["Work Location", "location"],
    ["Employing Company", "employer"],
    ["Contractor", "employer"],
    ["Probation", "on_probation"],
    ["F.T.E.", "fte"],
    ["Line Manager Employee Number", "manager_ref"],
  ])("staff: %s → %s", (header, field) => {
    expect(matchHeader("staff", header)?.field).toBe(field);
  });

  it.each([
    ["Qualification Title", "qualification"],
    ["Course", "qualification"],
    ["Ofqual Number", "qualification"],
    ["Training Provider", "provider"],
    ["Learner Status", "status"],
    ["Enrolment Date", "enrolled_on"],
    ["Start Date", "started_on"],
    ["Planned End Date", "expected_completion"],
    ["Date Achieved", "achieved_on"],
    ["Certificate Number", "certificate_ref"],
    ["Units", "units_achieved"],
    ["Payroll Number", "employee_ref"],
  ])("enrolments: %s → %s", (header, field) => {
    expect(matchHeader("enrolments", header)?.field).toBe(field);
  });

  it.each([
    ["Job Title", "job_title"],
    ["Role", "job_title"],
    ["Scope", "category"],
    ["Required Level", "category"],
    ["Time Managing %", "time_managing_pct"],
    ["% Time Managing", "time_managing_pct"],
    ["Reason", "rationale"],
    ["Next Review", "review_date"],
  ])("roles: %s → %s", (header, field) => {
    expect(matchHeader("roles", header)?.field).toBe(field);
  });

  it("does not map a courtesy title to the job title", () => {
    expect(matchHeader("staff", "Title")).toBeNull();
  });
});

describe("resolveMapping", () => {
  const itrent = [
    "Employee Number", "Surname", "Forenames", "Work Email", "Post Title", "Directorate", "Work Location",
    "Employing Company", "FTE", "Continuous Service Date", "Date Started In Post", "Leaving Date", "Probation",
  ];

  it("maps the iTrent-style headers completely", () => {
    const r = resolveMapping("staff", itrent, 1, undefined);
    expect(r.errors).toEqual([]);
    expect(r.unmappedHeaders).toEqual([]);
    expect(r.mapping).toEqual({
      employee_ref: "Employee Number",
      first_name: "Forenames",
      last_name: "Surname",
      email: "Work Email",
      job_title: "Post Title",
      department: "Directorate",
      location: "Work Location",
      employer: "Employing Company",
      fte: "FTE",
      start_date: "Continuous Service Date",
      role_start_date: "Date Started In Post",
      end_date: "Leaving Date",
      on_probation: "Probation",
    });
  });

  it("prefers the earlier synonym when two headers match one field, and lists the other as unmapped", () => {
    const r = resolveMapping("staff", ["Staff ID", "Known As", "Forenames", "Job Title", "Team", "Directorate"], 1, undefined);
    expect(r.mapping.first_name).toBe("Forenames");
    expect(r.mapping.department).toBe("Directorate");
    expect(r.unmappedHeaders).toEqual(["Known As", "Team"]);
  });

  it("a caller's mapping overrides; fields it does not name are auto-mapped", () => {
    const headers = ["Payroll No", "Post", "Role Held", "Surname"];
    const r = resolveMapping("staff", headers, 1, { job_title: "Role Held" });
    expect(r.errors).toEqual([]);
    expect(r.mapping).toEqual({ employee_ref: "Payroll No", job_title: "Role Held", last_name: "Surname" });
    expect(r.unmappedHeaders).toEqual(["Post"]);
  });

  it("matches the caller's headers ignoring case and spacing", () => {
    const r = resolveMapping("staff", ["Payroll No", "Role  Held"], 1, { job_title: "role held" });
    expect(r.mapping.job_title).toBe("Role  Held");
  });

  it('"" in the caller\'s mapping leaves a field out', () => {
    const r = resolveMapping("staff", ["Employee Number", "Job Title", "Leaving Date"], 1, { end_date: "" });
    expect(r.mapping.end_date).toBeUndefined();
    expect(r.unmappedHeaders).toEqual(["Leaving Date"]);
  });

  it("reports unknown fields and missing headers in the caller's mapping", () => {
    const r = resolveMapping("staff", ["Employee Number", "Job Title"], 1, { salary: "Pay", department: "Dept X" });
    expect(r.errors.map((e) => e.message)).toEqual([
      expect.stringContaining("The mapping names 'salary', which is not a staff field"),
      expect.stringContaining("The mapping takes department from the column 'Dept X', but the file has no such column"),
    ]);
  });

  it("reports missing required columns with examples", () => {
    const r = resolveMapping("staff", ["Surname", "Forenames"], 1, undefined);
    expect(r.missingRequired).toEqual(["employee_ref", "job_title"]);
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0]).toMatchObject({ row: 1, column: "employee_ref" });
    expect(r.errors[0].message).toContain("'Employee Ref'");
  });

  it("uses a full-name column only when there are no separate name columns", () => {
    expect(resolveMapping("staff", ["Staff ID", "Name", "Job Title"], 1, undefined).mapping.full_name).toBe("Name");
    const both = resolveMapping("staff", ["Staff ID", "Name", "Surname", "First Name", "Job Title"], 1, undefined);
    expect(both.mapping.full_name).toBeUndefined();
    expect(both.unmappedHeaders).toEqual(["Name"]);
  });
});
