/**
 * Everything that can be checked without the database: read the table, map the headers, decide each date
 * column's day/month order, validate every row with zod, and check the file for duplicates.
 */
import { z } from "zod";
import type { CategoryValue, RecordStatusValue } from "../db/schema";
import { dateColumnNote, DateOrderEvidence, DateShapes, isIsoDate, isOrderDependent, parseDate, type DateParse, type DateReading } from "./dates";
import { fieldsOf, resolveMapping, type FieldSpec, type ResolvedMapping } from "./fields";
import { LeavingDateSuspects } from "./leaving-suspects";
import type { Source } from "./source";
import { readTable, type Table } from "./table";
import type { DateColumnOrder, DateOrder, Detected, ImportKind, ImportLimits, RowError } from "./types";
import {
  cutCell,
  cutMessage,
  normaliseJobTitle,
  parseBoolean,
  parseCategory,
  parseEmail,
  parseMeetingKind,
  parseNumber,
  parseStatus,
  parseUnits,
  type Parsed,
} from "./values";

/** A value from the file: undefined = the column is not mapped (leave as is), null = the cell is blank. */
type Cell<T> = T | null | undefined;

export interface StaffRecord {
  row: number;
  employee_ref: string;
  first_name: Cell<string>;
  last_name: Cell<string>;
  email: Cell<string>;
  job_title: string;
  department: Cell<string>;
  location: Cell<string>;
  manager_ref: Cell<string>;
  employer: Cell<string>;
  fte: Cell<number>;
  start_date: Cell<string>;
  role_start_date: Cell<string>;
  end_date: Cell<string>;
  on_probation: Cell<number>;
  probation_end_date: Cell<string>;
}

export interface EnrolmentRecord {
  row: number;
  employee_ref: string;
  qualification: string;
  status: RecordStatusValue;
  provider: Cell<string>;
  enrolled_on: Cell<string>;
  started_on: Cell<string>;
  expected_completion: Cell<string>;
  achieved_on: Cell<string>;
  certificate_ref: Cell<string>;
  pathway: Cell<string>;
  units_achieved: string[] | undefined;
}

export interface RoleRecord {
  row: number;
  job_title: string;
  job_title_normalised: string;
  category: CategoryValue;
  time_managing_pct: Cell<number>;
  rationale: Cell<string>;
  review_date: Cell<string>;
}

/** A conduct evidence row (acknowledgements, supervisions, training): canonical field → parsed value (dates ISO, blank = null). */
export interface ConductRecord {
  row: number;
  employee_ref: string;
  [field: string]: string | number | null | undefined;
}

export type RecordOf<K extends ImportKind> = K extends "staff"
  ? StaffRecord
  : K extends "enrolments"
    ? EnrolmentRecord
    : K extends "roles"
      ? RoleRecord
      : ConductRecord;

/** Collects errors, keeping at most `max` but counting all. */
export class ErrorList {
  readonly items: RowError[] = [];
  count = 0;
  constructor(readonly max: number) {}
  add(e: RowError): void {
    this.count++;
    // A file of huge cells must not become a huge error list (stored, shown and downloaded): cells are cut.
    if (this.items.length < this.max) this.items.push({ row: e.row, column: cutCell(e.column), value: cutCell(e.value), message: cutMessage(e.message) });
  }
  addAll(es: readonly RowError[]): void {
    for (const e of es) this.add(e);
  }
  /** The list as stored and returned: a final line says how many more there were. */
  listed(): RowError[] {
    if (this.count <= this.items.length) return this.items;
    return [
      ...this.items,
      { row: 0, column: "", value: "", message: `… and ${this.count - this.items.length} more errors not listed (fix the ones above first).` },
    ];
  }
}

