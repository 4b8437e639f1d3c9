/**
 * Builds (scripts/build.mjs) when any of build/index.js, build/serve.js, build/cli.js is missing or older than the
 * newest file under app/, db/, importers/ or public/ (a clean clone, or sources edited since the last build).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BUILT = ["index.js", "serve.js", "cli.js"].map((f) => path.join(root, "build", f));

function newestSourceTime() {
  let newest = 0;
  const skip = path.join(root, "public", "build");
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (full !== skip) walk(full);
      } else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of ["app", "db", "importers", "public"]) walk(path.join(root, dir));
  return newest;
}

/** True when every built file exists and is newer than every source file. */
export function buildIsFresh() {
  let oldest = Infinity;
  for (const f of BUILT) oldest = Math.min(oldest, fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0);
  return oldest > 0 && oldest >= newestSourceTime();
}

export async function ensureBuild({ quiet = false } = {}) {
  if (buildIsFresh()) return;
  (quiet ? console.error : console.log)("Building the app (first start or sources changed)…");
  const { buildAll } = await import("./build.mjs");
  await buildAll({ quiet });
}
