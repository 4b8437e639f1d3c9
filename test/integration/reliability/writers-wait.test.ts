/**
 * Writers wait instead of failing; one staged upload gives one applied run; the CLI tells "busy" from "rejected";
 * sign-in costs the same for known and unknown accounts; disk full reports itself. Generous margins throughout.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createDatabase } from "../../../db/connection";
import { DatabaseWriteError } from "../../../db/sqlite-dialect";
import { freshDatabase, onPostgres, sqliteOnly, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, postRequest, sessionCookie, TEST_ORIGIN } from "../../helpers/requests";
import { action as uploadAction } from "../../../app/routes/orgs.$slug.imports._index";
import { action as stagedAction } from "../../../app/routes/orgs.$slug.imports.$token";
import { action as loginAction } from "../../../app/routes/login";
import { runImport } from "../../../importers";
import { buildIsFresh } from "../../../scripts/ensure-build.mjs";
import { organisationScope } from "../../helpers/scope";

const root = path.resolve(import.meta.dirname, "../../..");
let t: TestDatabase;
let hr: string;
let dir: string;
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: { clientAddress: "127.0.0.1" } });

function staffCsv(prefix: string, n: number): string {
  const lines = ["employee_ref,first_name,last_name,job_title,start_date"];
  for (let i = 0; i < n; i++) lines.push(`${prefix}${i},Ann,Lee,Housing Officer,2021-03-01`);
  return `${lines.join("\n")}\n`;
}

async function stage(csv: string, fileName = "staff.csv", mode = "partial"): Promise<string> {
  const form = new FormData();
  form.set("kind", "staff");
  form.set("mode", mode);
  form.set("file", new File([csv], fileName, { type: "text/csv" }));
  const res = await call(() => uploadAction(args(new Request(`${TEST_ORIGIN}/orgs/riverside/imports`, { method: "POST", body: form, headers: { Cookie: hr, Origin: TEST_ORIGIN } }), { slug: "riverside" })));
  expect(res.status).toBe(302);
  return res.response!.headers.get("Location")!.split("/").pop()!;
}

const apply = (token: string) => call(() => stagedAction(args(postRequest(`/orgs/riverside/imports/${token}`, { intent: "apply" }, hr), { slug: "riverside", token })));

/**
 * The command line as `npm run cli` runs it (build/cli.js) when the build is up to date with the sources, as it is
 * under `npm test`; otherwise the sources through tsx's loader in one process (so an edit is tested without a build).
 */
const cliCommand = buildIsFresh() ? ["build/cli.js"] : ["--import", "tsx", "importers/cli.ts"];