export interface Prepared<K extends ImportKind = ImportKind> {
  kind: K;
  table: Table;
  detected: Detected;
  resolved: ResolvedMapping;
  /** Valid rows only. */
  records: RecordOf<K>[];
  /** Keys (employee refs / normalised job titles) of rows that failed validation, so full mode does not count them as leavers. */
  invalidKeys: Set<string>;
  /** Canonical fields the file provides (full_name expands to first_name/last_name). */
  providedFields: Set<string>;
  errors: ErrorList;
  /** The file could not be read row by row (too big, no header, a required column missing…). */
  fatal: boolean;
  /** Things worth a look that do not stop the import (e.g. an unmapped column that looks like a leaving date). */
  warnings: string[];
}

/** Longest cell accepted for free text: longer usually means a stray quote swallowed several rows. */
const MAX_TEXT: Record<string, number> = { rationale: 4000, units_achieved: 4000 };
const DEFAULT_MAX_TEXT = 500;
/** Distinct values per column whose check result is remembered (titles, departments, dates, FTEs repeat a lot). */
const MEMO_CAP = 50_000;
/** After this many look-ups a column whose values rarely repeat (references, emails) stops being remembered. */
const MEMO_TRIAL = 4_096;

/** Remembers a column's check results by cell text while that pays off. */
class Memo<T> {
  private readonly map = new Map<string, T>();
  private lookups = 0;
  private hits = 0;
  private on = true;
  get(key: string): T | undefined {
    if (!this.on) return undefined;
    const v = this.map.get(key);
    this.lookups++;
    if (v !== undefined) this.hits++;
    else if (this.lookups === MEMO_TRIAL && this.hits < MEMO_TRIAL / 4) {
      this.on = false;
      this.map.clear();
    }
    return v;
  }
  set(key: string, value: T): void {
    if (this.on && this.map.size < MEMO_CAP) this.map.set(key, value);
  }
}

function cellSchema<T>(spec: FieldSpec, parse: (v: string) => Parsed<T>) {
  return z.string().transform((v, ctx): T | null => {
    if (v === "") {
      if (spec.required) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${spec.label} is required.` });
        return z.NEVER;
      }
      return null;
    }
    const r = parse(v);
    if (!r.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: r.message });
      return z.NEVER;
    }
    return r.value;
  });
}

// eslint-disable-next-line no-control-regex
const FREE_TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

function textSchema(spec: FieldSpec) {
  const max = MAX_TEXT[spec.field] ?? DEFAULT_MAX_TEXT;
  const base = spec.required ? z.string().min(1, `${spec.label} is required.`) : z.string();
  // NUL and the other control characters are refused; tabs and line breaks (inside quoted cells) are kept.
  const control = FREE_TEXT_CONTROL;
  return base
    .max(max, `${spec.label} is longer than ${max} characters; check for a stray quote that joined several rows.`)
    .refine(
      (v) => !control.test(v),
      (v) => {
        const ch = v.match(control)?.[0] ?? "";
        return { message: `${spec.label} contains a control character (U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}), which is not allowed; remove it from the HR system's export.` };
      },
    );
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });

/** Dates whose reading depends on the column's day/month order stay raw until the whole column has been seen. */
const anyOrder: DateReading = { order: "day_first", reason: "", refYear: 2000 };

function fieldParser(kind: ImportKind, spec: FieldSpec, refYear: number): (v: string) => Parsed<unknown> {
  switch (spec.type) {
    case "date": {
      const reading = { ...anyOrder, refYear };
      return (v) => {
        if (isOrderDependent(v)) return ok(v);
        const r = parseDate(v, reading);
        return r.ok ? ok(r.iso) : { ok: false, message: r.message };
      };
    }
    case "number":
      return spec.field === "fte"
        ? (v) => parseNumber(v, { label: "FTE", min: 0, max: 1.5, percent: "fraction", example: "0.8" })
        : (v) => parseNumber(v, { label: spec.label, min: 0, max: 100, percent: "points", example: "80" });
    case "boolean":
      return (v) => {
        const r = parseBoolean(v, spec.label);
        return r.ok ? ok(r.value ? 1 : 0) : r;
      };
    case "email":
      return parseEmail;
    case "status":
      return parseStatus;
    case "category":
      return parseCategory;
    case "meeting_kind":
      return parseMeetingKind;
    case "units":
      return (v) => ok(parseUnits(v));
    case "text":
    case "qualification":
      return (v) => ok(v);
  }
  throw new Error(`unknown field type for ${kind}.${spec.field}`);
}

