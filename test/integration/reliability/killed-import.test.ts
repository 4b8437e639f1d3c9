/** An import killed half-way through applying, or while it writes its snapshot, leaves the database exactly as it was. */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { openDatabase } from "../../../db/connection";
import { freshDatabase, type TestDatabase } from "../../helpers/database";

let t: TestDatabase;
beforeEach(() => {
  t = freshDatabase();
});
afterEach(async () => t.close());

async function dump(url: string) {
  const db = openDatabase(url);
  const result = {
    staff: await db.selectFrom("staff").selectAll().orderBy("id").execute(),
    runs: await db.selectFrom("import_runs").selectAll().execute(),
    changes: await db.selectFrom("import_changes").selectAll().execute(),
    audit: await db.selectFrom("audit_events").selectAll().execute(),
    snapshots: await db.selectFrom("snapshots").selectAll().execute(),
    snapshotPeople: await db.selectFrom("snapshot_people").selectAll().execute(),
  };
  await db.destroy();
  return result;
}

// The kill comes at the first write to `table` inside the one transaction.
for (const [when, table] of [
  ["during apply", "staff"],
  ["while it writes its snapshot, after every staff row and the change set", "snapshot_people"],
] as const) {
  test(`killing the process ${when} leaves the database exactly as before`, { timeout: 60_000 }, async () => {
    const org = await t.db.insertInto("organisations").values({ slug: "riverside", name: "Riverside", homes_owned: 5000 }).returning("id").executeTakeFirstOrThrow();
    await t.db
      .insertInto("staff")
      .values(Array.from({ length: 50 }, (_, i) => ({ organisation_id: org.id, employee_ref: `OLD${i}`, job_title: "Housing Officer", job_title_normalised: "housing officer", start_date: "2020-01-01" })))
      .execute();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-kill-"));
    const csv = path.join(dir, "big.csv");
    const lines = ["employee_ref,first_name,last_name,job_title,start_date"];
    for (let i = 0; i < 20_000; i++) lines.push(`NEW${i},Ann,Lee,Neighbourhood Manager,2021-03-0${(i % 9) + 1}`);
    fs.writeFileSync(csv, lines.join("\n"));
    const before = await dump(t.url);

    const root = path.resolve(import.meta.dirname, "../../..");
    // Node itself with tsx's loader, not tsx's command (which runs the script in a second process that a SIGKILL of
    // the first leaves running: the import would carry on and commit after the check).
    const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "import-child.ts"), t.url, csv, table], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const outcome = await new Promise<string>((resolve) => {
      child.stdout.on("data", (d) => {
        output += d;
        if (output.includes("IN_APPLY")) {
          child.kill("SIGKILL");
          resolve("killed");
        }
        if (output.includes("FINISHED")) resolve("finished");
      });
      child.stderr.on("data", (d) => (output += d));
      child.on("exit", () => resolve(output.includes("IN_APPLY") ? "killed" : `exited: ${output}`));
    });
    expect(outcome).toBe("killed");
    expect(output).toContain("IN_APPLY in transaction=true");
    if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once("exit", r));

    const after = await dump(t.url);
    expect(after).toEqual(before);
    fs.rmSync(dir, { recursive: true, force: true });
  });
}
