/**
 * The command line reads only what a command needs (decision 0060): the entry answers --help from
 * importers/cli-usage.ts alone, and the dispatcher loads each command's modules with a dynamic import when it runs,
 * so none of app/ (the rules, the models, zod, React) nor the import pipeline is read at start-up. These follow the
 * static imports (not `import type`, not `import()`) from each entry through the sources.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** Module specifiers a file imports statically (imports and re-exports, without type-only ones). */
function staticImports(source: string): string[] {
  const out: string[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*["']([^"']+)["']|^\s*import\s+["']([^"']+)["']/gms;
  for (const m of source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "").matchAll(re)) {
    if (m[5]) out.push(m[5]);
    else if (!m[2]) out.push(m[4]);
  }
  return out;
}

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  throw new Error(`${path.relative(ROOT, from)}: cannot resolve ${spec}`);
}

/** Every source file and package read when `entry` is loaded (before any dynamic import runs). */
function staticClosure(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of staticImports(fs.readFileSync(file, "utf8"))) {
      const target = resolve(file, spec);
      if (target) visit(target);
      else packages.add(spec);
    }
  };
  visit(path.join(ROOT, entry));
  return { files: [...files].map((f) => path.relative(ROOT, f)).sort(), packages: [...packages].sort() };
}

describe("CLI start-up", () => {
  it("the entry reads the usage module alone, so --help loads no command", () => {
    expect(staticClosure("importers/cli.ts")).toEqual({ files: ["importers/cli-usage.ts", "importers/cli.ts"], packages: [] });
  });

  it("the dispatcher reads the database layer and no command: app/ and the import pipeline load with the command that uses them", () => {
    const { files, packages } = staticClosure("importers/cli-commands.ts");
    expect(files.filter((f) => f.startsWith("app/"))).toEqual([]);
    expect(files.filter((f) => f.startsWith("importers/")).sort()).toEqual(["importers/cli-commands.ts", "importers/cli-shared.ts", "importers/cli-usage.ts"]);
    for (const heavy of ["zod", "react", "papaparse", "iconv-lite", "fflate", "nodemailer", "pdfjs-dist"]) expect(packages).not.toContain(heavy);
  });

  it("the rule sees a static import (checked against a file that has them)", () => {
    expect(staticClosure("importers/cli-import.ts").files).toContain("importers/run.ts");
  });
});
