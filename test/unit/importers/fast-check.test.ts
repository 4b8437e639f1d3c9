// The fast check of a cell (importers/prepare.ts, fieldFastCheck) agrees with the zod schema on every cell: the same
// value when it vouches for the cell, and it leaves to the schema exactly the cells the schema refuses.
import { describe, expect, it } from "vitest";
import { ASK_SCHEMA, fieldFastCheck, fieldSchema } from "../../../importers/prepare";
import { FIELDS } from "../../../importers/fields";
import type { ImportKind } from "../../../importers/types";

const CELLS = [
  "", "x", "Housing Officer", "Zoë O'Brien", " padded ", "a\tb", "line\nbreak", "nul\u0000", "bell\u0007", "del\u007f", "c1\u0085",
  "x".repeat(500), "x".repeat(501), "y".repeat(4000), "y".repeat(4001),
  "1", "0", "0.8", "80%", "1.5", "1.6", "-1", "100", "101", "abc", "yes", "no", "Y", "N", "true", "false", "maybe",
  "2024-02-29", "2023-02-29", "31/01/2024", "01/31/2024", "12/03/24", "31.12.2025", "2024/13/01", "15 March 2024", "March 2024", "45000", "not a date",
  "priya.green@example.org", "PRIYA@EXAMPLE.ORG", "no-at-sign", "a@b", "a b@example.org",
  "achieved", "in progress", "withdrawn", "complete", "senior manager", "Level 4", "frontline", "out of scope", "other",
  "supervision", "1:1", "annual review", "coffee", "A/1;B/2", "A/1|A/1\nC/3", "CIH Level 4", "603/1234/5",
];

const catalogue = (text: string) => (text.toLowerCase() === "cih level 4" ? { id: 1, title: "CIH Level 4" } : undefined);

describe("the fast check of a cell agrees with the zod schema", () => {
  for (const kind of Object.keys(FIELDS) as ImportKind[]) {
    for (const spec of FIELDS[kind]) {
      it(`${kind}.${spec.field} (${spec.type}${spec.required ? ", required" : ""})`, () => {
        for (const lookup of spec.type === "qualification" ? [undefined, catalogue] : [undefined]) {
          const schema = fieldSchema(kind, spec, 2026, lookup);
          const fast = fieldFastCheck(kind, spec, 2026, lookup);
          for (const cell of CELLS) {
            const zod = schema.safeParse(cell);
            const quick = fast(cell);
            if (zod.success) expect({ cell, value: quick }).toEqual({ cell, value: zod.data });
            else expect({ cell, value: quick }).toEqual({ cell, value: ASK_SCHEMA });
          }
        }
      });
    }
  }
});
