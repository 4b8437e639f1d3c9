/**
 * The command line as users run it, each a whole process: start-up (`npm run cli -- --help`'s command, without npm
 * itself) against `node -e 0`, and the import of 100,000 staff into a fresh organisation against the floor
 * (test/bench/import-floor.mjs: PapaParse + one-transaction insert, whole process). `npm run bench -- cli`.
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

export async function runCliBench(rows = 100_000): Promise<void> {
  const runs = benchRuns(5);
  const nodeFloor: number[] = [];
  const help: number[] = [];
  for (let i = 0; i < runs; i++) {
    nodeFloor.push(wall([process.execPath, "-e", "0"]));
    const r = runScript("cli", ["--help"]);
    if (r.status !== 0) throw new Error(`cli --help: ${r.stderr}`);
    help.push(r.ms);
  }
  figure("CLI start-up (--help, whole process)", help, { target: 300, targetText: "< 300 ms", floor: median(nodeFloor), floorText: `node -e 0 ${median(nodeFloor).toFixed(0)} ms` });

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
