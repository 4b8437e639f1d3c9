/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: Debian's `postgresql` package (apt-get when missing and
 * running as root, as the browser setup does for Chromium), `initdb` into a memory or temporary folder as an unprivileged
 * user (initdb refuses root: as root the cluster runs as `postgres`), on a free local port, stopped and removed
 * afterwards. Settings favour speed over durability (fsync off): nothing here outlives the run.
 */
import { execFileSync, execSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface PostgresCluster {
  port: number;
  /** A URL for database `name` on this cluster. */
  url: (name: string) => string;
  stop: () => void;
}

/** The folder of initdb and the other server binaries, or null when PostgreSQL is not installed. */
export function binDirectory(): string | null {
  if (process.env.PG_BIN && fs.existsSync(path.join(process.env.PG_BIN, "initdb"))) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], "bin") : null;
}

export function ensurePostgres(): string {
  const found = binDirectory();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error("PostgreSQL tests need Debian's postgresql package (initdb in /usr/lib/postgresql/<version>/bin). Install it with: sudo apt-get install -y postgresql (or set PG_BIN).");
  }
  console.log("Installing Debian's postgresql for the PostgreSQL tests…");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql", { stdio: "inherit" });
  const installed = binDirectory();
  if (!installed) throw new Error("apt-get finished but no initdb was found under /usr/lib/postgresql");
  return installed;
}

export function freePort(): Promise<number> {
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

/**
 * Where the cluster's folder goes: a memory file system (/dev/shm) when it has room, else the temporary folder.
 * Every test database is a copy of the template (some 600 files); on a disk file system creating and deleting them
 * costs more than the rest of a test (1.5 s a copy on this machine's ext4, 0.1 s in memory). PG_TEST_DIR overrides.
 */
function clusterParent(): string {
  if (process.env.PG_TEST_DIR) return process.env.PG_TEST_DIR;
  try {
    const { bavail, bsize } = fs.statfsSync("/dev/shm");
    if (bavail * bsize >= 1024 ** 3) return "/dev/shm";
  } catch {
    // no /dev/shm
  }
  return os.tmpdir();
}

/** Runs a PostgreSQL binary as the unprivileged owner of the cluster (root cannot run initdb or postgres). */
function runAs(user: string | null, bin: string, args: string[]): string {
  const [file, argv] = user ? ["runuser", ["-u", user, "--", bin, ...args]] : [bin, args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = ensurePostgres();
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? "postgres" : null;
  const dir = fs.mkdtempSync(path.join(clusterParent(), "cc-pg-"));
  const data = path.join(dir, "data");
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    fs.chownSync(dir, uid, gid);
  }
  try {
    runAs(user, path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(error as { stderr?: string }).stderr ?? String(error)}`);
  }
  const port = await freePort();
  const options = [
    `-p ${port}`, "-c listen_addresses=127.0.0.1", `-c unix_socket_directories=${dir}`, "-c fsync=off", "-c synchronous_commit=off",
    "-c full_page_writes=off", "-c max_connections=300", "-c shared_buffers=64MB",
  ].join(" ");
  const stop = () => {
    try {
      runAs(user, path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
    } catch {
      // already stopped
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    runAs(user, path.join(bin, "pg_ctl"), ["-D", data, "-l", path.join(dir, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
  } catch (error) {
    const log = fs.existsSync(path.join(dir, "server.log")) ? fs.readFileSync(path.join(dir, "server.log"), "utf8") : "";
    stop();
    throw new Error(`PostgreSQL did not start: ${(error as { stderr?: string }).stderr ?? String(error)}\n${log}`);
  }
  return { port, url: (name) => `postgres://postgres@127.0.0.1:${port}/${name}`, stop };
}
