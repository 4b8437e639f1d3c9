/**
 * Reliability against the real server (`npm start`'s code, one worker process, loopback only, fresh database):
 * bounded bodies, the PDF queue, redirects, cache headers, file modes. Needs `npm run build` first (npm test does it).
 * Margins are generous so a busy 2-core machine does not make it flaky.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
let dir: string;
let database: string;
let server: ChildProcess;
let base: string;
let log = "";
const PDF_PAGES = 2;
const PDF_QUEUE = 2;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** The process that serves requests: tsx's CLI runs the server in a child node process. */
function serverProcess(): number {
  const rows = execFileSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" }).trim().split("\n").map((l) => l.trim().split(/\s+/).map(Number));
  let pid = server.pid!;
  for (;;) {
    const child = rows.find(([, ppid]) => ppid === pid);
    if (!child) return pid;
    const args = fs.readFileSync(`/proc/${child[0]}/cmdline`, "utf8");
    if (!args.includes("serve.server.ts")) return pid;
    pid = child[0];
  }
}

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
}

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, "X-Forwarded-For": `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
    body: new URLSearchParams({ email, password: "demo-password" }),
  });
  expect(res.status).toBe(302);
  return (res.headers.get("set-cookie") ?? "").split(";")[0];
}

/**
 * Sends `total` bytes (chunked unless a length is given) in `chunk`-sized writes, stopping as soon as the server
 * answers; resolves with the status and how much was sent.
 */
function sendBody(pathName: string, options: { total: number; chunk: Buffer; headers?: Record<string, string>; prefix?: Buffer }): Promise<{ status: number; sent: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(pathName, base);
    let sent = 0;
    let answered = false;
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", agent: false, headers: { Origin: base, ...options.headers } }, (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, sent, body });
        req.destroy();
      });
      res.on("error", () => resolve({ status: res.statusCode ?? 0, sent, body }));
    });
    req.on("error", (error) => {
      // The server may close the connection as it answers: give the answer a moment to arrive.
      setTimeout(() => {
        if (!answered) reject(error);
      }, 2000);
    });
    // One chunk at a time, waiting for each write, so the answer is read as soon as it arrives.
    const pump = () => {
      if (answered) return;
      if (sent >= options.total) {
        req.end();
        return;
      }
      sent += options.chunk.length;
      req.write(options.chunk, (error) => {
        if (!error) setImmediate(pump);
      });
    };
    if (options.prefix) {
      req.write(options.prefix);
      sent += options.prefix.length;
    }
    if (options.total === 0) req.end();
    else pump();
  });
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, "build", "index.js"))) throw new Error("Run `npm run build` first (npm test does).");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-limits-"));
  database = path.join(dir, "data", "app.db");
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "app/serve.server.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATABASE_URL: database, SEED_DEMO: "true", NODE_ENV: "production", SESSION_SECRET: "limits-test-secret-0123456789abcdef", WEB_CONCURRENCY: "1", PDF_PAGES: String(PDF_PAGES), PDF_QUEUE: String(PDF_QUEUE), PDF_PER_USER: "2" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d) => (log += d));
  server.stderr?.on("data", (d) => (log += d));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The server exited:\n${log}`);
    try {
      if ((await fetch(`${base}/login`)).ok) break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`The server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}, 150_000);

afterAll(async () => {
  server?.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  if (server && server.exitCode === null) server.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("request bodies are bounded before they are buffered", () => {
  test("a 300 MB chunked sign-in body is refused with 413 and the server's memory grows by less than 50 MB", { timeout: 180_000 }, async () => {
    // Warm the sign-in path first so first-use allocations are not counted.
    await fetch(`${base}/login`, { method: "POST", headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" }, body: "email=a%40b.c&password=x" });
    const serving = serverProcess();
    const before = rssKb(serving);
    // On a loaded machine the closing connection can, rarely, reset before the answer is read: one more try.
    const send = () => sendBody("/login", { total: 300 * 1024 * 1024, chunk: Buffer.alloc(1024 * 1024, "a"), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    const result = await send()
      .catch(() => send())
      .catch((error: Error) => ({ status: 0, sent: Number.NaN, body: "", reset: String(error) }));
    const grewMb = (rssKb(serving) - before) / 1024;
    console.log(`300 MB chunked /login (pid ${serving}, RSS before ${(before / 1024).toFixed(0)} MB): ${result.status} after ${(result.sent / 1024 / 1024).toFixed(0)} MB sent; server RSS grew ${grewMb.toFixed(1)} MB`);
    // The answer is 413; on a loaded machine the closing connection can reset before the client reads it (then
    // the server has still refused the body: it stopped keeping it and the memory bound below holds).
    if (result.status !== 0) {
      expect(result.status).toBe(413);
      expect(result.body).toContain("too large");
      expect(result.sent).toBeLessThan(300 * 1024 * 1024);
    }
    expect(grewMb).toBeLessThan(50);
    // The server is still fine.
    expect((await fetch(`${base}/login`)).status).toBe(200);
  });

  test("a declared Content-Length over the form limit is refused before the body is read", async () => {
    const result = await sendBody("/orgs/riverside/settings", { total: 0, chunk: Buffer.alloc(0), headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(5 * 1024 * 1024) } });
    expect(result.status).toBe(413);
  });

  test("the upload limit holds for the whole multipart body, chunked or not: four 45 MB parts are refused", { timeout: 120_000 }, async () => {
    const cookie = await signIn("hr@demo.example");
    const boundary = "----limits";
    const part = (name: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.csv"\r\nContent-Type: text/csv\r\n\r\n`);
    // 4 × 45 MB parts: framing, then filler; the server answers once the whole body passes the limit.
    const filler = Buffer.alloc(1024 * 1024, "b");
    const result = await sendBody("/orgs/riverside/imports", { total: 180 * 1024 * 1024, chunk: filler, prefix: part("file"), headers: { Cookie: cookie, "Content-Type": `multipart/form-data; boundary=${boundary}` } }).catch((error) => {
      console.log(log.slice(-3000));
      throw error;
    });
    expect(result.status).toBe(413);
    expect(result.body).toContain("limit for a whole upload");
    expect(result.sent).toBeLessThan(180 * 1024 * 1024);
    // Nothing was staged (staged uploads are rows of the database, migration 0018).
    const sqlite = new SQLite(database, { readonly: true });
    expect(sqlite.prepare("select count(*) as n from staged_uploads").get()).toEqual({ n: 0 });
    sqlite.close();
    const incoming = path.join(path.dirname(database), "incoming");
    expect(fs.existsSync(incoming) ? fs.readdirSync(incoming) : []).toEqual([]);
  });

  test("an upload whose file name has = and ; is staged under that name", async () => {
    const cookie = await signIn("hr@demo.example");
    const form = new FormData();
    form.set("kind", "roles");
    form.set("file", new File(["job_title,category\nCaretaker,out_of_scope\n"], "roles=2024; final.csv", { type: "text/csv" }));
    const res = await fetch(`${base}/orgs/riverside/imports`, { method: "POST", body: form, redirect: "manual", headers: { Cookie: cookie, Origin: base } });
    expect(res.status).toBe(302);
    const page = await fetch(`${base}${res.headers.get("location")}`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("roles=2024; final.csv");
  });
});

