/** Random bytes and random damage to a valid file must give errors (or a clean read), never a throw or a hang. */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inspectFile } from "../../../importers/index";
import type { ImportKind } from "../../../importers/types";

const valid = fs.readFileSync(path.join(__dirname, "../../fixtures/itrent-style/staff.csv"));
const kinds: ImportKind[] = ["staff", "enrolments", "roles"];

/** Replace, insert or delete bytes at random places; delimiters, quotes and line breaks are favoured. */
const mutation = fc.record({
  at: fc.nat(),
  op: fc.constantFrom("replace", "insert", "delete"),
  byte: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x22, 0x2c, 0x3b, 0x09, 0x0a, 0x0d, 0x2f, 0x00, 0xff, 0xfe)),
  length: fc.integer({ min: 1, max: 40 }),
});

function mutate(bytes: Buffer, ms: { at: number; op: string; byte: number; length: number }[]): Buffer {
  let out = Buffer.from(bytes);
  for (const m of ms) {
    const at = out.length === 0 ? 0 : m.at % out.length;
    if (m.op === "replace") {
      out = Buffer.from(out);
      for (let i = at; i < Math.min(out.length, at + m.length); i++) out[i] = m.byte;
    } else if (m.op === "insert") out = Buffer.concat([out.subarray(0, at), Buffer.alloc(m.length, m.byte), out.subarray(at)]);
    else out = Buffer.concat([out.subarray(0, at), out.subarray(at + m.length)]);
  }
  return out;
}

function checkResult(r: Awaited<ReturnType<typeof inspectFile>>) {
  expect(Array.isArray(r.errors)).toBe(true);
  for (const e of r.errors) {
    expect(typeof e.row).toBe("number");
    expect(typeof e.column).toBe("string");
    expect(typeof e.value).toBe("string");
    expect(e.message.length).toBeGreaterThan(0);
  }
  expect(r.ok).toBe(r.errorCount === 0);
}

describe("fuzz: the reader never throws", () => {
  it("random bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.constantFrom(...kinds), async (bytes, kind) => {
        checkResult(await inspectFile(bytes, kind));
      }),
      { numRuns: 300 },
    );
  });

  it("random text made of CSV-ish characters", async () => {
    const chars = fc.constantFrom(..."ab1 ,;|\t\"'\r\n/-:.Zoë12/02/2024employee_refjob_title".split(""));
    await fc.assert(
      fc.asyncProperty(fc.array(chars, { maxLength: 600 }), fc.constantFrom(...kinds), async (cs, kind) => {
        checkResult(await inspectFile(Buffer.from(cs.join(""), "utf8"), kind));
      }),
      { numRuns: 300 },
    );
  });

  it("random mutations of a valid file", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async (ms) => {
        checkResult(await inspectFile(mutate(valid, ms), "staff"));
      }),
      { numRuns: 150 },
    );
    // A generous runner limit, not a timing assertion: 150 whole-file reads on a busy shared machine.
  }, 60_000);
});
