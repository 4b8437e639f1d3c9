/**
 * `npm start`: migrates the database, seeds the demo organisations when it is empty, builds the app when the
 * build is missing or older than the sources, and serves it with security headers on PORT.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { appEnv } from "./utils/env.server";
import { getDb } from "./utils/db.server";
import { migrateToLatest } from "../db/connection";
import { seedDemoIfEmpty } from "../db/seed-demo";
import { DEMO_SIGN_INS } from "../db/demo-sign-ins";
import { securityHeaders, rejectCrossSiteWrites } from "./utils/http-security.server";

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

async function main() {
  const env = appEnv();
  const db = getDb();
  await migrateToLatest(db);
  const seeded = env.seedDemo ? await seedDemoIfEmpty(db) : { seeded: false };
  if (seeded.seeded) console.log("Seeded the demo organisations (riverside, oakfield).");
  buildIfNeeded();
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
    createRequestHandler({
      build,
      mode: env.production ? "production" : "development",
      // req.ip honours "trust proxy": X-Forwarded-For counts only when it comes from a proxy on this machine.
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientAddress: req.ip ?? "unknown" }),
    }),
  );

  const server = app.listen(env.port, () => {
    const demoUsers = DEMO_SIGN_INS;
    console.log(`Competence & Conduct dashboard on http://localhost:${env.port}  (database ${env.databaseFile})`);
    if (env.seedDemo) {
      console.log("Demo sign-ins (password demo-password):");
      for (const u of demoUsers) console.log(`  ${u.email.padEnd(26)} ${u.description}`);
    }
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
