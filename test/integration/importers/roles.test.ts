import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runImport, undoLastImport, type RunImportOptions } from "../../../importers/index";
import { csv, dumpData, fixture, openTestDb, type TestDb } from "./helpers";
import { organisationScope } from "../../helpers/scope";

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(async () => {
  await t.close();
});

async function imp(lines: string[] | Buffer, extra: Partial<RunImportOptions> = {}) {
  return runImport(await organisationScope(t.db, t.organisationId, { actor: "consultant@firm.test", today: "2026-03-01" }), { kind: "roles", fileName: "roles.csv", bytes: Array.isArray(lines) ? csv(lines) : lines, ...extra });
}
const decisions = () => t.db.selectFrom("scope_decisions").selectAll().orderBy("id").execute();

describe("role import", () => {
  it("creates scope decisions from category words, decided by the importer on the import date", async () => {
    const r = await imp([
      "Job Title,Scope,Time Managing %,Reason,Review Date",
      "Head of Housing,Level 5,70%,runs housing services,01/09/2027",
      "Neighbourhood  Manager ,Manager,80,manages the estate team,",
      "Gas Engineer,Front line,0,,",
      "Payroll Officer,N/A,,back office,",
    ]);
    expect(r).toMatchObject({ ok: true, counts: { added: 4 } });
    expect((await decisions()).map((d) => [d.job_title, d.job_title_normalised, d.category, d.time_managing_pct, d.rationale, d.review_date, d.decided_by, d.decided_on])).toEqual([
      ["Head of Housing", "head of housing", "senior_executive", 70, "runs housing services", "2027-09-01", "consultant@firm.test", "2026-03-01"],
      ["Neighbourhood  Manager", "neighbourhood manager", "senior_manager", 80, "manages the estate team", null, "consultant@firm.test", "2026-03-01"],
      ["Gas Engineer", "gas engineer", "frontline", 0, null, null, "consultant@firm.test", "2026-03-01"],
      ["Payroll Officer", "payroll officer", "out_of_scope", null, "back office", null, "consultant@firm.test", "2026-03-01"],
    ]);
  });

  it("updates a changed decision (matched on the normalised title) and leaves unchanged ones and their history alone", async () => {
    await imp(["job_title,category,rationale", "Housing Officer,frontline,", "Income Manager,senior_manager,leads the income team"]);
    // The second file has no rationale column: the existing rationale stands, so the manager-level change is accepted.
    const r = await runImport(await organisationScope(t.db, t.organisationId, { actor: "someone.else", today: "2026-04-01" }), { kind: "roles", fileName: "r2.csv", bytes: csv(["job_title,category", "HOUSING officer,frontline", "income manager,Level 5"]) });
    expect(r.counts).toMatchObject({ added: 0, changed: 1, unchanged: 1 });
    expect(r.changes[0]).toMatchObject({
      action: "update",
      entity: "scope_decision",
      key: "Income Manager",
      fields: [
        { field: "category", before: "senior_manager", after: "senior_executive" },
        { field: "decided_by", before: "consultant@firm.test", after: "someone.else" },
        { field: "decided_on", before: "2026-03-01", after: "2026-04-01" },
      ],
    });
    const rows = await decisions();
    expect(rows.map((d) => [d.job_title, d.category, d.decided_by, d.decided_on])).toEqual([
      ["Housing Officer", "frontline", "consultant@firm.test", "2026-03-01"],
      ["Income Manager", "senior_executive", "someone.else", "2026-04-01"],
    ]);
  });

  it("rejects unknown categories and repeated titles", async () => {
    const r = await imp(["job_title,category", "Housing Officer,frontline", "housing officer,frontline", "Chief Executive,boss"]);
    expect(r.status).toBe("rejected");
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [3, "job_title"],
      [4, "category"],
    ]);
    expect(await decisions()).toEqual([]);
  });

  it("rejects a senior manager or executive decision without a rationale, naming row, column and value", async () => {
    await imp(["job_title,category,rationale", "Housing Officer,frontline,"]);
    const r = await imp(["Job Title,Scope,Reason", "Housing Officer,Manager,", "Director of Homes,Level 5,  ", "Caretaker,frontline,", "Head of Lettings,Manager,runs lettings"]);
    expect(r.status).toBe("rejected");
    expect(r.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [2, "Reason", ""],
      [3, "Reason", ""],
    ]);
    expect(r.errors[0].message).toMatch(/A Senior housing manager decision needs a rationale/);
    // Nothing was written: the file is one transaction.
    expect((await decisions()).map((d) => [d.job_title, d.category])).toEqual([["Housing Officer", "frontline"]]);

    // A file without a rationale column cannot make a title manager-level that has no rationale on record.
    const noColumn = await imp(["job_title,category", "Housing Officer,senior_manager"]);
    expect(noColumn.errors.map((e) => [e.row, e.column, e.value])).toEqual([[2, "rationale", ""]]);
  });

  it("imports both samples and undoes exactly", async () => {
    const a = await imp(fixture("basic/roles.csv"));
    expect(a.ok).toBe(true);
    const before = await dumpData(t.db);
    const b = await imp(fixture("itrent-style/roles.csv"));
    expect(b.ok).toBe(true);
    expect(b.counts.added + b.counts.changed + b.counts.unchanged).toBe(35);
    expect((await undoLastImport(await organisationScope(t.db, t.organisationId, { actor: "x" }), b.importRunId!)).ok).toBe(true);
    expect(await dumpData(t.db)).toEqual(before);
  });
});
