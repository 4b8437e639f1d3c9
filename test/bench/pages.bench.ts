/**
 * Page and load benchmark on a 100,000-person organisation ("large") beside a small one ("other"), served by
 * `npm start` (2 workers): the dashboard warm, the first requests on each worker after a write to another
 * organisation and after a write to the same one, saving a scope decision, the people page, peak memory per worker,
 * and 20 concurrent clients with and without a write every 2 s elsewhere. Run alone with
 * `npm run bench -- pages` (BENCH_RUNS sets the runs per figure).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildLargeOrganisation } from "./large-organisation";
import { benchRuns, firstOnEachWorker, figure, loadTest, median, saveScopeDecision, startServer, timed, workerPeakMemory, type BenchServer } from "./harness";

export async function runPagesBench(people = 100_000): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-pages-bench-"));
  const file = path.join(dir, "large.db");
  const runs = benchRuns(5);
  let t0 = performance.now();
  await buildLargeOrganisation(file, people);
  console.log(`  built an organisation of ${people} people in ${(performance.now() - t0).toFixed(0)} ms`);
  t0 = performance.now();
  const server = await startServer(file);
  console.log(`  npm start ready in ${(performance.now() - t0).toFixed(0)} ms`);
  try {
    const dashboard = `${server.base}/orgs/large`;
    const cold = await firstOnEachWorker(server, dashboard);
    console.log(`  dashboard, first request on each worker (each loads ${people} people): ${cold.toFixed(0)} ms`);
    const warm: number[] = [];
    for (let i = 0; i < 10; i++) warm.push((await timed(dashboard, server.cookie)).ms);
    const warmMs = median(warm);
    figure(`dashboard warm (${people} people)`, warm, { target: 300 });

    const afterOther: number[] = [];
    for (let i = 0; i < runs; i++) {
      const w = await saveScopeDecision(server, "other");
      if (!w.ok) throw new Error(`write to other: status ${w.status}\n${server.log()}`);
      afterOther.push(await firstOnEachWorker(server, dashboard));
    }
    figure("dashboard after a write to another organisation (first request on each worker)", afterOther, { target: Math.round(1.5 * warmMs), targetText: `≤ 1.5× warm = ${Math.round(1.5 * warmMs)} ms`, floor: warmMs, floorText: `warm ${warmMs.toFixed(0)} ms` });

    const saves: number[] = [];
    const afterSame: number[] = [];
    for (let i = 0; i < runs; i++) {
      const w = await saveScopeDecision(server, "large");
      if (!w.ok) throw new Error(`write to large: status ${w.status}\n${server.log()}`);
      saves.push(w.ms);
      afterSame.push(await firstOnEachWorker(server, dashboard));
    }
    figure(`saving a scope decision at ${people} (roles action)`, saves, { target: 500, floor: warmMs, floorText: `warm page ${warmMs.toFixed(0)} ms` });
    figure("dashboard after a write to the same organisation (first request on each worker)", afterSame, { target: 400, floor: warmMs, floorText: `warm ${warmMs.toFixed(0)} ms` });

    const otherDate: number[] = [];
    for (let i = 0; i < 5; i++) otherDate.push((await timed(`${dashboard}?asOf=2027-0${i + 1}-15`, server.cookie)).ms);
    figure("dashboard for a new as-of date (statuses, measures, 36-month trend, forecast)", otherDate);
    const peopleTimes: number[] = [];
    for (const q of ["", "?status=not_enrolled", "?rag=red&sort=name", "?q=Khan", "?department=Income&page=20"]) peopleTimes.push((await timed(`${server.base}/orgs/large/people${q}`, server.cookie)).ms);
    figure(`people page (filters, search, sort, page) for ${people} people`, peopleTimes);

    const urls = [dashboard, `${server.base}/orgs/large/people`, `${server.base}/orgs/large/people?status=not_enrolled&page=3`, `${server.base}/orgs/large/people?q=Jones`];
    const seconds = Number(process.env.BENCH_LOAD_SECONDS) || 15;
    await loadTest("20 clients on the 100k organisation, no writes", server, urls, 20, seconds);
    let writeErrors = 0;
    let writes = 0;
    await loadTest("20 clients on the 100k organisation, a write every 2 s elsewhere", server, urls, 20, seconds, async (stopAt) => {
      while (performance.now() + 2000 < stopAt) {
        await new Promise((r) => setTimeout(r, 2000));
        const w = await saveScopeDecision(server, "other");
        writes++;
        if (!w.ok) writeErrors++;
      }
    });
    console.log(`  (${writes} writes to "other" during the load test, ${writeErrors} failed)`);
    const peaks = workerPeakMemory(server);
    figure("peak memory per worker (VmHWM)", peaks, { unit: "MiB", target: 600, targetText: "< 600 MiB" });
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runPagesBench(Number(process.argv[2]) || 100_000).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
