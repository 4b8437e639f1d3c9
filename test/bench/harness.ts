/**
 * What the server benchmarks share: start the app the way `npm start` does (its package.json script, so the bench
 * follows whatever `npm start` runs), sign in, time requests, read each worker's peak memory, and print a figure as
 * median and max over several runs beside its target and its floor.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { BENCH_USER } from "./large-organisation";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** How many runs each repeated figure takes (BENCH_RUNS overrides). */
export function benchRuns(fallback: number): number {
  const n = Number(process.env.BENCH_RUNS);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * One line: `label: median X, max Y over N  (target ≤ T: met | NOT met; floor F, ratio R× floor)`. The target is
 * judged on the max unless `judge: "median"`.
 */
export function figure(label: string, samples: number[], opts: { unit?: string; target?: number; targetText?: string; floor?: number; floorText?: string; judge?: "median" | "max" } = {}): void {
  const unit = opts.unit ?? "ms";
  const med = median(samples);
  const max = Math.max(...samples);
  const judged = opts.judge === "median" ? med : max;
  const parts = [`median ${med.toFixed(0)} ${unit}, max ${max.toFixed(0)} ${unit} over ${samples.length}`];
  if (opts.target !== undefined) parts.push(`target ${opts.targetText ?? `≤ ${opts.target} ${unit}`} (${opts.judge ?? "max"}): ${judged <= opts.target ? "met" : "NOT met"}`);
  if (opts.floor !== undefined && opts.floor > 0) parts.push(`floor ${opts.floorText ?? `${opts.floor.toFixed(0)} ${unit}`}, ${(med / opts.floor).toFixed(2)}× floor`);
  console.log(`  ${label}: ${parts.join("; ")}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** The command an npm script runs, as argv for `sh -c`, with node_modules/.bin on the PATH as npm puts it. */
export function npmScript(name: string, args: string[] = []): { command: string; env: NodeJS.ProcessEnv } {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const script = pkg.scripts[name];
  if (!script) throw new Error(`package.json has no "${name}" script`);
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
  return { command: `${script} ${quoted}`.trim(), env: { ...process.env, PATH: `${path.join(ROOT, "node_modules", ".bin")}:${process.env.PATH}` } };
}

/** Runs an npm script's command (without npm itself) to the end; returns wall time, status and output. */
export function runScript(name: string, args: string[], env: Record<string, string> = {}): { ms: number; status: number | null; stdout: string; stderr: string } {
  const { command, env: base } = npmScript(name, args);
  const t0 = performance.now();
  const r = spawnSync("sh", ["-c", command], { cwd: ROOT, env: { ...base, ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { ms: performance.now() - t0, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface BenchServer {
  base: string;
  cookie: string;
  child: ChildProcess;
  log: () => string;
  stop: () => Promise<void>;
}

/** `npm start` against `databaseFile` on a free port (2 workers), signed in as the bench user. */
export async function startServer(databaseFile: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const port = await freePort();
  const { command, env: base } = npmScript("start");
  base.NODE_ENV = "production";
  const child = spawn("sh", ["-c", `exec ${command}`], {
    cwd: ROOT,
    detached: true,
    env: { ...base, PORT: String(port), DATABASE_URL: databaseFile, SEED_DEMO: "false", WEB_CONCURRENCY: "2", SESSION_SECRET: "bench-secret-0123456789abcdef", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // gone
    }
    await new Promise((r) => setTimeout(r, 500));
  };
  try {
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`The benchmark server did not start:\n${log}`);
      try {
        if ((await fetch(`${url}/login`)).ok) break;
      } catch {
        // starting
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const signIn = await fetch(`${url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url },
      body: new URLSearchParams({ email: BENCH_USER.email, password: BENCH_USER.password }),
    });
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0];
    if (!cookie) throw new Error(`Could not sign in to the benchmark server:\n${log}`);
    return { base: url, cookie, child, log: () => log, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function timed(url: string, cookie: string, init: RequestInit = {}): Promise<{ ms: number; ok: boolean; status: number }> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { ...init, redirect: "manual", headers: { Cookie: cookie, ...(init.headers ?? {}) } });
    await res.arrayBuffer();
    return { ms: performance.now() - t0, ok: res.status === 200, status: res.status };
  } catch {
    return { ms: performance.now() - t0, ok: false, status: 0 };
  }
}

