/**
 * The consultant portfolio across 200 organisations of 1,000 people, served by `npm start` (2 workers): warm, and
 * the first request on each worker after a write to one of the 200. Target: at most 300 ms either way.
 * `npm run bench -- portfolio` (BENCH_RUNS sets the runs).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildOrganisations } from "./large-organisation";
import { benchRuns, figure, firstOnEachWorker, median, saveScopeDecision, startServer, timed } from "./harness";

export async function runPortfolioBench(organisations = 200, people = 1_000): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-portfolio-bench-"));
  const file = path.join(dir, "portfolio.db");
  const runs = benchRuns(5);
  const t0 = performance.now();
  await buildOrganisations(file, Array.from({ length: organisations }, (_, i) => ({ slug: `org-${i + 1}`, name: `Housing Association ${i + 1}`, people })));
  console.log(`  built ${organisations} organisations of ${people} people in ${(performance.now() - t0).toFixed(0)} ms`);
  const server = await startServer(file);
  try {
    const url = `${server.base}/portfolio`;
    const first = await firstOnEachWorker(server, url);
    console.log(`  portfolio, first request on each worker (loads ${organisations} organisations): ${first.toFixed(0)} ms`);
    const warm: number[] = [];
    for (let i = 0; i < Math.max(runs, 6); i++) warm.push((await timed(url, server.cookie)).ms);
    figure(`portfolio ${organisations} × ${people} warm`, warm, { target: 300 });
    const afterWrite: number[] = [];
    for (let i = 0; i < runs; i++) {
      const w = await saveScopeDecision(server, `org-${1 + ((i * 37) % organisations)}`);
      if (!w.ok) throw new Error(`write: status ${w.status}\n${server.log()}`);
      // Each worker's first request after the write (a new connection each: a kept-alive one reaches one worker).
      afterWrite.push(await firstOnEachWorker(server, url));
    }
    figure(`portfolio ${organisations} × ${people} after a write to one (first request on each worker)`, afterWrite, { target: 300, floor: median(warm), floorText: `warm ${median(warm).toFixed(0)} ms` });
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
