/**
 * `npm start`: migrates the database, seeds the demo organisations when it is empty, builds the app when the
 * build is missing or older than the sources, and serves it with security headers on PORT, with one worker
 * process per core (WEB_CONCURRENCY) so pages render in parallel.
 */
import { execFileSync } from "node:child_process";
import cluster from "node:cluster";
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { fileURLToPath, pathToFileURL } from "node:url";
import express from "express";
import type { ServerBuild } from "@remix-run/node";
import { appEnv } from "./utils/env.server";
import { getDb } from "./utils/db.server";
import { describeDatabase, migrateToLatest } from "../db/connection";
import { seedDemoIfEmpty } from "../db/seed-demo";
import { DEMO_SIGN_INS } from "../db/demo-sign-ins";
import { securityHeaders, rejectCrossSiteWrites } from "./utils/http-security.server";
import { createBoundedRequestHandler } from "./utils/remix-handler.server";

/**
 * How far V8 lets the heap grow past what the last full collection kept. Left to itself, on a machine with several
 * GiB V8 lets a busy worker's heap reach four times what is live before it collects: a worker holding a
 * 100,000-person organisation (about 200 MiB live) peaked at 800+ MiB under load. At 30% (the default of
 * SERVER_HEAP_GROWTH_PERCENT) it peaks near 500 MiB and collects a little more often (decision 0070). Set first
 * thing in the primary and in every worker (each runs main()); the flag is not allowed in NODE_OPTIONS.
 */
function limitHeapGrowth(): void {
  const percent = appEnv().heapGrowthPercent;
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildEntry = path.join(root, "build", "index.js");

function newestSourceTime(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (full !== path.join(root, "public", "build")) walk(full);
      }
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of ["app", "db", "importers"]) walk(path.join(root, dir));
  walk(path.join(root, "public"));
  return newest;
}

function buildIfNeeded(): void {
  const built = fs.existsSync(buildEntry) ? fs.statSync(buildEntry).mtimeMs : 0;
  if (built > 0 && built >= newestSourceTime()) return;
  console.log("Building the app (first start or sources changed)…");
  execFileSync(process.execPath, [path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "build"], {
    cwd: root,
    stdio: "inherit",
  });
}

/** How many worker processes serve requests: WEB_CONCURRENCY, else one per core (at most 4). */
function workerCount(): number {
  const configured = Number(process.env.WEB_CONCURRENCY);
  if (Number.isInteger(configured) && configured >= 1) return Math.min(configured, 16);
  return Math.max(1, Math.min(4, os.availableParallelism?.() ?? os.cpus().length));
}

/** Migrate, seed and build once, before any worker starts. */
async function prepare(): Promise<void> {
  const env = appEnv();
  const db = getDb();
  await migrateToLatest(db);
  const seeded = env.seedDemo ? await seedDemoIfEmpty(db) : { seeded: false };
  if (seeded.seeded) console.log("Seeded the demo organisations (riverside, oakfield).");
  buildIfNeeded();
}

function announce(): void {
  const env = appEnv();
  console.log(`Competence & Conduct dashboard on http://localhost:${env.port}  (database ${describeDatabase(env.database)})`);
  if (env.seedDemo) {
    console.log("Demo sign-ins (password demo-password):");
    for (const u of DEMO_SIGN_INS) console.log(`  ${u.email.padEnd(26)} ${u.description}`);
  }
}

async function serve(onListening: () => void): Promise<void> {
  const env = appEnv();
  const build = (await import(pathToFileURL(buildEntry).href)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(securityHeaders);
  app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h", index: false }));
  app.use(rejectCrossSiteWrites);
  app.all(
    "*",
    // Bodies are read within their limits (413 beyond) before Remix sees them; see request-limits.server.ts.
    createBoundedRequestHandler({
      build,
      mode: env.production ? "production" : "development",
      // req.ip honours "trust proxy": X-Forwarded-For counts only when it comes from a proxy on this machine.
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientAddress: req.ip ?? "unknown" }),
    }),
  );

  const server = app.listen(env.port, onListening);
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

async function main() {
  limitHeapGrowth();
  const workers = workerCount();
  if (cluster.isPrimary) {
    await prepare();
    if (workers === 1) return serve(announce);
    let listening = 0;
    const fork = () =>
      cluster.fork().on("listening", () => {
        if (++listening === workers) announce();
      });
    let stopping = false;
    for (let i = 0; i < workers; i++) fork();
    cluster.on("exit", (_worker, code, signal) => {
      if (stopping) return;
      console.error(`A server worker stopped (${signal ?? code}); starting another.`);
      fork();
    });
    const stop = () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
      setTimeout(() => process.exit(0), 2000).unref();
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
    return;
  }
  await serve(() => undefined);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
