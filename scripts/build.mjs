/**
 * `npm run build`: the Remix build (build/index.js, public/build), then the server and the command line compiled
 * ahead of time (build/serve.js, build/cli.js with its chunks in build/cli-chunks/, node_modules left as imports), so `npm start`
 * and `npm run cli` run plain JavaScript with no TypeScript compiled at run time (decision 0057).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function buildAll({ quiet = false } = {}) {
  // Always the production build: an inherited NODE_ENV (vitest sets "test") would compile React's development JSX,
  // which the server, running in production, cannot render ("jsxDEV is not a function").
  const env = { ...process.env, NODE_ENV: "production" };
  execFileSync(process.execPath, [path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "build"], { cwd: root, env, stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit" });
  const t0 = performance.now();
  // Chunks of an earlier build would otherwise pile up (their names change with their content).
  fs.rmSync(path.join(root, "build", "cli-chunks"), { recursive: true, force: true });
  const common = { absWorkingDir: root, outdir: "build", bundle: true, platform: "node", format: "esm", target: "node20", sourcemap: "linked", tsconfig: "tsconfig.json", logLevel: "warning" };
  await Promise.all([
    // The server imports its packages from node_modules, as the Remix build beside it does.
    build({ ...common, entryPoints: { serve: "app/serve.server.ts" }, packages: "external" }),
    // The command line carries its pure-JavaScript packages inside the one file (start-up is mostly resolving and
    // reading module files); the native driver and the packages loaded only when needed stay outside.
    // Split at each dynamic import (one per command): --help reads build/cli.js alone, a command reads its own
    // chunks from build/cli-chunks/ (decision 0060).
    build({
      ...common,
      entryPoints: { cli: "importers/cli.ts" },
      splitting: true,
      chunkNames: "cli-chunks/[name]-[hash]",
      external: ["better-sqlite3", "pg", "nodemailer", "read-excel-file", "read-excel-file/*", "pdfjs-dist", "playwright-core"],
      // Bundled CommonJS packages call require() for Node's own modules.
      banner: { js: 'import { createRequire as __ccCreateRequire } from "node:module"; const require = __ccCreateRequire(import.meta.url);' },
    }),
  ]);
  if (!quiet) console.log(`[info] server and command line compiled to build/serve.js, build/cli.js (${(performance.now() - t0).toFixed(0)} ms)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildAll();
