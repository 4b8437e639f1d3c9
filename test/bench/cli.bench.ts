/**
 * The command line as users run it, each a whole process.
 *
 * Start-up, three ways, each beside its floor: the compiled CLI (`node build/cli.js --help`) and what `npm run cli`
 * runs (`node scripts/cli.mjs --help`: the freshness check, then the compiled CLI), both against `node -e 0`; and
 * `npm run cli -- --help` through npm itself, against npm running a script that is `node -e 0` (npm's own start-up,
 * which no change to the CLI can remove). The target (< 300 ms) is judged on what `npm run cli` runs.
 *
 * The import of 100,000 staff into a fresh organisation, as `npm run cli` runs it, against the floor
 * (test/bench/import-floor.mjs: PapaParse + one-transaction insert into a WAL file database, whole process).
 * `npm run bench -- cli`.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase, migrateToLatest } from "../../db/connection";
import { generateStaffCsv } from "./import.bench";
import { benchRuns, figure, median, ROOT, runScript } from "./harness";

function wall(argv: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${argv.join(" ")}: ${r.stderr}`);
  return performance.now() - t0;
}

async function freshDatabase(file: string): Promise<void> {
  const { db } = createDatabase(file);
  await migrateToLatest(db);
  await db.insertInto("organisations").values({ slug: "bench", name: "Bench Homes", homes_owned: 5000 }).execute();
  await db.destroy();
}

/** npm running a script that is `node -e 0`, in a throwaway package: npm's own start-up, the floor of any `npm run`. */
function npmFloorPackage(dir: string): string {
  const pkg = path.join(dir, "npm-floor");
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "npm-floor", private: true, scripts: { noop: "node -e 0" } }));
  return pkg;
}

export async function runCliBench(rows = 100_000): Promise<void> {
  const runs = benchRuns(5);
  // Not timed: builds when the build is missing or older than the sources (as the first `npm run cli` would).
  const warm = runScript("cli", ["--help"]);
  if (warm.status !== 0) throw new Error(`cli --help: ${warm.stderr}`);
  const floorDir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-npm-floor-"));
  const nodeFloor: number[] = [];
  const compiled: number[] = [];
  const help: number[] = [];
  const viaNpm: number[] = [];
  const npmFloor: number[] = [];
  try {
    const npmPackage = npmFloorPackage(floorDir);
    for (let i = 0; i < runs; i++) {
      nodeFloor.push(wall([process.execPath, "-e", "0"]));
      compiled.push(wall([process.execPath, path.join(ROOT, "build", "cli.js"), "--help"]));
      const r = runScript("cli", ["--help"]);
      if (r.status !== 0) throw new Error(`cli --help: ${r.stderr}`);
      help.push(r.ms);
      viaNpm.push(wall(["npm", "run", "--silent", "cli", "--", "--help"]));
      npmFloor.push(wall(["npm", "run", "--silent", "--prefix", npmPackage, "noop"]));
    }
  } finally {
    fs.rmSync(floorDir, { recursive: true, force: true });
  }
  const node0 = { floor: median(nodeFloor), floorText: `node -e 0 ${median(nodeFloor).toFixed(0)} ms` };
  figure("CLI start-up, compiled (node build/cli.js --help)", compiled, { target: 300, targetText: "< 300 ms", ...node0 });
  figure("CLI start-up as npm run cli runs it (node scripts/cli.mjs --help, freshness check included, npm not)", help, { target: 300, targetText: "< 300 ms", ...node0 });
  figure("npm run cli -- --help through npm (npm's own start-up included)", viaNpm, { floor: median(npmFloor), floorText: `npm running node -e 0 ${median(npmFloor).toFixed(0)} ms` });
  console.log(`  of which npm's own start-up: ${median(npmFloor).toFixed(0)} ms; the CLI's share: ${(median(viaNpm) - median(npmFloor)).toFixed(0)} ms (medians)`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-cli-bench-"));
  try {
    const csv = path.join(dir, "staff.csv");
    fs.writeFileSync(csv, generateStaffCsv(rows));
    const floors: number[] = [];
    const imports: number[] = [];
    const importRuns = benchRuns(3);
    for (let i = 0; i < importRuns; i++) {
      const floorDb = path.join(dir, `floor-${i}.db`);
      await freshDatabase(floorDb);
      floors.push(wall([process.execPath, path.join(ROOT, "test", "bench", "import-floor.mjs"), floorDb, csv]));
      const importDb = path.join(dir, `import-${i}.db`);
      await freshDatabase(importDb);
      const r = runScript("cli", ["import", "staff", csv, "--org", "bench", "--json"], { DATABASE_URL: importDb });
      if (r.status !== 0) throw new Error(`cli import: status ${r.status}: ${r.stderr}\n${r.stdout.slice(0, 2000)}`);
      imports.push(r.ms);
    }
    const floor = median(floors);
    figure("import floor (PapaParse + one-transaction insert, whole process)", floors);
    figure(`CLI import of ${rows.toLocaleString("en-GB")} staff (whole process, with its snapshot)`, imports, { target: Math.round(2 * floor), targetText: `≤ 2× floor = ${Math.round(2 * floor)} ms`, floor, judge: "median" });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
