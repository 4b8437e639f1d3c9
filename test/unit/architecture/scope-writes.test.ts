/**
 * Nothing under app/models/, importers/ or db/seed* writes to an organisation table except through the organisation
 * scope (`scope.write(async (w) => …)`), or reads one except through an organisation reader (the scope, its writer,
 * `new OrganisationReader(db, id)`), whose `selectFrom` carries the organisation filter by construction; see
 * test/unit/architecture/find-unscoped-writes.ts for what counts.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { coveredFiles, findUnscopedWrites, ROOT, type UnscopedWrite } from "./find-unscoped-writes";

/**
 * Files still being moved onto the scope. When you convert one, delete its line here in the same commit; a file
 * listed here that no longer writes around the scope fails the test, so the list only shrinks. By the end: empty.
 */
export const NOT_YET_ON_THE_SCOPE: readonly string[] = [];

/**
 * Reads that are across organisations by nature, each with why; every other read of an organisation table starts
 * from a reader. A file listed here that no longer reads around a reader fails the test.
 */
export const ACROSS_ORGANISATIONS: Readonly<Record<string, string>> = {
  "app/models/memberships.server.ts": "the organisations a user may open: a user's memberships span organisations",
  "app/models/users.server.ts": "the administrator's list of users with the organisations each may open",
  "app/models/portfolio.server.ts": "the portfolio asks, in one batched query, when each of the organisations a consultant may see last imported",
  "db/seed-demo.ts": "the shared qualification catalogue (organisation_id null), before any organisation exists",
};

const SNIPPETS = path.join(ROOT, "test/unit/architecture/__snippets__");
const snippet = (name: string) => path.join(SNIPPETS, `${name}.ts`);
const header = `
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../../db/schema";
import type { OrganisationReader, OrganisationScope, OrganisationWriter } from "../../../../app/models/organisation-scope.server";
`;

/** Writes the rule must catch, one per snippet file. */
const OFFENDING: Record<string, { source: string; tables: string[] }> = {
  "builder-on-the-database": {
    source: `export async function f(db: Kysely<Database>) { await db.insertInto("staff").values({} as never).execute(); }`,
    tables: ["staff"],
  },
  "builder-in-a-transaction": {
    source: `export async function f(db: Kysely<Database>) {
      await db.transaction().execute(async (trx) => { await trx.updateTable("qualification_records").set({ notes: "x" }).execute(); });
    }`,
    tables: ["qualification_records"],
  },
  "transaction-smuggled-past-the-writer": {
    source: `export async function f(scope: OrganisationScope, trx: Transaction<Database>) {
      await scope.write(async (w) => { await trx.deleteFrom("absences").execute(); await w.audit({ action: "a", entity: "e", summary: "s" }); });
    }`,
    tables: ["absences"],
  },
  "child-table": {
    source: `export async function f(trx: Transaction<Database>) { await trx.insertInto("import_row_errors").values({} as never).execute(); }`,
    tables: ["import_row_errors"],
  },
  "table-named-at-run-time": {
    source: `export async function f(trx: Transaction<Database>, table: string, either: "staff" | "users") {
      await trx.deleteFrom(table as "staff").execute();
      await (trx as Kysely<any>).deleteFrom(table).execute();
      await trx.updateTable(either).set({}).execute();
    }`,
    tables: ["staff", "(a table named at run time)", "staff"],
  },
  "raw-sql": {
    source: `export async function f(db: Kysely<Database>, id: number) {
      await sql\`delete from staff where id = \${id}\`.execute(db);
      await sql\`UPDATE "scope_decisions" SET category = 'frontline'\`.execute(db);
    }`,
    tables: ["staff", "scope_decisions"],
  },
  "raw-sql-with-a-spliced-table": {
    source: `export const statement = (table: string) => \`insert into "\${table}" (id) values (?)\`;`,
    tables: ["(a table spliced into SQL at run time)"],
  },
};

/** Reads the rule must catch. */
const OFFENDING_READS: Record<string, { source: string; tables: string[] }> = {
  "read-on-the-database": {
    source: `export async function f(db: Kysely<Database>, organisationId: number) { return db.selectFrom("staff").selectAll().where("organisation_id", "=", organisationId).execute(); }`,
    tables: ["staff"],
  },
  "read-in-a-transaction": {
    source: `export async function f(trx: Transaction<Database>) { return trx.selectFrom("qualification_records as r").select("r.id").execute(); }`,
    tables: ["qualification_records"],
  },
};