/**
 * One GET on a connection of its own (closed after it). `fetch` keeps its connection alive, and the cluster hands a
 * connection, not a request, to a worker: sequential fetches all reach the same worker. New connections go to the
 * workers in turn, so two of these reach both.
 */
export function timedOnNewConnection(url: string, cookie: string): Promise<{ ms: number; ok: boolean; status: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, headers: { Cookie: cookie, Connection: "close" } }, (res) => {
      res.on("data", () => undefined);
      res.on("end", () => resolve({ ms: performance.now() - t0, ok: res.statusCode === 200, status: res.statusCode ?? 0 }));
      res.on("error", () => resolve({ ms: performance.now() - t0, ok: false, status: 0 }));
    });
    req.on("error", () => resolve({ ms: performance.now() - t0, ok: false, status: 0 }));
  });
}

/** The first request on each of the 2 workers (one new connection each, handed out in turn), the slower of the two. */
export async function firstOnEachWorker(server: BenchServer, url: string): Promise<number> {
  const a = await timedOnNewConnection(url, server.cookie);
  const b = await timedOnNewConnection(url, server.cookie);
  if (!a.ok || !b.ok) throw new Error(`${url}: status ${a.status}/${b.status}`);
  return Math.max(a.ms, b.ms);
}

let decisionFlip = 0;
/**
 * Saves one scope decision through the role mapping page's action (what "Save" on /orgs/<slug>/roles does, action
 * only), switching the title between two categories so every save is a real change. Returns its time.
 */
export async function saveScopeDecision(server: BenchServer, slug: string, title = "Compliance Manager"): Promise<{ ms: number; ok: boolean; status: number }> {
  const category = decisionFlip++ % 2 === 0 ? "senior_manager" : "frontline";
  const body = new URLSearchParams({ intent: "decide", title, category, timeManagingPct: "", rationale: `Benchmark decision ${decisionFlip}`, reviewDate: "2027-12-01" });
  return timed(`${server.base}/orgs/${slug}/roles?_data=${encodeURIComponent("routes/orgs.$slug.roles")}`, server.cookie, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.base },
    body,
  });
}

/** Every process under `pid` (the shell, the primary, its workers). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // exited
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

/**
 * Peak resident memory (VmHWM, MiB) of each worker: the Node processes under the server that have no children (not,
 * say, the esbuild service a build at start leaves running beside the primary).
 */
export function workerPeakMemory(server: BenchServer): number[] {
  const all = descendants(server.child.pid!);
  const parents = new Set<number>();
  for (const p of all) for (const c of descendants(p)) if (c) parents.add(p);
  const peaks: number[] = [];
  for (const p of all) {
    if (parents.has(p)) continue;
    try {
      if (fs.readFileSync(`/proc/${p}/comm`, "utf8").trim() !== "node") continue;
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      if (kb > 0) peaks.push(kb / 1024);
    } catch {
      // exited
    }
  }
  return peaks;
}

/** `concurrency` clients requesting `urls` for `seconds` (loopback only); `during` runs beside them (the writes). */
export async function loadTest(label: string, server: BenchServer, urls: string[], concurrency: number, seconds: number, during?: (stopAt: number) => Promise<void>) {
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all([
    ...Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < deadline) {
        const url = urls[(issued++ + worker) % urls.length];
        const r = await timed(url, server.cookie);
        latencies.push(r.ms);
        if (!r.ok) errors++;
      }
    }),
    during ? during(deadline) : Promise.resolve(),
  ]);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p99 = percentile(latencies, 99);
  console.log(
    `  load: ${label}: ${latencies.length} requests in ${elapsed.toFixed(1)} s, ${(latencies.length / elapsed).toFixed(1)} req/s, p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${latencies[latencies.length - 1]?.toFixed(0)} ms, errors ${errors} (target: p99 < 1000 ms, 0 errors at ${concurrency} clients: ${p99 < 1000 && errors === 0 ? "met" : "NOT met"})`,
  );
  return { p50: percentile(latencies, 50), p99, errors };
}
