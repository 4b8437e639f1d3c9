/**
 * What kind of file the bytes are, from their first bytes (magic numbers) and, failing that, from whether
 * they read as text. HR users upload the wrong thing often (a PDF of the report, a screenshot, an old .xls):
 * they are told plainly before any mapping page.
 */
export type FileType = "empty" | "xlsx" | "zip" | "xls" | "pdf" | "image" | "archive" | "binary" | "text";

export const NOT_CSV = "This is not a CSV file: save it as CSV or .xlsx from your HR system.";

const WHAT: Record<Exclude<FileType, "empty" | "xlsx" | "text">, string> = {
  zip: "It is a ZIP archive.",
  xls: "It looks like an old Excel .xls workbook (or another Office 97–2003 file): open it in Excel and save it as .xlsx or CSV.",
  pdf: "It is a PDF document.",
  image: "It is an image.",
  archive: "It is a compressed archive.",
  binary: "It contains binary data, not text.",
};

/** The message for a file that cannot be imported, or null for text and .xlsx. */
export function notCsvMessage(type: FileType): string | null {
  if (type === "empty" || type === "xlsx" || type === "text") return null;
  return `${NOT_CSV} ${WHAT[type]}`;
}

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** True when the ZIP's file names (stored uncompressed) include the workbook part of an .xlsx. */
function zipHasWorkbook(bytes: Uint8Array): boolean {
  const needle = ascii("xl/workbook.xml");
  const limit = bytes.length - needle.length;
  outer: for (let i = 0; i <= limit; i++) {
    if (bytes[i] !== needle[0]) continue;
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Control characters other than tab, CR, LF, form feed in the first 8 KB (UTF-16 text has NULs, checked first by the decoder). */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return false;
  let zeros = 0;
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) zeros++;
    else if (b < 9 || (b > 13 && b < 32 && b !== 27)) controls++;
  }
  // UTF-16 text without a byte-order mark: zeros in every other byte, few other controls.
  const pairs = n / 2;
  if (zeros > pairs * 0.6 && controls < n * 0.01) return false;
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return false;
  // A stray NUL or bell in a real CSV is a row error (named by row and column), not a reason to refuse the file.
  return zeros > Math.max(4, n * 0.02) || controls > n * 0.05;
}

export function sniffFileType(bytes: Uint8Array): FileType {
  if (bytes.length === 0) return "empty";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return zipHasWorkbook(bytes) ? "xlsx" : "zip";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "xls";
  if (startsWith(bytes, ascii("%PDF-"))) return "pdf";
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || // PNG
    startsWith(bytes, [0xff, 0xd8, 0xff]) || // JPEG
    startsWith(bytes, ascii("GIF8")) ||
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || // TIFF
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) ||
    (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) ||
    startsWith(bytes, ascii("ftyp"), 4) || // HEIC / AVIF (and MP4)
    (startsWith(bytes, ascii("BM")) && bytes.length > 14 && looksBinary(bytes))
  ) {
    return "image";
  }
  if (
    startsWith(bytes, [0x1f, 0x8b]) || // gzip
    startsWith(bytes, ascii("Rar!")) ||
    startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) // 7z
  ) {
    return "archive";
  }
  return looksBinary(bytes) ? "binary" : "text";
}
