// Counts on the product's pages go through the one plural helper (app/utils/plural.ts), so no page says
// "1 people" or "1 errors". This guard fails on a count written straight before a plural noun.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";

const NOUNS = ["people", "errors", "gaps", "records", "enrolments", "areas", "days", "months", "policies", "providers", "rows", "job titles", "credits"];
const EXPR = String.raw`[A-Za-z_][\w.]*(?:\[[\w.]+\])?(?:\.length)?`;
// `${n} people` in a template or `{n} people` in JSX; constants in capitals (fixed wording) are allowed.
const PATTERN = new RegExp(String.raw`(?:\$|[^$\w])\{(${EXPR})\} (?:more )?(${NOUNS.join("|")})(?![=\w'])`, "g");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("plurals", () => {
  test("no count is written straight before a plural noun in app/", () => {
    const offenders: string[] = [];
    for (const file of files("app")) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(PATTERN)) {
        if (/^[A-Z_]+$/.test(m[1].split(".").pop()!)) continue;
        offenders.push(`${file}: ${m[0].trim()}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
