/**
 * Cold load of a 100,000-person organisation, in this process: each run opens a new connection (so the evaluation
 * cache is empty for it) and builds what the dashboard's first request needs (rows, rules context, measures,
 * milestones, trend and forecast), with the load's CPU time beside its wall time (on a shared machine the wall time
 * mostly says how busy it is). Floor: `select id from staff` for the organisation. On SQLite, then on PostgreSQL (a
 * throwaway cluster with the same organisation copied in; skipped with the reason without initdb).
 * `npm run bench -- cold`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase, openDatabase, type DB } from "../../db/connection";
import { organisationPicture, organisationContext } from "../../app/models/compliance.server";
import { buildLargeOrganisation } from "./large-organisation";
import { benchRuns, figure, median } from "./harness";
import { OrganisationReader } from "../../app/models/organisation-scope.server";
import { benchCluster, largeOrganisationOnPostgres } from "./large-organisation-postgres";

/** The cold figures for the organisation `slug` in the database `open()` opens afresh each time. */
async function coldFigures(database: string, people: number, open: () => DB): Promise<void> {
  const runs = benchRuns(5);
  const floors: number[] = [];
  const loads: number[] = [];
  const loadCpu: number[] = [];
  const pictures: number[] = [];
  for (let i = 0; i < runs; i++) {
    const db = open();
    const org = await db.selectFrom("organisations").select("id").where("slug", "=", "large").executeTakeFirstOrThrow();
    let t0 = performance.now();
    await db.selectFrom("staff").select("id").where("organisation_id", "=", org.id).execute();
    floors.push(performance.now() - t0);
    t0 = performance.now();
    const cpu0 = process.cpuUsage();
    await organisationContext(new OrganisationReader(db, org.id));
    loads.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    loadCpu.push((cpu.user + cpu.system) / 1000);
    await db.destroy();
    const fresh = open();
    t0 = performance.now();
    await organisationPicture(new OrganisationReader(fresh, org.id), "2026-06-30");
    pictures.push(performance.now() - t0);
    await fresh.destroy();
  }
  const floor = median(floors);
  figure(`${database}: cold load of ${people} people (rows + rules context)`, loads, { target: 600, floor, floorText: `select id ${floor.toFixed(0)} ms` });
  // CPU time (this process, garbage collector threads included) depends less on what else the machine runs; on
  // PostgreSQL the server's own work is not in it.
  figure(`${database}: cold load of ${people} people, CPU time of this process`, loadCpu, { floor, floorText: `select id ${floor.toFixed(0)} ms wall` });
  figure(`${database}: cold dashboard picture of ${people} people (load, measures, milestones, trend, forecast)`, pictures, { floor, floorText: `select id ${floor.toFixed(0)} ms` });
}

export async function runColdBench(people = 100_000): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-cold-bench-"));
  const file = path.join(dir, "large.db");
  const { cluster, skipped } = await benchCluster();
  try {
    await buildLargeOrganisation(file, people);
    await coldFigures("SQLite", people, () => createDatabase(file).db);
    console.log(`  peak RSS of this process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
    if (cluster) {
      const url = await largeOrganisationOnPostgres(cluster, file, "bench_cold");
      await coldFigures("PostgreSQL", people, () => openDatabase(url));
    } else console.log(`  PostgreSQL skipped: ${skipped}`);
  } finally {
    cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
