/**
 * Bytes → text. A byte-order mark decides (UTF-8, UTF-16 LE/BE); without one, bytes that are valid UTF-8
 * are UTF-8, UTF-16 without a mark is recognised by its zero bytes, and anything else is Windows-1252
 * (what Excel "CSV" on a UK Windows PC writes), so Zoë, Siobhán and Müller come out right either way.
 */
import { Buffer, isUtf8 } from "node:buffer";
import iconv from "iconv-lite";
import type { DetectedEncoding } from "./types";

export interface DecodedText {
  text: string;
  encoding: DetectedEncoding;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** UTF-16 without a byte-order mark: text in Latin script has a zero in every other byte. */
function sniffUtf16(buf: Buffer): "utf-16le" | "utf-16be" | null {
  const n = Math.min(buf.length - (buf.length % 2), 4096);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZeros++;
    if (buf[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.05) return "utf-16le";
  if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.05) return "utf-16be";
  return null;
}

export function decodeBytes(bytes: Uint8Array): DecodedText {
  const buf = asBuffer(bytes);
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.toString("utf8", 3), encoding: "utf-8-bom" };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: buf.toString("utf16le", 2, buf.length - (buf.length % 2)), encoding: "utf-16le" };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: iconv.decode(buf.subarray(2), "utf-16be"), encoding: "utf-16be" };
  }
  const utf16 = sniffUtf16(buf);
  if (utf16 === "utf-16le") return { text: buf.toString("utf16le", 0, buf.length - (buf.length % 2)), encoding: "utf-16le" };
  if (utf16 === "utf-16be") return { text: iconv.decode(buf, "utf-16be"), encoding: "utf-16be" };
  if (isUtf8(buf)) return { text: buf.toString("utf8"), encoding: "utf-8" };
  return { text: iconv.decode(buf, "windows-1252"), encoding: "windows-1252" };
}
