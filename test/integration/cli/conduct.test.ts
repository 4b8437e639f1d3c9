// The conduct commands: policy add, and imports of acknowledgements, supervisions and training.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, type TestDatabase } from "../../helpers/database";
import { runCommand, type CliIO } from "../../../importers/cli-commands";
import { addDays } from "../../../app/compliance/dates";
import { todayIso } from "../../../app/models/compliance.server";

let t: TestDatabase;
let dir: string;
beforeEach(() => {
  t = freshDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-conduct-cli-"));
});
afterEach(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false };
  const code = await runCommand(argv, io, { db: t.db, databaseFile: t.file });
  return { code, stdout, stderr };
}
const file = (name: string, lines: string[]) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, lines.join("\n") + "\n");
  return f;
};
const count = async (table: "policy_versions" | "conduct_acknowledgements" | "supervision_meetings" | "training_completions") =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

describe("conduct on the command line", () => {
  test("policy add records a version through the policy command; bad input is exit 1 naming the option; imports check, dry-run and apply", async () => {
    const today = todayIso();
    const approved = addDays(today, -30);
    expect((await cli("org", "create", "riverside", "--name", "Riverside Homes", "--homes", "1200")).code).toBe(0);
    expect((await cli("import", "staff", file("staff.csv", ["employee_ref,first_name,last_name,job_title", "E001,Ada,Khan,Housing Officer", "E002,Ben,Ode,Housing Officer"]), "--org", "riverside")).code).toBe(0);

    const added = await cli("policy", "add", "--org", "riverside", "--kind", "code_of_conduct", "--version", "2026", "--approved-on", approved, "--review-by", addDays(today, 300), "--url", "https://example.org/code", "--json");
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ ok: true, kind: "code_of_conduct", version: "2026", approvedOn: approved });
    const again = await cli("policy", "add", "--org", "riverside", "--kind", "code_of_conduct", "--version", "2026", "--approved-on", approved);
    expect(again).toMatchObject({ code: 1 });
    expect(again.stderr).toContain('Code of conduct version "2026" is already recorded');
    const bad = await cli("policy", "add", "--org", "riverside", "--kind", "ethics", "--version", "1", "--approved-on", "31/02/2026", "--url", "ftp://x");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--kind "ethics": Choose the kind of policy/);
    expect(bad.stderr).toMatch(/--approved-on "31\/02\/2026": Enter the date it was approved as a real date/);
    expect(bad.stderr).toMatch(/--url "ftp:\/\/x": Enter a web address/);
    expect((await cli("policy", "add", "--org", "riverside", "--kind", "appraisal")).code).toBe(2);
    expect(await count("policy_versions")).toBe(1);

    const acks = file("acks.csv", ["Payroll No,Code Version,Date Signed", `E001,2026,${today}`, `E002,2026,${approved}`]);
    const dry = await cli("import", "acknowledgements", acks, "--org", "riverside", "--dry-run");
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.stdout).toMatch(/Dry run of .*acknowledgements.*2 rows, 2 added.*Nothing was written \(dry run\)/);
    expect(await count("conduct_acknowledgements")).toBe(0);
    const applied = await cli("import", "acknowledgements", acks, "--org", "riverside", "--json");
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ ok: true, status: "applied", kind: "acknowledgements", snapshotId: null, counts: { added: 2 } });
    expect(await count("conduct_acknowledgements")).toBe(2);

    const meetings = file("meetings.csv", ["employee_ref,kind,held_on", `E001,appraisal,${today}`, `E003,supervision,${today}`, `E002,lunch,${today}`, `E002,appraisal,${addDays(today, 1)}`]);
    const rejected = await cli("import", "supervisions", meetings, "--org", "riverside");
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain('row 3, column "employee_ref", value "E003": No staff member has employee reference E003');
    expect(rejected.stderr).toContain('row 4, column "kind", value "lunch"');
    expect(rejected.stderr).toContain(`row 5, column "held_on", value "${addDays(today, 1)}": The date cannot be in the future`);
    expect(rejected.stderr).toContain("Nothing was written.");
    expect(await count("supervision_meetings")).toBe(0);

    const training = file("training.csv", ["employee_ref,course,completed_on", `E001,Damp and mould,${today}`]);
    const unknownCourse = await cli("import", "training", training, "--org", "riverside");
    expect(unknownCourse.code).toBe(1);
    expect(unknownCourse.stderr).toMatch(/row 2, column "course", value "Damp and mould": .*the course list is empty/);
    expect((await cli("import", "inductions", training, "--org", "riverside")).code).toBe(2);
  });
});
