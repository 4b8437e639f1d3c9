/** `npm start`: builds when the build is missing or stale (scripts/ensure-build.mjs), then runs the compiled server. */
import cluster from "node:cluster";
import { ensureBuild } from "./ensure-build.mjs";

// Workers are forked from this script too: the primary has already built.
if (cluster.isPrimary) await ensureBuild();
await import("../build/serve.js");
