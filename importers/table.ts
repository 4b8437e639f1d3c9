/**
 * Text → header + rows with PapaParse, one record at a time (`step`): each row is handed on (and validated)
 * as it is read, so a 100,000-row file is held once as text, never as arrays of raw cells. Detects the delimiter (, ; tab |), line
 * endings (CRLF, LF, CR, mixed), and the header row (title lines above it are skipped). Cells are trimmed;
 * blank rows are skipped but still counted, so row numbers match what a spreadsheet shows.
 */
import Papa from "papaparse";
import { decodeBytes } from "./decode";
import { notCsvMessage, sniffFileType } from "./file-type";
import { matchHeader } from "./fields";
import type { Delimiter, DetectedEncoding, ImportKind, ImportLimits, RowError } from "./types";

export interface Table {
  encoding: DetectedEncoding;
  delimiter: Delimiter;
  headerRow: number;
  headers: string[];
  /** Data rows in the file (blank rows excluded), including any beyond the row limit. */
  rowCount: number;
  errors: RowError[];
  /** True when the file could not be read far enough to check its rows (too big, no header, too many columns or rows). */
  fatal: boolean;
}

/** Called once with the header row. */
export type HeaderHandler = (headers: string[], headerRow: number) => void;
/** Called with each non-blank data row (cells trimmed, at most as many as headers). */
export type RowHandler = (row: number, cells: string[]) => void;

const DELIMITERS: Delimiter[] = [",", ";", "\t", "|"];
const SAMPLE_CHARS = 64 * 1024;
const HEADER_SEARCH_ROWS = 20;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-GB");
}

function isBlank(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== "") return false;
  return true;
}

function cleanHeader(cell: string): string {
  return cell.replace(/^\uFEFF/, "").trim();
}

/** How well a record works as this kind's header: distinct canonical fields it matches, plus headers the caller named. */
function headerScore(kind: ImportKind, cells: readonly string[], wanted: readonly string[]): number {
  const fields = new Set<string>();
  let named = 0;
  const lower = new Set(cells.map((c) => cleanHeader(c).toLowerCase()));
  for (const c of cells) {
    const h = cleanHeader(c);
    if (h === "") continue;
    const m = matchHeader(kind, h);
    if (m) fields.add(m.field);
  }
  for (const w of wanted) if (w.trim() !== "" && lower.has(w.trim().toLowerCase())) named++;
  return fields.size + named * 2;
}

interface Layout {
  delimiter: Delimiter;
  /** Index (0-based record number) of the header record. */
  headerIndex: number;
}

/** Tries each delimiter on the first 64 KB: the one whose best header row matches most fields and whose rows agree in width wins. */
function detectLayout(text: string, newline: string, kind: ImportKind, wanted: readonly string[]): Layout {
  let sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  if (text.length > SAMPLE_CHARS) {
    const cut = sample.lastIndexOf(newline);
    if (cut > 0) sample = sample.slice(0, cut);
  }
  let best: { layout: Layout; score: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const records: string[][] = [];
    Papa.parse<string[]>(sample, {
      delimiter,
      newline: newline as "\n",
      skipEmptyLines: false,
      preview: HEADER_SEARCH_ROWS + 30,
      step: (r) => {
        records.push(r.data);
      },
    });
    let headerIndex = -1;
    let headerScoreBest = -1;
    for (let i = 0; i < Math.min(records.length, HEADER_SEARCH_ROWS); i++) {
      if (isBlank(records[i])) continue;
      const s = headerScore(kind, records[i], wanted);
      if (s > headerScoreBest) {
        headerScoreBest = s;
        headerIndex = i;
      }
    }
    if (headerIndex < 0) continue;
    if (headerScoreBest === 0) headerIndex = records.findIndex((r) => !isBlank(r));
    const width = records[headerIndex].length;
    let consistent = 0;
    for (let i = headerIndex + 1; i < records.length; i++) {
      if (!isBlank(records[i]) && records[i].length === width) consistent++;
    }
    const score = headerScoreBest * 10_000 + (width > 1 ? 1_000 : 0) + Math.min(consistent, 999);
    if (!best || score > best.score) best = { layout: { delimiter, headerIndex }, score };
  }
  return best?.layout ?? { delimiter: ",", headerIndex: 0 };
}

/** Picks the newline; a file that mixes CRLF, LF and CR is normalised to LF first (the only time the text is copied). */
function lineEndings(text: string): { text: string; newline: "\n" | "\r\n" | "\r" } {
  if (!text.includes("\r")) return { text, newline: "\n" };
  const count = (s: string) => {
    let n = 0;
    for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + s.length)) n++;
    return n;
  };
  const crlf = count("\r\n");
  const cr = count("\r");
  const lf = count("\n");
  if (crlf === cr && crlf === lf) return { text, newline: "\r\n" };
  if (lf === 0) return { text, newline: "\r" };
  return { text: text.replace(/\r\n?/g, "\n"), newline: "\n" };
}

export interface ReadOptions {
  limits: ImportLimits;
  /** Headers the caller's mapping names (they help find the header row). */
  wantedHeaders?: readonly string[];
  onProgress?: (done: number, total: number | null) => void;
  onHeader?: HeaderHandler;
  onRow?: RowHandler;
  /** Stop after the header row (for matching saved mappings); rows are not read or counted. */
  headerOnly?: boolean;
  /** Problems found before the text (e.g. an unreadable workbook): reported instead of reading. */
  fileErrors?: readonly RowError[];
}

