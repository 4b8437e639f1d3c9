/**
 * Import benchmark: a generated 100,000-row staff CSV (iTrent-style headers, UK dates, UTF-8 with BOM) is
 * imported into a fresh organisation in a fresh database, then imported again (every row unchanged).
 * Each time is printed next to a floor measured in the same process: PapaParse parsing the same text plus
 * a raw, one-transaction better-sqlite3 insert of the same rows. Target: the full import within 2× the floor.
 *
 *   npx tsx test/bench/import.bench.ts [rows] [rounds]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Papa from "papaparse";
import { createDatabase, migrateToLatest } from "../../db/connection";
import { runImport, undoLastImport } from "../../importers/index";
import { organisationScope } from "../helpers/scope";

const HEADER =
  "Employee Number,Surname,Forenames,Work Email,Post Title,Directorate,Work Location,Employing Company,FTE,Continuous Service Date,Date Started In Post,Leaving Date,Probation";

/** A deterministic staff export of `rows` people. */
export function generateStaffCsv(rows: number, seed = 7): string {
  const first = ["Priya", "Zoë", "Siobhán", "Tomasz", "Hannah", "Wei", "Gareth", "Yusuf", "Amira", "Áine", "Rhys", "Ewa"];
  const last = ["Green", "Williams", "Müller", "O'Brien", "Smith-Hughes", "Khan", "Patel", "Jones", "Nowak", "Chen"];
  const titles = [
    "Housing Officer", "Income Officer", "Neighbourhood Manager", "Repairs Surveyor", "Head of Income", "Gas Engineer",
    "Lettings Manager", "Chief Executive", "Customer Services Advisor", "Asset Manager", "Scheme Manager", "Voids Surveyor",
  ];
  const depts = ["Income", "Property Services", "Neighbourhoods", "Lettings", "Finance", "Customer Services"];
  const places = ["Leeds", "Bradford", "Wakefield", "Remote"];
  let x = seed;
  const rnd = (k: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % k;
  };
  const two = (n: number) => String(n).padStart(2, "0");
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const f = first[rnd(first.length)];
    const l = last[rnd(last.length)];
    const y = 1995 + rnd(30);
    const start = `${two(1 + rnd(28))}/${two(1 + rnd(12))}/${y}`;
    const role = `${two(1 + rnd(28))}/${two(1 + rnd(12))}/${Math.min(2025, y + rnd(5))}`;
    const leaving = rnd(20) === 0 ? `${two(1 + rnd(28))}/${two(1 + rnd(12))}/2025` : "";
    const email = `${f}.${l}.${i}@example.org`.toLowerCase().normalize("NFKD").replace(/[^a-z0-9.@-]/g, "");
    lines.push(
      [
        `E${100000 + i}`, l, f, email, titles[rnd(titles.length)], depts[rnd(depts.length)], places[rnd(places.length)],
        rnd(10) === 0 ? "Acme Housing Services Ltd" : "", ["1", "0.8", "0.6", "0.5"][rnd(4)], start, role, leaving,
        rnd(12) === 0 ? "yes" : "no",
      ].join(","),
    );
  }
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

async function freshDatabase(dir: string, name: string) {
  const { db, sqlite } = createDatabase(path.join(dir, `${name}.db`));
  await migrateToLatest(db);
  const org = await db.insertInto("organisations").values({ slug: name, name, homes_owned: 5000 }).returning("id").executeTakeFirstOrThrow();
  return { db, sqlite, organisationId: org.id };
}