/** Code the rule must accept. */
const ACCEPTED: Record<string, string> = {
  "through-the-writer": `export async function f(scope: OrganisationScope) {
    await scope.write(async (w) => {
      await w.insertInto("staff", {} as never).execute();
      await w.updateTable("qualification_records").set({ notes: "x" }).execute();
      await w.deleteFromChild("import_row_errors").execute();
      await w.audit({ action: "a", entity: "e", summary: "s" });
    });
  }`,
  "writer-passed-on": `interface Ctx { w: OrganisationWriter }
  async function helper(ctx: Ctx) { const { w } = ctx; await ctx.w.deleteFrom("absences").execute(); await w.deleteFrom("staff").execute(); }
  export async function f(scope: OrganisationScope) { await scope.write((w) => helper({ w }), { unaudited: "test" }); }`,
  "tables-outside-any-organisation": `export async function f(db: Kysely<Database>) {
    await db.updateTable("users").set({ name: "x" }).execute();
    await db.deleteFrom("sessions").execute();
    await sql\`update organisations set revision = revision + 1\`.execute(db);
  }`,
  "prose-is-not-sql": `export const message = "Could not update staff records; delete from the list first";`,
  "reads-through-a-reader": `export async function f(scope: OrganisationScope, reader: OrganisationReader, db: Kysely<Database>) {
    await scope.selectFrom("staff").selectAll().execute();
    await reader.selectFrom("absences as a").select("a.id").execute();
    await scope.write(async (w) => { await w.selectFrom("scope_decisions").selectAll().execute(); }, { unaudited: "test" });
    await db.selectFrom("users").selectAll().execute();
  }`,
};

let found: UnscopedWrite[] = [];
let findings: UnscopedWrite[] = [];
let reads: UnscopedWrite[] = [];
const inFile = (file: string, among = findings) => among.filter((f) => f.file === path.relative(ROOT, file));

beforeAll(() => {
  const extra = new Map<string, string>();
  for (const [name, { source }] of Object.entries(OFFENDING)) extra.set(snippet(name), header + source);
  for (const [name, { source }] of Object.entries(OFFENDING_READS)) extra.set(snippet(name), header + source);
  for (const [name, source] of Object.entries(ACCEPTED)) extra.set(snippet(name), header + source);
  found = findUnscopedWrites(coveredFiles(), extra);
  findings = found.filter((f) => f.access === "write");
  reads = found.filter((f) => f.access === "read");
}, 180_000);

describe("writes to organisation data go through the organisation scope", () => {
  it("covers the models, the importers and the seed", () => {
    const files = coveredFiles().map((f) => path.relative(ROOT, f));
    expect(files).toContain("importers/staff.ts");
    expect(files).toContain("app/models/people.server.ts");
    expect(files.some((f) => f.startsWith("db/seed"))).toBe(true);
    expect(files).not.toContain("app/models/organisation-scope.server.ts");
  });

  it("no module writes around the scope except those still being converted", () => {
    const offenders = findings.filter((f) => !f.file.startsWith("test/") && !NOT_YET_ON_THE_SCOPE.includes(f.file));
    expect(offenders.map((f) => `${f.file}:${f.line} writes ${f.table} outside scope.write: ${f.text}`)).toEqual([]);
  });

  it("every file on NOT_YET_ON_THE_SCOPE still needs converting (delete its line once it is on the scope)", () => {
    const converted = NOT_YET_ON_THE_SCOPE.filter((file) => !findings.some((f) => f.file === file));
    expect(converted).toEqual([]);
  });
});

describe("reads of organisation data start from an organisation reader", () => {
  it("no module reads an organisation table around a reader except the reads across organisations listed", () => {
    const offenders = reads.filter((f) => !f.file.startsWith("test/") && !(f.file in ACROSS_ORGANISATIONS));
    expect(offenders.map((f) => `${f.file}:${f.line} reads ${f.table} without the organisation scope: ${f.text}`)).toEqual([]);
  });

  it("every file listed as reading across organisations still does", () => {
    expect(Object.keys(ACROSS_ORGANISATIONS).filter((file) => !reads.some((f) => f.file === file))).toEqual([]);
  });
});

describe("the rule itself", () => {
  for (const [name, { tables }] of Object.entries(OFFENDING_READS)) {
    it(`catches ${name.replace(/-/g, " ")}`, () => {
      expect(inFile(snippet(name), reads).map((f) => f.table)).toEqual(tables);
    });
  }
  for (const [name, { tables }] of Object.entries(OFFENDING)) {
    it(`catches ${name.replace(/-/g, " ")}`, () => {
      expect(inFile(snippet(name)).map((f) => f.table)).toEqual(tables);
    });
  }
  for (const name of Object.keys(ACCEPTED)) {
    it(`accepts ${name.replace(/-/g, " ")}`, () => {
      expect(inFile(snippet(name), found)).toEqual([]);
    });
  }
});
