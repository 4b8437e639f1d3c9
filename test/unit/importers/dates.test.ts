import { describe, expect, it } from "vitest";
import { DateOrderEvidence, DateShapes, dateOrderEvidence, parseDate, type DateReading } from "../../../importers/dates";
import { inspectFile } from "../../../importers/index";

const dayFirst: DateReading = { order: "day_first", reason: "the organisation's setting", refYear: 2026 };
const monthFirst: DateReading = { order: "month_first", reason: "the organisation's setting", refYear: 2026 };

function iso(value: string, reading = dayFirst): string {
  const r = parseDate(value, reading);
  if (!r.ok) throw new Error(r.message);
  return r.iso;
}

describe("parseDate", () => {
  it.each([
    ["2024-03-07", "2024-03-07"],
    ["2024-3-7", "2024-03-07"],
    ["2024/03/07", "2024-03-07"],
    ["7/3/2024", "2024-03-07"],
    ["07/03/2024", "2024-03-07"],
    ["7-3-2024", "2024-03-07"],
    ["07.03.2024", "2024-03-07"],
    ["7 Mar 2024", "2024-03-07"],
    ["7 March 2024", "2024-03-07"],
    ["07-Mar-2024", "2024-03-07"],
    ["7th March 2024", "2024-03-07"],
    ["7 Sept 2024", "2024-09-07"],
    ["March 7, 2024", "2024-03-07"],
    ["45358", "2024-03-07"],
    ["45358.5", "2024-03-07"],
    ["2024-03-07T09:30:00Z", "2024-03-07"],
    ["2024-03-07 00:00:00", "2024-03-07"],
    ["07/03/2024 00:00", "2024-03-07"],
    ["29/02/2024", "2024-02-29"],
  ])("reads %s as %s", (value, expected) => {
    expect(iso(value)).toBe(expected);
  });

  it("reads Excel serial numbers in the 1900 date system", async () => {
    expect(iso("36526")).toBe("2000-01-01");
    expect(iso("44927")).toBe("2023-01-01");
    expect(iso("25569")).toBe("1970-01-01");
  });

  it("reads ambiguous numeric dates in the given order", async () => {
    expect(iso("03/04/2024", dayFirst)).toBe("2024-04-03");
    expect(iso("03/04/2024", monthFirst)).toBe("2024-03-04");
  });

  it("places two-digit years in the century that keeps them near the import date", async () => {
    expect(iso("15/07/06")).toBe("2006-07-15");
    expect(iso("15/07/96")).toBe("1996-07-15");
    expect(iso("15/07/45")).toBe("2045-07-15");
    expect(iso("15/07/47")).toBe("1947-07-15");
  });

  it("rejects 31/02/2024 instead of rolling it over to March", async () => {
    const r = parseDate("31/02/2024", dayFirst);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/'31\/02\/2024' is not a real date: February 2024 has 29 days/);
  });

  it.each(["29/02/2023", "31/04/2024", "2024-13-01", "2024-02-30", "0/1/2024", "31 Feb 2024"])("rejects impossible date %s", async (value) => {
    expect(parseDate(value, dayFirst).ok).toBe(false);
  });

  it("explains a month over 12 with the order the column is read in", async () => {
    const r = parseDate("03/25/2024", { order: "day_first", reason: "as row 7 '25/03/2024' shows", refYear: 2026 });
    expect(r).toEqual({
      ok: false,
      message: "'03/25/2024' is not a date: there is no month 25 (dates in this column are read day/month, as row 7 '25/03/2024' shows).",
    });
  });

  it.each(["yesterday", "2024", "12/2024", "1 Foo 2024", "N/A", "45", "1/2/3/4", "2024-03-07-01"])("rejects %s with a hint", async (value) => {
    const r = parseDate(value, dayFirst);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(`'${value}'`);
  });

  it("rejects implausible years", async () => {
    expect(parseDate("1850-01-01", dayFirst).ok).toBe(false);
    expect(parseDate("01/01/2300", dayFirst).ok).toBe(false);
  });
});

describe("day/month evidence", () => {
  it("a first number over 12 means day first; a second number over 12 means month first", async () => {
    expect(dateOrderEvidence("25/03/2024")).toBe("day_first");
    expect(dateOrderEvidence("03/25/2024")).toBe("month_first");
    expect(dateOrderEvidence("03/04/2024")).toBeNull();
    expect(dateOrderEvidence("2024-03-25")).toBeNull();
    expect(dateOrderEvidence("45000")).toBeNull();
    expect(dateOrderEvidence("32/13/2024")).toBeNull();
  });

  it("day-first evidence wins; without evidence the setting decides", async () => {
    const e = new DateOrderEvidence();
    e.add("03/04/2024", 2);
    expect(e.decide("month_first")).toEqual({ order: "month_first", basis: "setting" });
    e.add("04/13/2024", 3);
    expect(e.decide("day_first")).toEqual({ order: "month_first", basis: "evidence", evidence: { row: 3, value: "04/13/2024" } });
    e.add("13/04/2024", 4);
    expect(e.decide("month_first")).toEqual({ order: "day_first", basis: "evidence", evidence: { row: 4, value: "13/04/2024" } });
  });
});

