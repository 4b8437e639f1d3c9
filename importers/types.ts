/** Public types of the HR CSV import library. */
import type { ImportKind } from "../db/schema";

export type { ImportKind };
export type ImportMode = "full" | "partial";
export type DateOrder = "day_first" | "month_first";
export type DetectedEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";
export type Delimiter = "," | ";" | "\t" | "|";

/** One problem with the file. `row` is the line a spreadsheet shows (header = 1); 0 = the file as a whole. */
export interface RowError {
  row: number;
  /** The file's header for the cell (or the canonical field when the column is missing); "" for whole-row/file problems. */
  column: string;
  value: string;
  message: string;
}

export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
  maxColumns: number;
  /** Errors listed (and stored) at most; `counts.errors` stays exact. */
  maxErrors: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxRows: 200_000,
  maxColumns: 100,
  maxErrors: 10_000,
};

/** How ambiguous numeric dates (`03/04/2024`) of one column are read, and why. */
export interface DateColumnOrder {
  field: string;
  header: string;
  order: DateOrder;
  basis: "evidence" | "setting";
  /** The value and row that decided it, when `basis` is "evidence". */
  evidence?: { row: number; value: string };
  /** The written forms found, most common first: "yyyy/mm/dd", "dd/mm/yyyy", "d Mon yyyy"… */
  formats: string[];
  /** What to tell the user, e.g. "yyyy/mm/dd" or "dd/mm/yyyy, day first as row 5 '25/03/2024' shows". */
  note: string;
}

export interface Detected {
  /** "xlsx" for an Excel workbook (read from `sheet`), else "csv" (any delimited text). */
  format: "csv" | "xlsx";
  sheet: string | null;
  /** A workbook's sheet names, so the user can pick another. */
  sheets: string[];
  encoding: DetectedEncoding;
  delimiter: Delimiter;
  /** The order used for the date columns (the first column's evidence, else the organisation's setting). */
  dateOrder: DateOrder;
  dateColumns: DateColumnOrder[];
  /** Canonical field → the file's header. */
  mapping: Record<string, string>;
  unmappedHeaders: string[];
  /** The spreadsheet row of the header (1 unless title lines precede it). */
  headerRow: number;
}

export interface Counts {
  rows: number;
  added: number;
  changed: number;
  unchanged: number;
  leavers: number;
  errors: number;
}

export type FieldValue = string | number | null;
export interface FieldChange {
  field: string;
  before: FieldValue;
  after: FieldValue;
}

export type ChangeEntity = "staff" | "qualification_record" | "scope_decision" | "conduct_acknowledgement" | "supervision_meeting" | "training_completion";

export interface PreviewChange {
  action: "insert" | "update" | "leaver";
  entity: ChangeEntity;
  /** Human key: the employee reference, the job title, or "employee ref · qualification". */
  key: string;
  employeeRef?: string;
  jobTitle?: string;
  qualification?: string;
  /** Spreadsheet row the change comes from (null for leavers, who are not in the file). */
  row: number | null;
  fields: FieldChange[];
}

export interface ImportResult {
  ok: boolean;
  dryRun: boolean;
  importRunId: number | null;
  status: "applied" | "rejected" | "dry_run";
  kind: ImportKind;
  mode: ImportMode;
  detected: Detected;
  counts: Counts;
  /** At most `limits.maxErrors`; `counts.errors` is exact. */
  errors: RowError[];
  /** Leavers first, then updates, then inserts; capped at `PREVIEW_LIMIT`; counts are exact. */
  changes: PreviewChange[];
  /** Things worth a look that do not stop the import (e.g. a full import that would mark many leavers). */
  warnings: string[];
  /** The compliance snapshot the apply took in its transaction (`snapshot: true`), else null. */
  snapshotId: number | null;
}

export const PREVIEW_LIMIT = 500;

/** What to import; the organisation, who imports and the import date come from the scope `runImport` is given. */
export interface RunImportOptions {
  kind: ImportKind;
  fileName: string;
  bytes: Uint8Array;
  /** Staff imports: "full" (default; the file is the whole workforce) or "partial". Other kinds are always partial. */
  mode?: ImportMode;
  /** Canonical field → file header (as in the CLI `--mapping` JSON); fields it does not name are auto-mapped; "" = do not import that field. */
  mapping?: Record<string, string>;
  dryRun?: boolean;
  limits?: Partial<ImportLimits>;
  onProgress?: (done: number, total: number | null) => void;
  /** The staged web upload being applied: at most one applied run per token (UploadAlreadyAppliedError). */
  uploadToken?: string;
  /** Excel workbooks: the sheet to read (default: the first). */
  sheet?: string;
  /** How many changes the preview lists (default `PREVIEW_LIMIT`). */
  previewLimit?: number;
  /**
   * Take the compliance snapshot "After <kind> import <id>" in the apply's own transaction, from the rows the import
   * holds (importers/snapshot.ts): a failed or killed import leaves no snapshot either. Conduct imports change no
   * qualification figure and take none.
   */
  snapshot?: boolean;
}

export interface InspectOptions {
  mapping?: Record<string, string>;
  /** The organisation's setting for ambiguous dates; default day first. */
  dateOrder?: DateOrder;
  limits?: Partial<ImportLimits>;
  /** Excel workbooks: the sheet to read (default: the first). */
  sheet?: string;
  /** How many sample rows to return (default 10). */
  sampleSize?: number;
}

export interface InspectResult {
  ok: boolean;
  detected: Detected;
  headers: string[];
  /** Canonical fields of this kind, with whether each is required and which header (if any) it maps to. */
  fields: { field: string; label: string; required: boolean; header: string | null }[];
  missingRequired: string[];
  /** The first rows, keyed by the file's headers. */
  sampleRows: { row: number; cells: Record<string, string> }[];
  rowCount: number;
  /** Problems found without the database (unreadable file, missing columns, bad dates or numbers, duplicates…). */
  errors: RowError[];
  errorCount: number;
  /** Things worth a look on the mapping page (e.g. an unmapped column that looks like a leaving date). */
  warnings: string[];
}

export class ImportUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportUsageError";
  }
}

/** The staged upload has already given an applied import run: applying it again never makes a second run. */
export class UploadAlreadyAppliedError extends Error {
  constructor(readonly importRunId: number) {
    super(`This upload was already applied (import ${importRunId}); it is not applied twice.`);
    this.name = "UploadAlreadyAppliedError";
  }
}
