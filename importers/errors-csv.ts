/** The rejected rows as a CSV the HR lead can open in Excel next to the file (row, column, value, message). */
import type { RowError } from "./types";

/** Cells Excel would run as formulas are prefixed with an apostrophe (CSV injection). */
function cell(value: string): string {
  let v = value;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function errorsToCsv(errors: readonly RowError[], opts: { bom?: boolean } = {}): string {
  const lines = ["row,column,value,message"];
  for (const e of errors) lines.push([String(e.row), cell(e.column), cell(e.value), cell(e.message)].join(","));
  return (opts.bom === false ? "" : "\uFEFF") + lines.join("\r\n") + "\r\n";
}