describe("PDFs share one Chromium with a bounded queue", () => {
  test("eight report PDFs at once: one browser, at most the configured pages, the rest 503 with Retry-After", { timeout: 180_000 }, async () => {
    const cookies = await Promise.all(["hr@demo.example", "exec@demo.example", "consultant@demo.example", "admin@demo.example"].map(signIn));
    let maxBrowsers = 0;
    let maxRenderers = 0;
    const sample = () => {
      const tree = execFileSync("ps", ["-e", "-o", "pid=,ppid=,args="], { encoding: "utf8" }).split("\n");
      const rows = tree.map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l)).filter((m): m is RegExpExecArray => !!m);
      const children = new Map<string, string[]>();
      for (const [, pid, ppid] of rows) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
      const mine = new Set<string>();
      const walk = (pid: string) => {
        for (const c of children.get(pid) ?? []) if (!mine.has(c)) (mine.add(c), walk(c));
      };
      walk(String(server.pid));
      const chromium = rows.filter(([, pid, , args]) => mine.has(pid) && /^chrom(e|ium)$/.test(path.basename(args.split(" ")[0])));
      // A browser is a top-level Chromium (a child forked by a browser shows the browser's arguments until it execs).
      const chromiumPids = new Set(chromium.map(([, pid]) => pid));
      maxBrowsers = Math.max(maxBrowsers, chromium.filter(([, , ppid, args]) => !args.includes("--type=") && !chromiumPids.has(ppid)).length);
      maxRenderers = Math.max(maxRenderers, chromium.filter(([, , , args]) => args.includes("--type=renderer")).length);
    };
    const sampler = setInterval(sample, 150);
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const res = await fetch(`${base}/orgs/riverside/reports/executive.pdf`, { headers: { Cookie: cookies[i % 4] } });
        const body = Buffer.from(await res.arrayBuffer());
        return { status: res.status, retryAfter: res.headers.get("retry-after"), pdf: body.subarray(0, 5).toString() === "%PDF-", text: body.toString("utf8", 0, 2000) };
      }),
    );
    clearInterval(sampler);
    sample();
    const ok = results.filter((r) => r.status === 200);
    const busy = results.filter((r) => r.status === 503);
    console.log(`8 PDFs: ${ok.length} made, ${busy.length} busy in ${((Date.now() - started) / 1000).toFixed(1)} s; at most ${maxBrowsers} Chromium browser process(es), ${maxRenderers} renderer(s)`);
    expect(ok.length + busy.length).toBe(8);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(ok.length).toBeLessThanOrEqual(PDF_PAGES + PDF_QUEUE);
    expect(busy.length).toBeGreaterThanOrEqual(8 - PDF_PAGES - PDF_QUEUE);
    for (const r of ok) expect(r.pdf).toBe(true);
    for (const r of busy) {
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
      expect(r.text).toContain("Busy, try again in a moment");
    }
    expect(maxBrowsers).toBeLessThanOrEqual(1);
    // Renderers of finished pages linger for a moment; before, eight PDFs started eight browsers and 75 processes.
    expect(maxRenderers).toBeLessThanOrEqual(2 * PDF_PAGES + 1);
  });

  test("one person's PDFs beyond their limit are 503 at once", { timeout: 120_000 }, async () => {
    const cookie = await signIn("exec@demo.example");
    const results = await Promise.all(Array.from({ length: 4 }, () => fetch(`${base}/orgs/riverside/reports/executive.pdf`, { headers: { Cookie: cookie } }).then(async (r) => (await r.arrayBuffer(), r.status))));
    expect(results.filter((s) => s === 503).length).toBeGreaterThanOrEqual(2);
    expect(results.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
  });

  test("a snapshot PDF for a missing id or another organisation's snapshot is 404", async () => {
    const cookie = await signIn("consultant@demo.example");
    const saved = await fetch(`${base}/orgs/oakfield/reports`, { method: "POST", redirect: "manual", headers: { Cookie: cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ label: "Oakfield board" }) });
    expect(saved.status).toBe(302);
    const hr = await signIn("hr@demo.example");
    for (const id of ["999999", "abc", "1", "2", "3"]) {
      const res = await fetch(`${base}/orgs/riverside/reports/executive.pdf?snapshot=${id}`, { headers: { Cookie: hr } });
      // Riverside has no snapshots of its own in a fresh demo database: every id is missing or Oakfield's.
      expect(res.status, id).toBe(404);
    }
  });
});

