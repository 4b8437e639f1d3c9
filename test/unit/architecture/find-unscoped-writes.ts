/**
 * Finds writes to organisation data that bypass the organisation scope (app/models/organisation-scope.server.ts).
 *
 * An organisation table is one with an `organisation_id` column in db/schema.ts, or a child table named in
 * CHILD_TABLES. A write bypasses the scope when it is
 *  - a Kysely `insertInto / replaceInto / updateTable / deleteFrom / mergeInto` call on anything but the scope's
 *    writer (the `w` of `scope.write(async (w) => …)`, typed OrganisationWriter) naming an organisation table, or a
 *    table the checker cannot pin to literal names;
 *  - SQL text (a `sql` template, a string handed to `CompiledQuery.raw`, `prepare` or `exec`) that inserts into,
 *    updates or deletes from an organisation table, or from a table spliced in at run time.
 * The receiver's type comes from the TypeScript checker, so a writer passed on to a helper, held in a context
 * object or destructured still counts as the writer; a `Transaction<Database>` never does.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { CHILD_TABLES } from "../../../app/models/organisation-scope.server";

export const ROOT = path.resolve(import.meta.dirname, "../../..");
const SCOPE_MODULE = path.join(ROOT, "app/models/organisation-scope.server.ts");
const SCHEMA_MODULE = path.join(ROOT, "db/schema.ts");

export interface UnscopedWrite {
  /** A write (insert, update, delete) or a read (`selectFrom`) that bypasses the scope. */
  access: "write" | "read";
  /** Path relative to the repository root. */
  file: string;
  line: number;
  table: string;
  text: string;
}

const BUILDER_WRITES = new Set(["insertInto", "replaceInto", "updateTable", "deleteFrom", "mergeInto"]);
/** A read starts from its table: on anything but an organisation reader (the scope, its writer, a reader) it carries
 * no organisation filter by construction. Joins from a scoped table reach rows of the same organisation. */