describe("date columns in a file", () => {
  const file = (rows: string[][], header = "employee_ref,job_title,start_date,end_date") =>
    Buffer.from([header, ...rows.map((r) => r.join(","))].join("\n"), "utf8");
  const starts = (r: Awaited<ReturnType<typeof inspectFile>>) => r.sampleRows.map((s) => s.cells.start_date);

  it("reads one column mixing ISO, UK, month names and Excel serials", async () => {
    const bytes = file([
      ["E1", "Officer", "2024-03-07", ""],
      ["E2", "Officer", "25/12/2023", ""],
      ["E3", "Officer", "7 Mar 2024", ""],
      ["E4", "Officer", "45358", ""],
      ["E5", "Officer", "01/02/2024", ""],
      ["E6", "Officer", "1-2-2024", ""],
      ["E7", "Officer", "1 February 2024", ""],
    ]);
    const r = await inspectFile(bytes, "staff", { dateOrder: "month_first" });
    expect(r.errors).toEqual([]);
    expect(starts(r)).toHaveLength(7);
    const col = r.detected.dateColumns.find((c) => c.field === "start_date")!;
    expect(col).toMatchObject({ order: "day_first", basis: "evidence", evidence: { row: 3, value: "25/12/2023" } });
  });

  it("an ambiguous column with no evidence follows the organisation's setting", async () => {
    const bytes = file([
      ["E1", "Officer", "01/02/2024", ""],
      ["E2", "Officer", "03/04/2024", ""],
    ]);
    const dayFirst = await inspectFile(bytes, "staff", { dateOrder: "day_first" });
    expect(dayFirst.detected.dateColumns[0]).toMatchObject({ field: "start_date", order: "day_first", basis: "setting" });
    const monthFirst = await inspectFile(bytes, "staff", { dateOrder: "month_first" });
    expect(monthFirst.detected.dateColumns[0]).toMatchObject({ field: "start_date", order: "month_first", basis: "setting" });
    expect(monthFirst.detected.dateOrder).toBe("month_first");
    expect((await inspectFile(bytes, "staff")).detected.dateOrder).toBe("day_first");
  });

  it("each column follows its own evidence", async () => {
    const bytes = file([
      ["E1", "Officer", "01/02/2024", "02/13/2025"],
      ["E2", "Officer", "13/04/2024", "03/04/2025"],
    ]);
    const r = await inspectFile(bytes, "staff", { dateOrder: "day_first" });
    expect(r.errors).toEqual([]);
    expect(r.detected.dateColumns.map((c) => [c.field, c.order, c.basis])).toEqual([
      ["start_date", "day_first", "evidence"],
      ["end_date", "month_first", "evidence"],
    ]);
  });

  it("a value contradicting the column's evidence is an error naming the evidence", async () => {
    const bytes = file([
      ["E1", "Officer", "25/03/2024", ""],
      ["E2", "Officer", "03/25/2024", ""],
    ]);
    const r = await inspectFile(bytes, "staff");
    expect(r.errors).toEqual([
      {
        row: 3,
        column: "start_date",
        value: "03/25/2024",
        message: "'03/25/2024' is not a date: there is no month 25 (dates in this column are read day/month, as row 2 '25/03/2024' shows).",
      },
    ]);
  });

  it("31/02/2024 in a file is a row error, not 2 March", async () => {
    const r = await inspectFile(file([["E1", "Officer", "31/02/2024", ""]]), "staff");
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 2, column: "start_date", value: "31/02/2024" });
    expect(r.errors[0].message).toContain("February 2024 has 29 days");
  });
});

describe("DateShapes: the forms a column's dates are written in, most common first", () => {
  // Each cell counts, whether its text was seen before or not (the forms of repeated texts are remembered).
  it.each([
    { cells: ["2024-03-07", "07/03/2024", "07/03/2024", "08/03/2024"], order: "day_first" as const, labels: ["dd/mm/yyyy", "yyyy-mm-dd"] },
    { cells: ["2024-03-07", "2024-03-07", "2024-03-07", "07/03/2024", "3 Mar 2024"], order: "day_first" as const, labels: ["yyyy-mm-dd", "dd/mm/yyyy", "d Mon yyyy"] },
    { cells: ["03/07/24", "03/07/24", "not a date", "not a date", "not a date", "2024/03/07"], order: "month_first" as const, labels: ["mm/dd/yy", "yyyy/mm/dd"] },
    { cells: ["not a date", "45000"], order: "day_first" as const, labels: ["Excel date numbers"] },
  ])("$cells → $labels", ({ cells, order, labels }) => {
    const shapes = new DateShapes();
    for (const c of cells) shapes.add(c);
    expect(shapes.labels(order)).toEqual(labels);
  });
});
