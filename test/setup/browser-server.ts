/**
 * Browser tests: makes sure Debian's Chromium is installed (apt-get when missing and running as root), then starts
 * the real server on a free port against a fresh database with the demo organisations.
 */
import { execSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
    browserDatabase: string;
  }
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function ensureChromium(): void {
  if (fs.existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Browser tests need Chromium at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  console.log("Installing Debian's chromium for the browser tests…");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
  if (!fs.existsSync(CHROMIUM)) throw new Error("apt-get finished but /usr/bin/chromium is still missing");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitForServer(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(`${url}/login`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server did not start in time:\n${output()}`);
}

export default async function setup(project: TestProject) {
  ensureChromium();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-browser-"));
  const database = path.join(dir, "browser.db");
  const port = await freePort();
  const root = path.resolve(__dirname, "..", "..");
  let log = "";
  const child = spawn(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "app/serve.server.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATABASE_URL: database, SEED_DEMO: "true", NODE_ENV: "production", SESSION_SECRET: "browser-test-secret-0123456789abcdef" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForServer(baseUrl, child, () => log);
  project.provide("baseUrl", baseUrl);
  project.provide("chromiumPath", CHROMIUM);
  project.provide("browserDatabase", database);
  return async () => {
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