function cli(argv: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...cliCommand, ...argv], { cwd: root, env: { ...process.env, DATABASE_URL: t.url, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

/**
 * Another process holds the write lock for `ms`, as a CLI import or backup would: on SQLite BEGIN IMMEDIATE, on
 * PostgreSQL the organisations' rows (every write through the scope bumps its organisation's revision first).
 */
function holdWriteLock(url: string, ms: number): Promise<{ release: Promise<void>; stop: () => void }> {
  return new Promise((resolve) => {
    const script = onPostgres
      ? `const {Client}=require(${JSON.stringify(require.resolve("pg"))});const c=new Client(${JSON.stringify(url)});(async()=>{await c.connect();await c.query("begin");await c.query("update organisations set name = name");process.stdout.write("LOCKED\\n");setTimeout(async()=>{await c.query("commit");process.exit(0)},${ms});})();`
      : `const S=require(${JSON.stringify(require.resolve("better-sqlite3"))});const d=new S(${JSON.stringify(url)});d.exec("begin immediate");d.exec("update organisations set name = name");process.stdout.write("LOCKED\\n");setTimeout(()=>{d.exec("commit");process.exit(0)},${ms});`;
    const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    const release = new Promise<void>((r) => child.on("exit", () => r()));
    child.stdout.on("data", (d) => {
      if (String(d).includes("LOCKED")) resolve({ release, stop: () => child.kill("SIGKILL") });
    });
  });
}

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  const riverside = await createTestOrganisation(t.db, "riverside");
  hr = await sessionCookie(await createTestUser(t.db, "hr@example.org", "hr", [riverside]));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-writers-"));
});
afterEach(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("writers wait", () => {
  test("three simultaneous applies of one upload give exactly one applied run; the others answer 'already applied'", { timeout: 60_000 }, async () => {
    const token = await stage(staffCsv("E", 2000));
    const results = await Promise.all([apply(token), apply(token), apply(token)]);
    const runs = await t.db.selectFrom("import_runs").selectAll().execute();
    expect(runs.filter((r) => r.status === "applied")).toHaveLength(1);
    expect(runs.filter((r) => r.status !== "rejected")).toHaveLength(1);
    expect(await t.db.selectFrom("snapshots").selectAll().execute()).toHaveLength(1);
    const locations = results.map((r) => decodeURIComponent(r.response?.headers.get("Location") ?? ""));
    expect(results.every((r) => r.status === 302)).toBe(true);
    expect(locations.filter((l) => l.includes("2000 added"))).toHaveLength(1);
    expect(locations.filter((l) => l.includes("already applied"))).toHaveLength(2);
    // Once applied, a later submit goes to the upload's page, which says it was applied (nothing more is written).
    const late = await apply(token);
    expect(late.status).toBe(302);
    expect(late.response?.headers.get("Location")).toMatch(new RegExp(`/imports/${token}$`));
  });

  test("a web apply while another process holds the write lock waits and succeeds", { timeout: 60_000 }, async () => {
    const token = await stage(staffCsv("W", 500));
    const lock = await holdWriteLock(t.url, 1500);
    const applied = await apply(token);
    await lock.release;
    expect(applied.status).toBe(302);
    expect(decodeURIComponent(applied.response!.headers.get("Location")!)).toContain("500 added");
  });

  test("a CLI import and a web apply into one organisation at the same time both succeed", { timeout: 120_000 }, async () => {
    const token = await stage(staffCsv("WEB", 8000));
    const file = path.join(dir, "cli.csv");
    fs.writeFileSync(file, staffCsv("CLI", 8000));
    const [cliResult, web] = await Promise.all([cli(["import", "staff", file, "--org", "riverside", "--mode", "partial"]), apply(token)]);
    expect(cliResult.code, cliResult.output).toBe(0);
    expect(web.status).toBe(302);
    const runs = await t.db.selectFrom("import_runs").select(["status"]).execute();
    expect(runs.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect(Number((await t.db.selectFrom("staff").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n)).toBe(16_000);
  });

  test("the CLI waits for a writer, and exits 3 (busy, not 'rejected') when the wait runs out", { timeout: 120_000 }, async () => {
    const file = path.join(dir, "s.csv");
    fs.writeFileSync(file, staffCsv("C", 50));
    const lock = await holdWriteLock(t.url, 1500);
    const waited = await cli(["import", "staff", file, "--org", "riverside", "--mode", "partial"]);
    await lock.release;
    expect(waited.code, waited.output).toBe(0);
    // Held until the CLI has given up, however slowly it starts on a busy machine.
    const longLock = await holdWriteLock(t.url, 120_000);
    const busy = await cli(["import", "staff", file, "--org", "riverside", "--mode", "partial"], { DATABASE_WAIT_MS: "500" });
    longLock.stop();
    await longLock.release;
    expect(busy.code, busy.output).toBe(3);
    expect(busy.output).toContain("The database is busy");
  });

  sqliteOnly("max_page_count is SQLite's way to fill the disk; PostgreSQL has none short of filling a real disk")("disk full is reported as such, not as 'cannot rollback'", async () => {
    const sqlite = new SQLite(t.file);
    const pages = (sqlite.pragma("page_count", { simple: true }) as number) + 2;
    sqlite.close();
    const { db, sqlite: raw } = createDatabase(t.file);
    raw.pragma(`max_page_count = ${pages}`);
    const organisation = await db.selectFrom("organisations").select("id").executeTakeFirstOrThrow();
    const error = await runImport(await organisationScope(db, organisation.id, { actor: "test", today: "2026-11-23" }), { kind: "staff", fileName: "big.csv", bytes: Buffer.from(staffCsv("F", 5000)), mode: "partial" }).catch((e: unknown) => e);
    await db.destroy();
    expect(error).toBeInstanceOf(DatabaseWriteError);
    expect(String((error as Error).message)).toMatch(/full/);
    expect(String((error as Error).message)).not.toMatch(/cannot rollback/);
  });
});

describe("sign-in costs the same whether or not the account exists", () => {
  test("median times for a wrong password and an unknown email are within a factor of 1.5", { timeout: 120_000 }, async () => {
    await createTestUser(t.db, "known@example.org", "hr", []);
    const attempt = async (email: string, address: string) => {
      const request = new Request(`${TEST_ORIGIN}/login`, { method: "POST", body: new URLSearchParams({ email, password: "wrong password" }), headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: TEST_ORIGIN } });
      const started = process.hrtime.bigint();
      const res = await call(() => loginAction({ request, params: {}, context: { clientAddress: address } }));
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      expect(res.status).toBe(401);
      return ms;
    };
    await attempt("warm-up@example.org", "10.0.0.250");
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 8; i++) {
      // Fresh addresses and (for the known account) a reset failure count, so throttling never answers early.
      await t.db.deleteFrom("sign_in_attempts").execute();
      known.push(await attempt("known@example.org", `10.0.1.${i}`));
      unknown.push(await attempt(`nobody${i}@example.org`, `10.0.2.${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const ratio = median(known) / median(unknown);
    console.log(`sign-in medians: known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms, ratio ${ratio.toFixed(2)}`);
    expect(ratio).toBeGreaterThan(1 / 1.5);
    expect(ratio).toBeLessThan(1.5);
  });
});