/** Messages for files that are not a table at all, so the CLI, the web and the API say the same. */
export const EMPTY_FILE = "The file is empty (0 bytes): export it again from your HR system.";
export const BLANK_FILE = "The file has only blank lines: there is no header row and no data. Export it again from your HR system.";

export function readTable(bytes: Uint8Array, kind: ImportKind, opts: ReadOptions): Table {
  const { limits } = opts;
  const errors: RowError[] = [];
  const empty = (encoding: DetectedEncoding, delimiter: Delimiter = ","): Table => ({
    encoding,
    delimiter,
    headerRow: 1,
    headers: [],
    rowCount: 0,
    errors,
    fatal: true,
  });
  if (bytes.byteLength > limits.maxBytes) {
    errors.push({
      row: 0,
      column: "",
      value: "",
      message: `The file is ${formatBytes(bytes.byteLength)}; the limit is ${formatBytes(limits.maxBytes)}. Split it or export fewer columns.`,
    });
    return empty("utf-8");
  }
  if (opts.fileErrors && opts.fileErrors.length > 0) {
    errors.push(...opts.fileErrors);
    return empty("utf-8");
  }
  const type = sniffFileType(bytes);
  if (type === "empty") {
    errors.push({ row: 0, column: "", value: "", message: EMPTY_FILE });
    return empty("utf-8");
  }
  if (type === "xlsx") {
    errors.push({ row: 0, column: "", value: "", message: "This Excel workbook could not be read here: save the sheet as CSV and upload that." });
    return empty("utf-8");
  }
  const notCsv = notCsvMessage(type);
  if (notCsv) {
    errors.push({ row: 0, column: "", value: "", message: notCsv });
    return empty("utf-8");
  }
  const decoded = decodeBytes(bytes);
  const { text, newline } = lineEndings(decoded.text);
  if (text.trim() === "") {
    errors.push({ row: 0, column: "", value: "", message: BLANK_FILE });
    return empty(decoded.encoding);
  }
  const layout = detectLayout(text, newline, kind, opts.wantedHeaders ?? []);

  let recordIndex = -1;
  const state: { headers: string[] | null; headerRow: number } = { headers: null, headerRow: layout.headerIndex + 1 };
  let rowCount = 0;
  let fatal = false;
  const quoteErrorsSeen = new Set<number>();

  Papa.parse<string[]>(text, {
    delimiter: layout.delimiter,
    newline: newline as "\n",
    skipEmptyLines: false,
    quoteChar: '"',
    step: (result, parser) => {
      recordIndex++;
      const rowNumber = recordIndex + 1;
      const cells = result.data;
      for (const e of result.errors) {
        if (e.type !== "Quotes" || quoteErrorsSeen.has(rowNumber)) continue;
        quoteErrorsSeen.add(rowNumber);
        errors.push({
          row: rowNumber,
          column: "",
          value: "",
          message:
            e.code === "MissingQuotes"
              ? `A quoted cell on row ${rowNumber} is never closed: the rest of the file after it was read as one cell. Check for a stray " character.`
              : `Row ${rowNumber} has a quoted cell followed by more text (a stray " character); quote the whole cell and double any quotes inside it.`,
        });
      }
      if (recordIndex < layout.headerIndex) return;
      if (state.headers === null) {
        if (isBlank(cells)) return;
        const headers = cells.map(cleanHeader);
        state.headers = headers;
        state.headerRow = rowNumber;
        if (headers.length > limits.maxColumns) {
          errors.push({
            row: rowNumber,
            column: "",
            value: "",
            message: `The file has ${formatCount(headers.length)} columns; the limit is ${formatCount(limits.maxColumns)}.`,
          });
          fatal = true;
          parser.abort();
          return;
        }
        opts.onHeader?.(headers, rowNumber);
        if (opts.headerOnly) parser.abort();
        return;
      }
      const headers = state.headers;
      if (isBlank(cells)) return;
      rowCount++;
      if (rowCount > limits.maxRows) return;
      for (let i = 0; i < cells.length; i++) cells[i] = cells[i].trim();
      if (cells.length > headers.length) {
        const extra = cells.slice(headers.length).filter((c) => c !== "");
        if (extra.length > 0) {
          errors.push({
            row: rowNumber,
            column: "",
            value: extra.join(layout.delimiter),
            message: `Row ${rowNumber} has ${cells.length} cells but the header has ${headers.length} columns; the extra cells have no column (check for an unquoted ${layout.delimiter === "\t" ? "tab" : `'${layout.delimiter}'`} inside a value).`,
          });
        }
        cells.length = headers.length;
      }
      opts.onRow?.(rowNumber, cells);
      if (opts.onProgress && rowCount % 10_000 === 0) opts.onProgress(rowCount, null);
    },
  });

  const headers = state.headers as string[] | null;
  if (headers === null) {
    errors.push({ row: 0, column: "", value: "", message: "The file has no header row: expected column names on the first line." });
    return { ...empty(decoded.encoding, layout.delimiter), errors };
  }
  if (rowCount > limits.maxRows) {
    errors.push({
      row: 0,
      column: "",
      value: "",
      message: `The file has ${formatCount(rowCount)} rows; the limit is ${formatCount(limits.maxRows)}. Split it into smaller files (partial mode).`,
    });
    fatal = true;
  } else if (rowCount === 0 && !fatal && !opts.headerOnly) {
    errors.push({ row: 0, column: "", value: "", message: "The file has a header row but no data rows." });
    fatal = true;
  }
  return {
    encoding: decoded.encoding,
    delimiter: layout.delimiter,
    headerRow: state.headerRow,
    headers,
    rowCount,
    errors,
    fatal,
  };
}
