/** CSV downloads that open right in Excel (UTF-8 with BOM) and never run as formulas in a spreadsheet. */
import Papa from "papaparse";

/** Cells starting with = + - @ tab or carriage return are prefixed with an apostrophe (CSV injection). */
export function neutraliseCell(value: unknown): string {
  if (value == null) return "";
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<unknown>>): string {
  return Papa.unparse({ fields: [...header], data: rows.map((r) => r.map(neutraliseCell)) }, { newline: "\r\n" });
}

export const BOM = "\uFEFF";

export function csvResponse(fileName: string, header: readonly string[], rows: ReadonlyArray<ReadonlyArray<unknown>>): Response {
  const safeName = fileName.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(BOM + toCsv(header, rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${safeName}"`,
      "Cache-Control": "no-store",
    },
  });
}