/**
 * The zod schema of one cell of a field. Numeric day/month dates come out raw (they are read once the
 * whole column has been seen, see `prepare`); free text comes out as is (blank = ""); everything else
 * comes out parsed, blank cells as null.
 */
export function fieldSchema(kind: ImportKind, spec: FieldSpec, refYear: number, catalogue?: QualificationLookup): z.ZodType {
  if (spec.type === "qualification" && catalogue) {
    return textSchema(spec).refine(
      (v) => v === "" || catalogue(v) !== undefined,
      (v) => ({ message: unknownQualification(v) }),
    );
  }
  if (spec.type === "text" || spec.type === "qualification") return textSchema(spec);
  return cellSchema(spec, fieldParser(kind, spec, refYear));
}

/** What a fast check answers when it cannot vouch for a cell: the zod schema decides (and words the error). */
export const ASK_SCHEMA: unique symbol = Symbol("ask the schema");

/**
 * The common case of a cell's check without zod: the value `fieldSchema` would give when the cell is valid, or
 * ASK_SCHEMA. It applies the same rules (the same parsers, limits and control-character test), so the schema stays
 * the source of the rules and the only source of the error messages: a cell it does not vouch for goes to the
 * schema, which passes or fails it. A valid cell never allocates a zod result (100,000 rows × 15 columns).
 */
export function fieldFastCheck(kind: ImportKind, spec: FieldSpec, refYear: number, catalogue?: QualificationLookup): (v: string) => unknown {
  if (spec.type === "text" || spec.type === "qualification") {
    const max = MAX_TEXT[spec.field] ?? DEFAULT_MAX_TEXT;
    const required = spec.required;
    const known = spec.type === "qualification" && catalogue ? catalogue : undefined;
    return (v) =>
      v.length <= max && (v !== "" || !required) && !FREE_TEXT_CONTROL.test(v) && (known === undefined || v === "" || known(v) !== undefined) ? v : ASK_SCHEMA;
  }
  const parse = fieldParser(kind, spec, refYear);
  const required = spec.required;
  return (v) => {
    if (v === "") return required ? ASK_SCHEMA : null;
    const r = parse(v);
    return r.ok ? r.value : ASK_SCHEMA;
  };
}

/** Finds a catalogue qualification by title, code or Ofqual number. */
export type QualificationLookup = (text: string) => { id: number; title: string } | undefined;

export function unknownQualification(value: string): string {
  return `'${cutCell(value)}' is not in the qualification catalogue: use its title, code or Ofqual number (or add it to the catalogue first).`;
}

/** The whole row as one zod object (canonical field → cell text), e.g. for documentation and tests. */
export function rowSchema(kind: ImportKind, fields: readonly string[], refYear: number) {
  const shape: Record<string, z.ZodType> = {};
  for (const spec of fieldsOf(kind)) if (fields.includes(spec.field)) shape[spec.field] = fieldSchema(kind, spec, refYear);
  return z.object(shape);
}

/** "Clarke, Siobhán" → Siobhán / Clarke; "Siobhán Clarke" → Siobhán / Clarke; one word → first name. */
export function splitFullName(full: string): { first: string | null; last: string | null } {
  const text = full.trim().replace(/\s+/g, " ");
  if (text === "") return { first: null, last: null };
  const comma = text.indexOf(",");
  if (comma >= 0) {
    const last = text.slice(0, comma).trim();
    const first = text.slice(comma + 1).trim();
    return { first: first || null, last: last || null };
  }
  const space = text.lastIndexOf(" ");
  if (space < 0) return { first: text, last: null };
  return { first: text.slice(0, space), last: text.slice(space + 1) };
}

