/**
 * The uploaded file as delimited text, whatever it was: CSV/TSV text passes through; an Excel workbook
 * (.xlsx) is read with read-excel-file — the first sheet, or the sheet asked for — and written out as CSV
 * (dates as yyyy-mm-dd, numbers as Excel shows them), so the rest of the pipeline reads every file the same
 * way and row numbers still match what Excel shows. Other binary files are refused with a plain message.
 */
import { Buffer } from "node:buffer";
import Papa from "papaparse";
type ReadExcelFile = typeof import("read-excel-file/node").default;
import { decodeBytes } from "./decode";
import { notCsvMessage, sniffFileType, type FileType } from "./file-type";
import { BLANK_FILE, EMPTY_FILE, readTable } from "./table";
import { DEFAULT_LIMITS, type ImportKind, type RowError } from "./types";

export type SourceFormat = "csv" | "xlsx";

export interface Source {
  format: SourceFormat;
  /** Delimited text (CSV for workbooks); passed on to the table reader. */
  bytes: Uint8Array;
  /** Workbooks: the sheet read and every sheet's name. */
  sheet: string | null;
  sheets: string[];
  /** Workbooks: the sheets that have any data. */
  sheetsWithData: string[];
  /** Problems reading the workbook (unreadable, no such sheet, empty sheet): the import cannot go on. */
  errors: RowError[];
  fileType: FileType;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** One cell as text, the way a person would type it. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return "";
    const date = `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const h = value.getUTCHours();
    const m = value.getUTCMinutes();
    return h === 0 && m === 0 ? date : `${date} ${pad(h)}:${pad(m)}`;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    // 15 significant digits, as Excel shows them (0.1 + 0.2 stored as 0.30000000000000004 reads 0.3).
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  return String(value);
}

function fileError(message: string): RowError {
  return { row: 0, column: "", value: "", message };
}

function isBlankRow(row: readonly unknown[]): boolean {
  return row.every((c) => cellText(c).trim() === "");
}

/** Reads an .xlsx workbook's sheet into CSV text. */
async function readWorkbook(bytes: Uint8Array, wanted: string | undefined): Promise<Source> {
  const base = { format: "xlsx" as const, fileType: "xlsx" as const };
  // Loaded when a spreadsheet is read, not at start-up (decision 0057).
  const { default: readExcelFile } = await import("read-excel-file/node");
  let sheets: Awaited<ReturnType<ReadExcelFile>>;
  try {
    sheets = await readExcelFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      bytes: new Uint8Array(),
      sheet: null,
      sheets: [],
      sheetsWithData: [],
      errors: [fileError(`The Excel file could not be read (${detail}): open it in Excel, save it again as .xlsx or CSV, and upload that.`)],
    };
  }
  const names = sheets.map((s) => s.sheet);
  const withData = sheets.filter((s) => !(s.data as unknown[][]).every(isBlankRow));
  // Default: the first sheet, passing over empty ones (a blank "Sheet1" left before the data).
  const chosen = wanted === undefined || wanted === "" ? withData[0] ?? sheets[0] : sheets.find((s) => s.sheet === wanted) ?? sheets.find((s) => s.sheet.trim().toLowerCase() === wanted.trim().toLowerCase());
  if (!chosen) {
    return { ...base, bytes: new Uint8Array(), sheet: null, sheets: names, sheetsWithData: withData.map((s) => s.sheet), errors: [fileError(`The workbook has no sheet '${wanted}' (its sheets: ${names.join(", ")}).`)] };
  }
  const rows = chosen.data as unknown[][];
  if (rows.every(isBlankRow)) {
    const others = withData.map((s) => `'${s.sheet}'`);
    const hint = others.length > 0 ? ` Choose the sheet with the data (${others.join(", ")}).` : " Save the workbook again with the data in it.";
    return { ...base, bytes: new Uint8Array(), sheet: chosen.sheet, sheets: names, sheetsWithData: withData.map((s) => s.sheet), errors: [fileError(`The sheet '${chosen.sheet}' is empty.${hint}`)] };
  }
  const text = Papa.unparse(
    rows.map((r) => r.map(cellText)),
    { newline: "\n", quotes: false },
  );
  return { ...base, bytes: Buffer.from(`${text}\n`, "utf8"), sheet: chosen.sheet, sheets: names, sheetsWithData: withData.map((s) => s.sheet), errors: [] };
}

/**
 * The file as delimited text; `sheet` picks a workbook's sheet (default: the first). A file over `maxBytes`
 * is passed on unread, for the table reader to refuse.
 */
export async function readSource(bytes: Uint8Array, opts: { sheet?: string; maxBytes?: number } = {}): Promise<Source> {
  const fileType = sniffFileType(bytes);
  if (fileType === "xlsx" && (opts.maxBytes === undefined || bytes.byteLength <= opts.maxBytes)) return readWorkbook(bytes, opts.sheet);
  return { format: "csv", bytes, sheet: null, sheets: [], sheetsWithData: [], errors: [], fileType };
}

/**
 * Checks an upload before any mapping page: a 0-byte file, a file of blank lines, a file that is not a
 * table (PDF, image, .xls, ZIP…) and a workbook with no data each get their own message. Null = go on.
 */
export async function uploadProblem(bytes: Uint8Array): Promise<string | null> {
  const type = sniffFileType(bytes);
  if (type === "empty") return EMPTY_FILE;
  const notCsv = notCsvMessage(type);
  if (notCsv) return notCsv;
  if (type === "xlsx") {
    const source = await readSource(bytes);
    if (source.sheets.length === 0 && source.errors.length > 0) return source.errors[0].message;
    if (source.sheetsWithData.length === 0) return `Every sheet of this workbook is empty (${source.sheets.map((s) => `'${s}'`).join(", ")}): save it again from your HR system with the data in it.`;
    return null;
  }
  if (decodeBytes(bytes).text.trim() === "") return BLANK_FILE;
  return null;
}

/** The header row of a file (CSV or a workbook's sheet), without reading its rows; [] if it has none. */
export async function readHeaders(bytes: Uint8Array, kind: ImportKind, opts: { sheet?: string; wantedHeaders?: readonly string[] } = {}): Promise<string[]> {
  const source = await readSource(bytes, { sheet: opts.sheet, maxBytes: DEFAULT_LIMITS.maxBytes });
  if (source.errors.length > 0) return [];
  const table = readTable(source.bytes, kind, { limits: DEFAULT_LIMITS, headerOnly: true, wantedHeaders: opts.wantedHeaders });
  return table.headers;
}
