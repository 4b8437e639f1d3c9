/**
 * Any app server serves any request (issue [2.5]): two real server processes (`npm start`'s code, one worker each,
 * their own data folders) on one PostgreSQL database. A session made on one is valid on the other; a CLI write shows
 * on both at their next request; an upload staged on one is previewed and applied on the other. PostgreSQL only
 * (several servers on one SQLite file is not a supported deployment). Builds first when the build is stale, as `npm start` does.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freshDatabase, onPostgres, type TestDatabase } from "../../helpers/database";
import { createTestOrganisation, createTestUser } from "../../helpers/requests";
import { freePort } from "../../setup/postgres-cluster";
import { runCommand, type CliIO } from "../../../importers/cli-commands";
import { ensureBuild } from "../../../scripts/ensure-build.mjs";

const root = path.resolve(import.meta.dirname, "../../..");
let t: TestDatabase;
const servers: { process: ChildProcess; base: string; dir: string; log: string }[] = [];

async function startServer(): Promise<(typeof servers)[number]> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-two-servers-"));
  const entry = { process: null as unknown as ChildProcess, base: `http://127.0.0.1:${port}`, dir, log: "" };
  // What `npm start` runs (scripts/start.mjs, after the build check made once in beforeAll): the compiled server.
  entry.process = spawn(process.execPath, ["build/serve.js"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATABASE_URL: t.url, DATA_DIR: dir, SEED_DEMO: "false", NODE_ENV: "production", SESSION_SECRET: "two-servers-secret-0123456789abcdef", WEB_CONCURRENCY: "1", DATABASE_POOL_SIZE: "3" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  entry.process.stdout?.on("data", (d) => (entry.log += d));
  entry.process.stderr?.on("data", (d) => (entry.log += d));
  servers.push(entry);
  return entry;
}

async function waitUntilUp(server: (typeof servers)[number]): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.process.exitCode !== null) throw new Error(`The server exited:\n${server.log}`);
    try {
      if ((await fetch(`${server.base}/login`)).ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`The server did not start:\n${server.log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const page = (server: (typeof servers)[number], pathName: string, cookie: string) => fetch(`${server.base}${pathName}`, { headers: { Cookie: cookie }, redirect: "manual" });

beforeAll(async () => {
  if (!onPostgres) return;
  // Builds when the build is missing or older than the sources, as `npm start` does (npm test has just built).
  await ensureBuild({ quiet: true });
  t = freshDatabase();
  const riverside = await createTestOrganisation(t.db, "riverside");
  await createTestUser(t.db, "hr@example.org", "hr", [riverside]);
  const [a, b] = [await startServer(), await startServer()];
  await Promise.all([waitUntilUp(a), waitUntilUp(b)]);
}, 180_000);

afterAll(async () => {
  for (const server of servers) server.process.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  for (const server of servers) {
    if (server.process.exitCode === null) server.process.kill("SIGKILL");
    fs.rmSync(server.dir, { recursive: true, force: true });
  }
  await t?.close();
});

describe.skipIf(!onPostgres)("two app servers on one PostgreSQL database [PostgreSQL only: several servers on one SQLite file is not a deployment]", () => {
  test("a session made on A is valid on B; a CLI write shows on both at their next request; an upload staged on A is applied on B", { timeout: 120_000 }, async () => {
    const [a, b] = servers;
    const signIn = await fetch(`${a.base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: a.base },
      body: new URLSearchParams({ email: "hr@example.org", password: "correct horse battery" }),
    });
    expect(signIn.status).toBe(302);
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0];
    expect(cookie).not.toBe("");
    for (const server of [a, b]) {
      const people = await page(server, "/orgs/riverside/people", cookie);
      expect(people.status, `${server.base}: ${people.headers.get("location")}`).toBe(200);
      expect(await people.text()).not.toContain("Okonkwo");
    }

    // The CLI (its command, in this process) writes to the database both servers read.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-two-servers-cli-"));
    const csv = path.join(dir, "staff.csv");
    fs.writeFileSync(csv, "employee_ref,first_name,last_name,job_title,start_date\nC1,Ada,Okonkwo,Housing Officer,2021-03-01\n");
    let output = "";
    const io: CliIO = { stdout: (s) => (output += s), stderr: (s) => (output += s), isTTY: false };
    expect(await runCommand(["import", "staff", csv, "--org", "riverside", "--mode", "partial"], io, { db: t.db, databaseFile: t.url }), output).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
    for (const server of [a, b]) expect(await (await page(server, "/orgs/riverside/people", cookie)).text()).toContain("Okonkwo");

    // Staged on A…
    const form = new FormData();
    form.set("kind", "staff");
    form.set("mode", "partial");
    form.set("file", new File(["employee_ref,first_name,last_name,job_title,start_date\nW1,Bea,Nwosu,Housing Officer,2022-04-01\n"], "from-a.csv", { type: "text/csv" }));
    const staged = await fetch(`${a.base}/orgs/riverside/imports`, { method: "POST", body: form, redirect: "manual", headers: { Cookie: cookie, Origin: a.base } });
    expect(staged.status, a.log).toBe(302);
    const location = staged.headers.get("location")!;
    expect(location).toMatch(/\/orgs\/riverside\/imports\/[a-f0-9]{32}$/);
    // …listed and previewed on B…
    expect(await (await page(b, "/orgs/riverside/imports", cookie)).text()).toContain("from-a.csv");
    const preview = await page(b, location, cookie);
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain("from-a.csv");
    // …and applied on B.
    const applied = await fetch(`${b.base}${location}`, { method: "POST", redirect: "manual", headers: { Cookie: cookie, Origin: b.base, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ intent: "apply" }) });
    expect(applied.status, b.log).toBe(302);
    expect(decodeURIComponent(applied.headers.get("location") ?? "")).toContain("1 added");
    for (const server of [a, b]) expect(await (await page(server, "/orgs/riverside/people", cookie)).text()).toContain("Nwosu");
    // Both now say it was applied.
    expect(await (await page(a, location, cookie)).text()).toMatch(/applied/i);
  });
});
