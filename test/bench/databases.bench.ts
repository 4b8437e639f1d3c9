/**
 * SQLite and PostgreSQL side by side (issue [2.5]): the same import, dashboard and load figures on each database,
 * then one table of both. PostgreSQL runs on a throwaway cluster started here the way the tests start theirs
 * (test/setup/postgres-cluster.ts: initdb into memory or a temporary folder, a free port, fsync off) and removed
 * afterwards; without initdb it is skipped with the reason. Run alone with `npm run bench -- databases`.
 *
 * - import: `rows` generated staff rows (import.bench's file) into a fresh database, then the same file again.
 * - dashboard: `npm start` (2 workers) on an organisation of `people` (large-organisation.ts, copied row for row
 *   into PostgreSQL), warm, and the first request on each worker after a write to the same organisation.
 * - load: 20 clients on its dashboard and people pages for BENCH_LOAD_SECONDS (default 15).
 */
import fs from "node:fs";
import { organisationScope } from "../helpers/scope";
import os from "node:os";
import path from "node:path";
import { createDatabase, migrateToLatest, openDatabase, type DB } from "../../db/connection";
import { runImport } from "../../importers/index";
import type { PostgresCluster } from "../setup/postgres-cluster";
import { benchCluster, freshPostgresDatabase, largeOrganisationOnPostgres } from "./large-organisation-postgres";
import { generateStaffCsv } from "./import.bench";
import { buildLargeOrganisation } from "./large-organisation";
import { firstOnEachWorker, loadTest, median, saveScopeDecision, startServer, timed, type BenchServer } from "./harness";

type Figures = Record<string, string>;

/** Opens a fresh, migrated database of this kind, named `name`. */
async function freshDatabase(kind: "sqlite" | "postgres", name: string, dir: string, cluster: PostgresCluster | null): Promise<{ db: DB; url: string }> {
  if (kind === "sqlite") {
    const url = path.join(dir, `${name}.db`);
    const { db } = createDatabase(url);
    await migrateToLatest(db);
    return { db, url };
  }
  const url = await freshPostgresDatabase(cluster!, name);
  return { db: openDatabase(url), url };
}

async function importFigures(db: DB, rows: number): Promise<Figures> {
  const bytes = Buffer.from(generateStaffCsv(rows), "utf8");
  const org = await db.insertInto("organisations").values({ slug: "imports", name: "Imports", homes_owned: 5000 }).returning("id").executeTakeFirstOrThrow();
  const common = { kind: "staff" as const, fileName: "staff.csv", bytes };
  const scope = await organisationScope(db, org.id, { actor: "bench", today: "2026-01-15" });
  let t0 = performance.now();
  const first = await runImport(scope, common);
  const firstMs = performance.now() - t0;
  if (!first.ok) throw new Error(`import failed: ${JSON.stringify(first.errors.slice(0, 3))}`);
  t0 = performance.now();
  const second = await runImport(scope, common);
  const secondMs = performance.now() - t0;
  if (!second.ok || second.counts.unchanged !== rows) throw new Error(`second import not all unchanged: ${JSON.stringify(second.counts)}`);
  return { [`import ${rows} staff (all added)`]: `${firstMs.toFixed(0)} ms`, [`import again (all unchanged)`]: `${secondMs.toFixed(0)} ms` };
}

async function pageFigures(url: string, dataDir: string, people: number, seconds: number): Promise<Figures> {
  const server = await startServer(url, { DATA_DIR: dataDir });
  try {
    const dashboard = `${server.base}/orgs/large`;
    const cold = await firstOnEachWorker(server, dashboard);
    const warm: number[] = [];
    for (let i = 0; i < 10; i++) warm.push((await timed(dashboard, server.cookie)).ms);
    const saves: number[] = [];
    const afterWrite: number[] = [];
    for (let i = 0; i < 3; i++) {
      const w = await saveScopeDecision(server, "large");
      if (!w.ok) throw new Error(`write: status ${w.status}\n${server.log()}`);
      saves.push(w.ms);
      afterWrite.push(await firstOnEachWorker(server, dashboard));
    }
    const urls = [dashboard, `${server.base}/orgs/large/people`, `${server.base}/orgs/large/people?status=not_enrolled&page=3`, `${server.base}/orgs/large/people?q=Jones`];
    const load = await loadTest(`20 clients, ${people} people`, server, urls, 20, seconds);
    return {
      [`dashboard, first request per worker (${people} people)`]: `${cold.toFixed(0)} ms`,
      "dashboard warm (median of 10)": `${median(warm).toFixed(0)} ms`,
      "saving a scope decision (median of 3)": `${median(saves).toFixed(0)} ms`,
      "dashboard after that write (median of 3)": `${median(afterWrite).toFixed(0)} ms`,
      [`load: 20 clients for ${seconds} s, p50 / p99`]: `${load.p50.toFixed(0)} / ${load.p99.toFixed(0)} ms`,
      "load: errors": String(load.errors),
    };
  } finally {
    await server.stop();
  }
}

export async function runDatabasesBench(people = 100_000, rows = 100_000): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-databases-bench-"));
  const seconds = Number(process.env.BENCH_LOAD_SECONDS) || 15;
  const { cluster, skipped } = await benchCluster();
  const results: Record<string, Figures> = {};
  try {
    const largeFile = path.join(dir, "large.db");
    await buildLargeOrganisation(largeFile, people);
    for (const kind of ["sqlite", "postgres"] as const) {
      if (kind === "postgres" && !cluster) continue;
      console.log(`  ${kind}…`);
      const imports = await freshDatabase(kind, "bench_import", dir, cluster);
      const figures = await importFigures(imports.db, rows);
      await imports.db.destroy();
      let pagesUrl = largeFile;
      if (kind === "postgres") pagesUrl = await largeOrganisationOnPostgres(cluster!, largeFile, "bench_large");
      const dataDir = fs.mkdtempSync(path.join(dir, `${kind}-data-`));
      Object.assign(figures, await pageFigures(pagesUrl, dataDir, people, seconds));
      results[kind] = figures;
    }
  } finally {
    cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const labels = Object.keys(results.sqlite ?? {});
  const width = Math.max(...labels.map((l) => l.length));
  console.log(`  ${"".padEnd(width)}  ${"SQLite".padStart(14)}  ${"PostgreSQL".padStart(14)}`);
  for (const label of labels) console.log(`  ${label.padEnd(width)}  ${results.sqlite[label].padStart(14)}  ${(results.postgres?.[label] ?? "skipped").padStart(14)}`);
  if (skipped) console.log(`  PostgreSQL skipped: ${skipped}`);
}