const BUILDER_READS = new Set(["selectFrom"]);
/** SQL that writes, with the table name (or a run-time splice, marked \u0000) after it. */
const SQL_WRITE = [
  /\b(?:insert(?:\s+or\s+\w+)?\s+into|replace\s+into|delete\s+from)\s*(?:[`"]([A-Za-z_]\w*)[`"]|([A-Za-z_]\w*)|[`"]?(\u0000)|$)/gi,
  /\bupdate(?:\s+or\s+\w+)?\s+(?:[`"]([A-Za-z_]\w*)[`"]|([A-Za-z_]\w*)|[`"]?(\u0000)[`"]?)(?:\s+(?:as\s+)?\w+)?\s+set\b/gi,
];
const SPLICE = "\u0000";

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : walk(full);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** Every module the rule covers: app/models/**, importers/**, db/seed* (files or folders). */
export function coveredFiles(): string[] {
  const db = path.join(ROOT, "db");
  const seeds = fs
    .readdirSync(db, { withFileTypes: true })
    .filter((e) => e.name.startsWith("seed"))
    .flatMap((e) => (e.isDirectory() ? walk(path.join(db, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(db, e.name)] : []));
  return [...walk(path.join(ROOT, "app/models")), ...walk(path.join(ROOT, "importers")), ...seeds]
    .filter((f) => path.resolve(f) !== SCOPE_MODULE)
    .sort();
}

function compilerOptions(): ts.CompilerOptions {
  const read = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT);
  return { ...parsed.options, noEmit: true };
}

/**
 * Tables with an organisation_id that hold no organisation data yet, so their writes need neither an audit event
 * nor a revision bump: staged_uploads is a file waiting to be imported (decision 0052), written by
 * app/models/import-staging.server.ts with its organisation in every condition.
 */
export const WORKING_TABLES = new Set(["staged_uploads"]);

/** Organisation tables, read from db/schema.ts (the Database interface) and CHILD_TABLES. */
export function organisationTables(): Set<string> {
  const source = ts.createSourceFile(SCHEMA_MODULE, fs.readFileSync(SCHEMA_MODULE, "utf8"), ts.ScriptTarget.ES2022, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  source.forEachChild((n) => {
    if (ts.isInterfaceDeclaration(n)) interfaces.set(n.name.text, n);
  });
  const database = interfaces.get("Database");
  if (!database) throw new Error("db/schema.ts has no Database interface");
  const tables = new Set<string>(Object.keys(CHILD_TABLES));
  for (const member of database.members) {
    if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeReferenceNode(member.type)) continue;
    const table = member.name.getText(source).replace(/["']/g, "");
    const shape = interfaces.get(member.type.typeName.getText(source));
    if (WORKING_TABLES.has(table)) continue;
    if (shape?.members.some((m) => ts.isPropertySignature(m) && m.name.getText(source) === "organisation_id")) tables.add(table);
  }
  return tables;
}

/**
 * Whether `type` is the scope module's class `name` or a subclass of it (a union only when every member is). The
 * writer (`OrganisationWriter`) may write; a reader (`OrganisationReader`: the scope, its writer or a plain reader)
 * reads with the organisation filter on.
 */
function isScopeClass(checker: ts.TypeChecker, type: ts.Type, name: "OrganisationWriter" | "OrganisationReader", depth = 0): boolean {
  if (type.isUnion()) return type.types.every((t) => isScopeClass(checker, t, name, depth));
  const symbol = type.getSymbol();
  if (symbol?.getName() === name && (symbol.getDeclarations() ?? []).some((d) => path.resolve(d.getSourceFile().fileName) === SCOPE_MODULE)) return true;
  if (depth < 5 && type.isClassOrInterface()) return checker.getBaseTypes(type).some((b) => isScopeClass(checker, b, name, depth + 1));
  return false;
}

/** Literal table names a table argument can take, or null when the checker cannot pin them down. */
function tableNames(checker: ts.TypeChecker, arg: ts.Expression | undefined): string[] | null {
  if (!arg) return null;
  if (ts.isStringLiteralLike(arg)) return [arg.text.split(/\s+as\s+/i)[0].trim()];
  // `insertInto("staff as s")` and `insertInto(sql.table(...))` style: take the literal type if there is one.
  const type = checker.getTypeAtLocation(arg);
  const parts = type.isUnion() ? type.types : [type];
  if (parts.every((p) => p.isStringLiteral())) return parts.map((p) => (p as ts.StringLiteralType).value.split(/\s+as\s+/i)[0].trim());
  return null;
}

function templateText(node: ts.TemplateExpression | ts.NoSubstitutionTemplateLiteral | ts.StringLiteral): string {
  if (!ts.isTemplateExpression(node)) return node.text;
  return node.head.text + node.templateSpans.map((s) => SPLICE + s.literal.text).join("");
}

/**
 * Unscoped writes in the given files (absolute paths), checked with one TypeScript program. `extra` adds files that
 * exist only in memory (path inside the repository → source), for testing the rule itself.
 */
export function findUnscopedWrites(files: readonly string[], extra: ReadonlyMap<string, string> = new Map(), tables = organisationTables()): UnscopedWrite[] {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError, fresh) => {
    const text = extra.get(path.resolve(name));
    return text === undefined ? getSourceFile(name, language, onError, fresh) : ts.createSourceFile(name, text, language, true);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => extra.has(path.resolve(name)) || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => extra.get(path.resolve(name)) ?? readFile(name);
  const program = ts.createProgram({ rootNames: [...files, ...extra.keys()], options, host });
  const checker = program.getTypeChecker();
  const found: UnscopedWrite[] = [];
  for (const file of [...files, ...extra.keys()]) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`Not compiled: ${file}`);
    const relative = path.relative(ROOT, file);
    const report = (node: ts.Node, table: string, text = node.getText(source), access: UnscopedWrite["access"] = "write") => {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push({ access, file: relative, line: line + 1, table, text: text.split("\n")[0].slice(0, 120) });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && BUILDER_READS.has(node.expression.name.text)) {
        const receiver = checker.getTypeAtLocation(node.expression.expression);
        if (!isScopeClass(checker, receiver, "OrganisationReader")) {
          const names = tableNames(checker, node.arguments[0]);
          const call = node.expression;
          const text = `${call.expression.getText(source).replace(/\s+/g, " ").slice(-40)}.${call.name.text}(${node.arguments[0]?.getText(source) ?? ""})`;
          const named = (names ?? []).filter((n) => tables.has(n) || WORKING_TABLES.has(n));
          if (named.length > 0) report(call.name, named.join(" | "), text, "read");
        }
      } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && BUILDER_WRITES.has(node.expression.name.text)) {
        const receiver = checker.getTypeAtLocation(node.expression.expression);
        if (!isScopeClass(checker, receiver, "OrganisationWriter")) {
          const names = tableNames(checker, node.arguments[0]);
          const call = node.expression;
          const text = `${call.expression.getText(source).replace(/\s+/g, " ").slice(-40)}.${call.name.text}(${node.arguments[0]?.getText(source) ?? ""})`;
          if (names === null) report(call.name, "(a table named at run time)", text);
          else {
            const named = names.filter((n) => tables.has(n));
            if (named.length > 0) report(call.name, named.join(" | "), text);
          }
        }
      } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
        // Import specifiers and property names are not SQL.
        if (!ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent) && !ts.isExternalModuleReference(node.parent)) {
          const text = templateText(node);
          for (const match of SQL_WRITE.flatMap((re) => [...text.matchAll(re)])) {
            const name = match[1] ?? match[2];
            if (name) {
              if (tables.has(name)) report(node, name);
            } else report(node, "(a table spliced into SQL at run time)");
          }
        }
        if (ts.isTemplateExpression(node)) node.templateSpans.forEach((s) => visit(s.expression));
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
