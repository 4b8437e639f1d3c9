import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeBytes } from "../../../importers/decode";
import { inspectFile } from "../../../importers/index";

const TEXT = "employee_ref,first_name,last_name,job_title\nE1,Zoë,Müller,Housing Officer\nE2,Siobhán,O'Brien,Income Officer\n";

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, "utf16le");
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return be;
}

describe("decodeBytes", () => {
  it("reads UTF-8 without a byte-order mark", async () => {
    const d = decodeBytes(Buffer.from(TEXT, "utf8"));
    expect(d).toEqual({ text: TEXT, encoding: "utf-8" });
  });

  it("reads UTF-8 with a byte-order mark and drops the mark", async () => {
    const d = decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, "utf8")]));
    expect(d).toEqual({ text: TEXT, encoding: "utf-8-bom" });
  });

  it("reads UTF-16 LE with a byte-order mark", async () => {
    const d = decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, "utf16le")]));
    expect(d).toEqual({ text: TEXT, encoding: "utf-16le" });
  });

  it("reads UTF-16 BE with a byte-order mark", async () => {
    const d = decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]));
    expect(d).toEqual({ text: TEXT, encoding: "utf-16be" });
  });

  it("recognises UTF-16 LE without a byte-order mark by its zero bytes", async () => {
    expect(decodeBytes(Buffer.from(TEXT, "utf16le"))).toEqual({ text: TEXT, encoding: "utf-16le" });
  });

  it("falls back to Windows-1252 when the bytes are not valid UTF-8 (Zoë, Siobhán, Müller)", async () => {
    const bytes = iconv.encode(TEXT, "windows-1252");
    // ë = 0xEB, á = 0xE1, ü = 0xFC: single bytes that are invalid as UTF-8 here.
    expect([...bytes]).toContain(0xeb);
    const d = decodeBytes(bytes);
    expect(d.encoding).toBe("windows-1252");
    expect(d.text).toBe(TEXT);
  });

  it("decodes Windows-1252 punctuation Excel writes (curly quotes, en dash, pound sign)", async () => {
    const bytes = Buffer.from([0x93, 0x41, 0x94, 0x20, 0x96, 0x20, 0xa3, 0x35]);
    expect(decodeBytes(bytes)).toEqual({ text: "\u201cA\u201d \u2013 £5", encoding: "windows-1252" });
  });

  it("accepts a plain Uint8Array as well as a Buffer", async () => {
    const u8 = new Uint8Array(Buffer.from(TEXT, "utf8"));
    expect(decodeBytes(u8).text).toBe(TEXT);
  });
});

describe("names survive every encoding end to end", () => {
  const encodings: [string, Buffer][] = [
    ["utf-8", Buffer.from(TEXT, "utf8")],
    ["utf-8-bom", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, "utf8")])],
    ["utf-16le", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT.replace(/\n/g, "\r\n"), "utf16le")])],
    ["utf-16be", Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)])],
    ["windows-1252", iconv.encode(TEXT.replace(/\n/g, "\r\n"), "windows-1252")],
  ];
  it.each(encodings)("%s", async (encoding, bytes) => {
    const r = await inspectFile(bytes, "staff");
    expect(r.detected.encoding).toBe(encoding);
    expect(r.errors).toEqual([]);
    expect(r.headers).toEqual(["employee_ref", "first_name", "last_name", "job_title"]);
    expect(r.sampleRows.map((s) => `${s.cells.first_name} ${s.cells.last_name}`)).toEqual(["Zoë Müller", "Siobhán O'Brien"]);
  });
});
