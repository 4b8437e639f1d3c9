/** Whole imports of random bytes and damaged files: an error list or a clean apply, never a throw, and never a half-write. */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport } from "../../../importers/index";
import { fixture, openTestDb, type TestDb } from "./helpers";
import { organisationScope } from "../../helpers/scope";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t.close();
});

const valid = fixture("itrent-style/staff.csv");

function damage(bytes: Buffer, edits: { at: number; byte: number; del: boolean }[]): Buffer {
  let out = Buffer.from(bytes);
  for (const e of edits) {
    const at = e.at % Math.max(1, out.length);
    out = e.del ? Buffer.concat([out.subarray(0, at), out.subarray(at + 1)]) : Buffer.concat([out.subarray(0, at), Buffer.from([e.byte]), out.subarray(at)]);
  }
  return out;
}

describe("fuzz: runImport", () => {
  it("random bytes are rejected with errors and write nothing but the rejected run", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom("staff", "enrolments", "roles" as const), async (bytes, kind) => {
        const staffBefore = await t.db.selectFrom("staff").select(t.db.fn.countAll().as("n")).executeTakeFirstOrThrow();
        const r = await runImport(await organisationScope(t.db, t.organisationId, { actor: "fuzz", today: "2026-03-01" }), { kind, fileName: "random.bin", bytes, mode: kind === "staff" ? "partial" : undefined });
        if (r.status === "rejected") {
          expect(r.errors.length).toBeGreaterThan(0);
          const staffAfter = await t.db.selectFrom("staff").select(t.db.fn.countAll().as("n")).executeTakeFirstOrThrow();
          expect(staffAfter).toEqual(staffBefore);
        } else expect(r.status).toBe("applied");
      }),
      { numRuns: 60 },
    );
  });

  it("damaged copies of a valid file either apply cleanly or are rejected with row errors", async () => {
    const edit = fc.record({ at: fc.nat(), byte: fc.constantFrom(0x22, 0x2c, 0x0a, 0x0d, 0x2f, 0x20, 0x41, 0x31, 0xe9, 0x00), del: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 5 }), async (edits) => {
        const r = await runImport(await organisationScope(t.db, t.organisationId, { actor: "fuzz", today: "2026-03-01" }), { kind: "staff", fileName: "damaged.csv", bytes: damage(valid, edits), mode: "partial", dryRun: true });
        expect(r.status).toBe("dry_run");
        expect(r.ok).toBe(r.errors.length === 0);
        for (const e of r.errors) expect(e.message).toBeTruthy();
      }),
      { numRuns: 60 },
    );
  });
});
