/** The downloadable templates import cleanly: every template passes the importer's own checks. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { inspectFile } from "../../../importers";

const templates = path.resolve(import.meta.dirname, "../../../public/templates");

describe("CSV templates", () => {
  test.each(["staff", "enrolments", "roles"] as const)("%s.csv maps every column and has no errors", async (kind) => {
    const result = await inspectFile(fs.readFileSync(path.join(templates, `${kind}.csv`)), kind);
    expect(result.errors).toEqual([]);
    expect(result.missingRequired).toEqual([]);
    expect(result.detected.unmappedHeaders).toEqual([]);
    expect(result.rowCount).toBe(1);
  });
});
