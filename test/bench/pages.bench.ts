/**
 * Page and load benchmark on a 100,000-person organisation: the dashboard's and people page's server response
 * times, then a bounded load test (loopback only) with 20 concurrent signed-in users: requests per second,
 * p50/p99 latency and errors. Run alone with `npx tsx test/bench/pages.bench.ts`.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { BENCH_USER, buildLargeOrganisation } from "./large-organisation";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function timed(url: string, cookie: string): Promise<{ ms: number; ok: boolean }> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { headers: { Cookie: cookie } });
    await res.arrayBuffer();
    return { ms: performance.now() - t0, ok: res.status === 200 };
  } catch {
    return { ms: performance.now() - t0, ok: false };
  }
}

async function loadTest(label: string, urls: string[], cookie: string, concurrency: number, seconds: number, maxRequests: number) {
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < deadline && issued < maxRequests) {
        const url = urls[(issued++ + worker) % urls.length];
        const r = await timed(url, cookie);
        latencies.push(r.ms);
        if (!r.ok) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(
    `load: ${label}: ${latencies.length} requests in ${elapsed.toFixed(1)} s, ${(latencies.length / elapsed).toFixed(1)} req/s, p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, errors ${errors} (target: 0 errors, p99 < 1000 ms at ${concurrency} users)`,
  );
}

export async function runPagesBench(people = 100_000): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-pages-bench-"));
  const file = path.join(dir, "large.db");
  let t0 = performance.now();
  await buildLargeOrganisation(file, people);
  console.log(`pages: built an organisation of ${people} people in ${(performance.now() - t0).toFixed(0)} ms`);
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "app/serve.server.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATABASE_URL: file, SEED_DEMO: "false", NODE_ENV: "production", SESSION_SECRET: "bench-secret-0123456789abcdef" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${base}/login`)).ok) break;
      } catch {
        // starting
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const signIn = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
      body: new URLSearchParams({ email: BENCH_USER.email, password: BENCH_USER.password }),
    });
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0];
    if (!cookie) throw new Error(`Could not sign in to the benchmark server:\n${log}`);

    const dashboard = `${base}/orgs/large`;
    t0 = performance.now();
    const cold = await timed(dashboard, cookie);
    console.log(`pages: dashboard, first request (loads ${people} people): ${cold.ms.toFixed(0)} ms (status ok: ${cold.ok})`);
    const warm: number[] = [];
    for (let i = 0; i < 10; i++) warm.push((await timed(dashboard, cookie)).ms);
    warm.sort((a, b) => a - b);
    console.log(`pages: dashboard server response for ${people} people: median ${percentile(warm, 50).toFixed(0)} ms over 10 (target < 300 ms)`);
    const otherDate: number[] = [];
    for (let i = 0; i < 5; i++) otherDate.push((await timed(`${dashboard}?asOf=2027-0${i + 1}-15`, cookie)).ms);
    otherDate.sort((a, b) => a - b);
    console.log(`pages: dashboard for a new as-of date (statuses, measures, 36-month trend, forecast): median ${percentile(otherDate, 50).toFixed(0)} ms`);
    const peopleTimes: number[] = [];
    for (const q of ["", "?status=not_enrolled", "?rag=red&sort=name", "?q=Khan", "?department=Income&page=20"]) peopleTimes.push((await timed(`${base}/orgs/large/people${q}`, cookie)).ms);
    peopleTimes.sort((a, b) => a - b);
    console.log(`pages: people page (filters, search, sort, page) for ${people} people: median ${percentile(peopleTimes, 50).toFixed(0)} ms, worst ${peopleTimes[peopleTimes.length - 1].toFixed(0)} ms`);

    await loadTest("dashboard + people pages", [dashboard, `${base}/orgs/large/people`, `${base}/orgs/large/people?status=not_enrolled&page=3`, `${base}/orgs/large/people?q=Jones`], cookie, 20, 15, 5000);
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runPagesBench(Number(process.argv[2]) || 100_000).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