describe("sign-in and pages", () => {
  test("every redirect variant after sign-in stays on the site", async () => {
    const variants = ["/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "//evil.example", "/\\evil.example", "\\\\evil.example", "https://evil.example", "http:evil.example", " //evil.example", "/%09/evil.example", "/\u0000/evil", "javascript:alert(1)", "/orgs/riverside/people?x=1"];
    for (const redirectTo of variants) {
      const res = await fetch(`${base}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, "X-Forwarded-For": `10.8.0.${variants.indexOf(redirectTo) + 1}` },
        body: new URLSearchParams({ email: "hr@demo.example", password: "demo-password", redirectTo }),
      });
      expect(res.status, JSON.stringify(redirectTo)).toBe(302);
      const location = res.headers.get("location")!;
      expect(new URL(location, base).origin, JSON.stringify(redirectTo)).toBe(base);
      expect(location.startsWith("/") && !location.startsWith("//") && !/[\u0000-\u001f\\]/.test(location), JSON.stringify(location)).toBe(true);
    }
  });

  test("signed-in pages and exports say Cache-Control: no-store", async () => {
    const cookie = await signIn("hr@demo.example");
    for (const p of ["/orgs/riverside", "/orgs/riverside/people", "/orgs/riverside/people.csv", "/orgs/riverside/imports"]) {
      const res = await fetch(`${base}${p}`, { headers: { Cookie: cookie } });
      expect(res.status, p).toBe(200);
      expect(res.headers.get("cache-control"), p).toContain("no-store");
    }
  });

  test("a forged ?notice= shows no banner", async () => {
    const cookie = await signIn("hr@demo.example");
    const html = await (await fetch(`${base}/orgs/riverside/imports?notice=${encodeURIComponent("Call 0800 FAKE to verify your account")}`, { headers: { Cookie: cookie } })).text();
    expect(html).not.toContain("0800 FAKE");
  });

  test("the data directory is 0700; the database, its WAL and a backup are 0600", { timeout: 60_000 }, async () => {
    const mode = (f: string) => fs.statSync(f).mode & 0o777;
    expect(mode(path.dirname(database))).toBe(0o700);
    expect(mode(database)).toBe(0o600);
    expect(mode(`${database}-wal`)).toBe(0o600);
    expect(mode(`${database}-shm`)).toBe(0o600);
    const cookie = await signIn("hr@demo.example");
    const backup = path.join(dir, "backups", "copy.db");
    execFileSync(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "importers/cli.ts", "backup", backup], { cwd: root, env: { ...process.env, DATABASE_URL: database } });
    expect(mode(backup)).toBe(0o600);
    // Session ids are stored hashed: the cookie's id is not in the database.
    const signed = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
    const id = JSON.parse(Buffer.from(signed.slice(0, signed.lastIndexOf(".")), "base64").toString("utf8")) as string;
    expect(id.length).toBeGreaterThan(20);
    expect(fs.readFileSync(backup).includes(Buffer.from(id))).toBe(false);
  });
});