/** PapaParse + one prepared INSERT in one transaction: as fast as these rows can get into SQLite here. */
async function floor(dir: string, name: string, bytes: Buffer): Promise<number> {
  const { db, sqlite, organisationId } = await freshDatabase(dir, name);
  const t0 = performance.now();
  const parsed = Papa.parse<string[]>(bytes.toString("utf8").replace(/^\uFEFF/, ""), { skipEmptyLines: true });
  const insert = sqlite.prepare(
    `INSERT INTO staff (organisation_id, employee_ref, last_name, first_name, email, job_title, job_title_normalised, department,
       location, employer, fte, start_date, role_start_date, end_date, on_probation) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  sqlite.transaction((rows: string[][]) => {
    for (let i = 1; i < rows.length; i++) {
      const r = rows[i];
      insert.run(organisationId, r[0], r[1], r[2], r[3], r[4], r[4].toLowerCase(), r[5], r[6], r[7] || null, Number(r[8]), r[9], r[10], r[11] || null, r[12] === "yes" ? 1 : 0);
    }
  })(parsed.data);
  const ms = performance.now() - t0;
  await db.destroy();
  return ms;
}

function mb(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(0)} MB`;
}

/**
 * Runs `rounds` rounds (floor, import into a fresh database, the same import again, undo of the first) and
 * reports the fastest of each, which is the fairest figure on a shared, noisy machine.
 */
export async function runImportBench(rows = 100_000, rounds = 2): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-bench-"));
  try {
    const bytes = Buffer.from(generateStaffCsv(rows), "utf8");
    console.log(`import bench: ${rows.toLocaleString("en-GB")} staff rows, ${mb(bytes.length)} CSV, best of ${rounds} rounds`);
    const best = { floor: Infinity, first: Infinity, second: Infinity, undo: Infinity };
    let peakHeap = process.memoryUsage().heapUsed;
    const onProgress = () => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    };
    let counts: string[] = [];
    for (let round = 0; round < rounds; round++) {
      best.floor = Math.min(best.floor, await floor(dir, `floor-${round}`, bytes));

      const { db, organisationId } = await freshDatabase(dir, `import-${round}`);
      const common = { kind: "staff" as const, fileName: "staff.csv", bytes, onProgress };
      const scope = await organisationScope(db, organisationId, { actor: "bench", today: "2026-01-15" });
      let t0 = performance.now();
      const first = await runImport(scope, common);
      best.first = Math.min(best.first, performance.now() - t0);
      if (!first.ok) throw new Error(`first import failed: ${JSON.stringify(first.errors.slice(0, 3))}`);

      t0 = performance.now();
      const second = await runImport(scope, common);
      best.second = Math.min(best.second, performance.now() - t0);
      if (!second.ok || second.counts.unchanged !== rows) throw new Error(`second import not all unchanged: ${JSON.stringify(second.counts)}`);

      t0 = performance.now();
      const undoSecond = await undoLastImport(scope, second.importRunId!);
      const undoFirst = await undoLastImport(scope, first.importRunId!);
      best.undo = Math.min(best.undo, performance.now() - t0);
      if (!undoSecond.ok || !undoFirst.ok) throw new Error(`undo failed: ${undoSecond.message} / ${undoFirst.message}`);
      counts = [JSON.stringify(first.counts), JSON.stringify(second.counts), undoFirst.message];
      await db.destroy();
    }
    const line = (label: string, ms: number) =>
      console.log(`  ${label.padEnd(36)} ${ms.toFixed(0).padStart(6)} ms   ${(ms / best.floor).toFixed(2)}× floor`);
    line("floor (PapaParse + raw insert)", best.floor);
    line("import 1 (all added)", best.first);
    line("import 2 (same file, all unchanged)", best.second);
    line("undo both (100,000 rows removed)", best.undo);
    console.log(`  counts 1: ${counts[0]}`);
    console.log(`  counts 2: ${counts[1]}`);
    console.log(`  ${counts[2]}`);
    console.log(`  peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}, peak heap seen ${mb(peakHeap)}`);
    console.log(`  target (import 1 within 2× floor): ${best.first <= 2 * best.floor ? "met" : "NOT met"}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  runImportBench(Number(process.argv[2]) || undefined, Number(process.argv[3]) || undefined).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