/** A record with every field present (undefined = not in the file), so all rows share one object shape. */
function newRecord(kind: ImportKind, row: number): Record<string, unknown> {
  switch (kind) {
    case "staff":
      return {
        row, employee_ref: undefined, first_name: undefined, last_name: undefined, full_name: undefined, email: undefined,
        job_title: undefined, department: undefined, location: undefined, manager_ref: undefined, employer: undefined,
        fte: undefined, start_date: undefined, role_start_date: undefined, end_date: undefined, on_probation: undefined,
        probation_end_date: undefined,
      };
    case "enrolments":
      return {
        row, employee_ref: undefined, qualification: undefined, provider: undefined, status: undefined, enrolled_on: undefined,
        started_on: undefined, expected_completion: undefined, achieved_on: undefined, certificate_ref: undefined,
        pathway: undefined, units_achieved: undefined,
      };
    case "roles":
      return {
        row, job_title: undefined, job_title_normalised: undefined, category: undefined, time_managing_pct: undefined,
        rationale: undefined, review_date: undefined,
      };
    default: {
      // Conduct evidence kinds: their record is their fields.
      const rec: Record<string, unknown> = { row };
      for (const spec of fieldsOf(kind)) rec[spec.field] = undefined;
      return rec;
    }
  }
}

/** By row, then by the column's position in the file. */
export function sortErrors(errors: RowError[], headers: readonly string[]): void {
  const position = new Map<string, number>();
  headers.forEach((h, i) => {
    if (!position.has(h)) position.set(h, i);
  });
  const pos = (c: string) => position.get(c) ?? -1;
  errors.sort((a, b) => a.row - b.row || pos(a.column) - pos(b.column));
}

export interface PrepareOptions {
  mapping?: Record<string, string>;
  dateOrder: DateOrder;
  today: string;
  limits: ImportLimits;
  onProgress?: (done: number, total: number | null) => void;
  /** Enrolments: the organisation's catalogue, so unknown qualifications are row errors here. */
  qualifications?: QualificationLookup;
  /** Where the text came from (a workbook's sheet), and problems found reading it. */
  source?: Pick<Source, "format" | "sheet" | "sheets" | "errors">;
  /** Inspection: sees every raw data row (cells trimmed) before validation. */
  onRawRow?: (row: number, cells: readonly string[], headers: readonly string[]) => void;
}

function isoToday(today: string): number {
  const y = Number(today.slice(0, 4));
  return Number.isFinite(y) && y > 1900 ? y : new Date().getUTCFullYear();
}

