/** `npm run cli -- …`: builds when the build is missing or stale (messages on stderr), then runs the compiled CLI. */
import { ensureBuild } from "./ensure-build.mjs";

await ensureBuild({ quiet: true });
await import("../build/cli.js");
