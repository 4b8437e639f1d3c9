/**
 * db/schema.ts is typed by hand; this test migrates a fresh SQLite database and checks that every table and column
 * the migrations create is in the schema (and nothing more), with the same type (number / text), the same
 * nullability, and that a column the schema lets an insert leave out (Generated, or a ColumnType whose insert type
 * admits undefined) really has a default in the database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, migrateToLatest, type DB } from "../../../db/connection";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const SCHEMA = path.join(ROOT, "db/schema.ts");

type Kind = "number" | "string" | "other";
interface ColumnShape {
  kind: Kind;
  nullable: boolean;
  /** An insert may leave the column out (the database supplies it). */
  insertOptional: boolean;
}
type TableShapes = Map<string, Map<string, ColumnShape>>;

function kindOf(types: readonly ts.Type[]): Kind {
  const real = types.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
  if (real.length > 0 && real.every((t) => t.flags & ts.TypeFlags.NumberLike)) return "number";
  if (real.length > 0 && real.every((t) => t.flags & ts.TypeFlags.StringLike)) return "string";
  return "other";
}

const parts = (t: ts.Type): readonly ts.Type[] => (t.isUnion() ? t.types : [t]);

/** The tables and columns as db/schema.ts declares them (through the type checker, so aliases resolve). */
function declaredSchema(): TableShapes {
  const program = ts.createProgram([SCHEMA], { strict: true, noEmit: true, skipLibCheck: true, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(SCHEMA)!;
  let database: ts.InterfaceDeclaration | undefined;
  source.forEachChild((n) => {
    if (ts.isInterfaceDeclaration(n) && n.name.text === "Database") database = n;
  });
  if (!database) throw new Error("db/schema.ts has no Database interface");
  const tables: TableShapes = new Map();
  for (const table of checker.getTypeAtLocation(database).getProperties()) {
    const columns = new Map<string, ColumnShape>();
    const tableType = checker.getTypeOfSymbolAtLocation(table, database);
    for (const column of tableType.getProperties()) {
      const type = checker.getTypeOfSymbolAtLocation(column, database);
      const select = type.getProperty("__select__");
      const insert = type.getProperty("__insert__");
      const selectType = select ? checker.getTypeOfSymbolAtLocation(select, database) : type;
      const insertType = insert ? checker.getTypeOfSymbolAtLocation(insert, database) : type;
      columns.set(column.getName(), {
        kind: kindOf(parts(selectType)),
        nullable: parts(selectType).some((t) => t.flags & ts.TypeFlags.Null),
        insertOptional: Boolean(column.flags & ts.SymbolFlags.Optional) || parts(insertType).some((t) => t.flags & ts.TypeFlags.Undefined),
      });
    }
    tables.set(table.getName(), columns);
  }
  return tables;
}

/** SQLite's type affinity rules (https://www.sqlite.org/datatype3.html, 3.1) reduced to what TypeScript sees. */
function affinityKind(declared: string): Kind {
  const t = declared.toUpperCase();
  if (t.includes("INT")) return "number";
  if (t.includes("CHAR") || t.includes("CLOB") || t.includes("TEXT")) return "string";
  if (t === "" || t.includes("BLOB")) return "other";
  return "number";
}

interface MigratedColumn {
  kind: Kind;
  nullable: boolean;
  hasDefault: boolean;
  declared: string;
}

let db: DB;
let dir: string;
let migrated: Map<string, Map<string, MigratedColumn>>;
let declared: TableShapes;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-schema-"));
  db = createDatabase(path.join(dir, "fresh.db")).db;
  await migrateToLatest(db);
  const { sql } = await import("kysely");
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(db);
  migrated = new Map();
  for (const { name } of tables.rows) {
    const info = await sql<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>`select * from pragma_table_info(${name})`.execute(db);
    const integerKey = info.rows.filter((c) => c.pk > 0).length === 1 && info.rows.some((c) => c.pk > 0 && c.type.toUpperCase() === "INTEGER");
    migrated.set(
      name,
      new Map(
        info.rows.map((c) => [
          c.name,
          {
            kind: affinityKind(c.type),
            nullable: c.notnull === 0 && c.pk === 0,
            hasDefault: c.dflt_value !== null || (integerKey && c.pk > 0),
            declared: c.type,
          },
        ]),
      ),
    );
  }
  declared = declaredSchema();
}, 120_000);

afterAll(async () => {
  await db?.destroy();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("db/schema.ts matches what the migrations create", () => {
  it("has exactly the migrated tables", () => {
    expect([...declared.keys()].sort()).toEqual([...migrated.keys()].sort());
  });

  it("has exactly each table's columns", () => {
    const drift: string[] = [];
    for (const [table, columns] of migrated) {
      const typed = declared.get(table);
      if (!typed) continue;
      for (const c of columns.keys()) if (!typed.has(c)) drift.push(`${table}.${c} is in the database but not in db/schema.ts`);
      for (const c of typed.keys()) if (!columns.has(c)) drift.push(`${table}.${c} is in db/schema.ts but not in the database`);
    }
    expect(drift).toEqual([]);
  });

  it("types each column as the database stores it, with the same nullability", () => {
    const drift: string[] = [];
    for (const [table, columns] of migrated) {
      for (const [name, actual] of columns) {
        const typed = declared.get(table)?.get(name);
        if (!typed) continue;
        if (typed.kind !== actual.kind) drift.push(`${table}.${name}: schema.ts says ${typed.kind}, the database declares ${actual.declared || "no type"}`);
        if (typed.nullable !== actual.nullable) drift.push(`${table}.${name}: schema.ts says ${typed.nullable ? "nullable" : "not null"}, the database ${actual.nullable ? "allows null" : "is NOT NULL"}`);
      }
    }
    expect(drift).toEqual([]);
  });

  it("lets an insert leave out only the columns the database fills in", () => {
    const drift: string[] = [];
    for (const [table, columns] of migrated) {
      for (const [name, actual] of columns) {
        const typed = declared.get(table)?.get(name);
        if (typed?.insertOptional && !actual.hasDefault && !actual.nullable) drift.push(`${table}.${name}: schema.ts lets an insert omit it, but it is NOT NULL with no default`);
      }
    }
    expect(drift).toEqual([]);
  });

  it("can tell a drift when it sees one", () => {
    expect(affinityKind("integer")).toBe("number");
    expect(affinityKind("text")).toBe("string");
    expect(affinityKind("real")).toBe("number");
    // The checker reads the declared shapes: a known nullable, generated and literal-union column.
    expect(declared.get("staff")?.get("end_date")).toEqual({ kind: "string", nullable: true, insertOptional: false });
    expect(declared.get("staff")?.get("id")).toEqual({ kind: "number", nullable: false, insertOptional: true });
    expect(declared.get("qualification_records")?.get("status")).toMatchObject({ kind: "string", nullable: false });
  });
});