export function prepare<K extends ImportKind>(bytes: Uint8Array, kind: K, opts: PrepareOptions): Prepared<K> {
  const errors = new ErrorList(opts.limits.maxErrors);
  const specs = fieldsOf(kind);
  const refYear = isoToday(opts.today);
  const wanted = Object.values(opts.mapping ?? {}).filter((h): h is string => typeof h === "string" && h.trim() !== "");
  const keyField = kind === "roles" ? "job_title" : "employee_ref";
  const records: Record<string, unknown>[] = [];
  const invalidKeys = new Set<string>();

  let resolved: ResolvedMapping = resolveMapping(kind, [], 1, undefined);
  let headerList: string[] = [];
  interface Column {
    field: string;
    index: number;
    header: string;
    date: boolean;
    text: boolean;
    schema: z.ZodType;
    fast: (v: string) => unknown;
    memo: Memo<ReturnType<z.ZodType["safeParse"]>>;
  }
  let mapped: Column[] = [];
  let ready = false;
  let keyIndex = 0;
  let hasFullName = false;
  const evidence = new Map<string, DateOrderEvidence>();
  const shapes = new Map<string, DateShapes>();
  let dateMapped: { field: string; index: number; evidence: DateOrderEvidence; shapes: DateShapes }[] = [];
  const failedDates: { row: number; field: string; value: string }[] = [];
  const firstRowOf = new Map<string, number>();
  let suspects: LeavingDateSuspects | null = null;

  const onHeader = (headers: string[], headerRow: number): void => {
    headerList = headers;
    resolved = resolveMapping(kind, headers, headerRow, opts.mapping);
    errors.addAll(resolved.errors);
    if (kind === "staff") suspects = new LeavingDateSuspects(headers, resolved);
    if (resolved.errors.length > 0) return; // rows are not checked against a mapping that does not work
    mapped = specs
      .filter((s) => resolved.columns.has(s.field))
      .map((s) => {
        const text = s.type === "text" || s.type === "qualification";
        return {
          field: s.field,
          index: resolved.columns.get(s.field)!,
          header: resolved.mapping[s.field],
          date: s.type === "date",
          text,
          schema: fieldSchema(kind, s, refYear, opts.qualifications),
          fast: fieldFastCheck(kind, s, refYear, opts.qualifications),
          memo: new Memo(),
        };
      });
    dateMapped = mapped.filter((m) => m.date).map((m) => ({ field: m.field, index: m.index, evidence: new DateOrderEvidence(), shapes: new DateShapes() }));
    for (const m of dateMapped) {
      evidence.set(m.field, m.evidence);
      shapes.set(m.field, m.shapes);
    }
    ready = true;
    keyIndex = resolved.columns.get(keyField)!;
    hasFullName = resolved.columns.has("full_name");
  };

  const onRow = (row: number, cells: string[]): void => {
    opts.onRawRow?.(row, cells, headerList);
    suspects?.add(cells);
    if (!ready) return;
    for (const d of dateMapped) {
      const v = cells[d.index];
      if (v !== undefined && v !== "") {
        if (d.evidence.dayFirst === null) d.evidence.add(v, row);
        d.shapes.add(v);
      }
    }
    // File check: the same person (or, for roles, job title) twice, whatever else is wrong with either row.
    let failed = false;
    if (kind === "staff" || kind === "roles") {
      const raw = cells[keyIndex] ?? "";
      const key = kind === "roles" ? normaliseJobTitle(raw) : raw;
      if (key !== "") {
        const seen = firstRowOf.get(key);
        if (seen === undefined) firstRowOf.set(key, row);
        else {
          failed = true;
          errors.add({
            row,
            column: resolved.mapping[keyField] ?? keyField,
            value: raw,
            message:
              kind === "staff"
                ? `Employee reference ${key} appears more than once in the file (first on row ${seen}).`
                : `The job title '${raw}' appears more than once in the file (first on row ${seen}); give each title one decision.`,
          });
        }
      }
    }
    const rec = newRecord(kind, row);
    for (const m of mapped) {
      const v = cells[m.index] ?? "";
      // Free text is checked as it comes (a length and a pattern: cheaper than remembering it); parsed fields are
      // remembered by cell text (titles, dates and FTEs repeat). Only a cell the fast check does not vouch for
      // meets the zod schema.
      if (m.text) {
        const value = m.fast(v);
        if (value !== ASK_SCHEMA) {
          rec[m.field] = v === "" ? null : value;
          continue;
        }
      }
      let r = m.memo.get(v);
      if (r === undefined) {
        const value = m.text ? ASK_SCHEMA : m.fast(v);
        r = value !== ASK_SCHEMA ? { success: true as const, data: value } : m.schema.safeParse(v);
        m.memo.set(v, r);
      }
      if (r.success) rec[m.field] = m.text && r.data === "" ? null : r.data;
      else {
        failed = true;
        for (const issue of r.error.issues) errors.add({ row, column: m.header, value: v, message: issue.message });
      }
    }
    if (failed) {
      const key = cells[keyIndex] ?? "";
      if (key !== "") invalidKeys.add(kind === "roles" ? normaliseJobTitle(key) : key);
      // Its numeric dates are still checked once the column's order is known, so every error is listed.
      for (const d of dateMapped) if (typeof rec[d.field] === "string") failedDates.push({ row, field: d.field, value: rec[d.field] as string });
      return;
    }
    if (kind === "staff") {
      if (hasFullName) {
        const full = rec.full_name as string | null;
        const split = full ? splitFullName(full) : { first: null, last: null };
        if (rec.first_name === undefined || (rec.first_name === null && split.first)) rec.first_name = split.first;
        if (rec.last_name === undefined || (rec.last_name === null && split.last)) rec.last_name = split.last;
        rec.full_name = undefined;
      }
    } else if (kind === "roles") {
      rec.job_title_normalised = normaliseJobTitle(rec.job_title as string);
    }
    records.push(rec);
  };

  const table = readTable(bytes, kind, {
    limits: opts.limits,
    wantedHeaders: wanted,
    onProgress: opts.onProgress,
    onHeader,
    onRow,
    fileErrors: opts.source?.errors,
  });
  errors.addAll(table.errors);

  // Date columns: the order of numeric day/month dates follows the column's own evidence, else the setting.
  const dateColumns: DateColumnOrder[] = [];
  const readings = new Map<string, DateReading>();
  for (const d of dateMapped) {
    const decided = evidence.get(d.field)!.decide(opts.dateOrder);
    readings.set(d.field, {
      order: decided.order,
      reason: decided.evidence ? `as row ${decided.evidence.row} '${decided.evidence.value}' shows` : "the organisation's setting",
      refYear,
    });
    dateColumns.push({
      field: d.field,
      header: resolved.mapping[d.field],
      order: decided.order,
      basis: decided.basis,
      evidence: decided.evidence,
      formats: shapes.get(d.field)!.labels(decided.order),
      note: dateColumnNote(shapes.get(d.field)!, decided),
    });
  }
  const firstEvidence = dateColumns.find((c) => c.basis === "evidence");
  const detected: Detected = {
    format: opts.source?.format ?? "csv",
    sheet: opts.source?.sheet ?? null,
    sheets: opts.source?.sheets ?? [],
    encoding: table.encoding,
    delimiter: table.delimiter,
    dateOrder: firstEvidence?.order ?? opts.dateOrder,
    dateColumns,
    mapping: resolved.mapping,
    unmappedHeaders: resolved.unmappedHeaders,
    headerRow: table.headerRow,
  };

  // Numeric dates read now that each column's order is known; rows with an impossible date drop out.
  let valid = records;
  if (dateMapped.length > 0) {
    valid = [];
    const memos = new Map(dateMapped.map((d) => [d.field, new Memo<DateParse>()]));
    for (const rec of records) {
      let good = true;
      for (const d of dateMapped) {
        const v = rec[d.field];
        if (typeof v !== "string" || isIsoDate(v)) continue;
        const memo = memos.get(d.field)!;
        let r = memo.get(v);
        if (r === undefined) {
          r = parseDate(v, readings.get(d.field)!);
          memo.set(v, r);
        }
        if (r.ok) rec[d.field] = r.iso;
        else {
          good = false;
          errors.add({ row: rec.row as number, column: resolved.mapping[d.field], value: v, message: r.message });
        }
      }
      if (good) valid.push(rec);
      else invalidKeys.add(kind === "roles" ? (rec.job_title_normalised as string) : (rec.employee_ref as string));
    }
    for (const f of failedDates) {
      if (isIsoDate(f.value)) continue;
      const r = parseDate(f.value, readings.get(f.field)!);
      if (!r.ok) errors.add({ row: f.row, column: resolved.mapping[f.field], value: f.value, message: r.message });
    }
  }

  sortErrors(errors.items, table.headers);

  const providedFields = new Set(resolved.columns.keys());
  if (providedFields.has("full_name")) {
    providedFields.add("first_name");
    providedFields.add("last_name");
    providedFields.delete("full_name");
  }
  return {
    kind,
    table,
    detected,
    resolved,
    records: valid as unknown as RecordOf<K>[],
    invalidKeys,
    providedFields,
    errors,
    fatal: table.fatal || resolved.errors.length > 0,
    warnings: (suspects as LeavingDateSuspects | null)?.warnings() ?? [],
  };
}
