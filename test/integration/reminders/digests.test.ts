// Digests end to end: an organisation built through the CLI, digests sent to a real SMTP listener started here
// (smtp-server), then parsed (mailparser): recipients, subjects and items; a second run sends nothing; a refused
// delivery is logged as failed and retried at the next run; without SMTP_URL the outbox is used.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { runCommand, type CliIO } from "../../../importers/cli-commands";
import { addPolicyVersion } from "../../../app/models/conduct/policies.server";
import { recordMeeting } from "../../../app/models/conduct/meetings.server";
import { addRequirement, addTrainingCourse, recordCompletion } from "../../../app/models/conduct/training.server";
import { openOrganisationScope } from "../../../app/models/organisation-scope.server";
import { freshDatabase, type TestDatabase } from "../../helpers/database";

interface Received {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

let server: SMTPServer;
let port = 0;
let received: Received[] = [];
/** Recipients the listener refuses (as a full mailbox would). */
const refused = new Set<string>();

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address.toLowerCase())) return callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  port = (server.server.address() as { port: number }).port;
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

let t: TestDatabase;
let dir: string;
beforeEach(async () => {
  t = freshDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-digests-"));
  received = [];
  refused.clear();
  delete process.env.SMTP_URL;
  process.env.MAIL_FROM = "Riverside compliance <compliance@riverside.example>";
  process.env.APP_URL = "https://compliance.riverside.example";
  await buildOrganisation();
});
afterEach(async () => {
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  delete process.env.APP_URL;
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

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

/**
 * Riverside (12,000 homes, in force 1 Oct 2026: enrol by 1 Oct 2029): two housing managers who report to Maya
 * (one through a lower-case manager reference), a repairs manager whose manager has no email, a frontline officer
 * (nothing to do), an undecided title, and a Housing Manager decision past its review date. Sent on 15 Sep 2029.
 */
async function buildOrganisation() {
  expect((await cli("org", "create", "riverside", "--name", "Riverside Homes", "--homes", "12000", "--in-force", "2026-10-01")).code).toBe(0);
  const staff = file(
    "staff.csv",
    [
      "employee_ref,first_name,last_name,email,job_title,department,manager_ref,start_date",
      "M1,Maya,Okafor,maya.okafor@riverside.example,Head of Housing,Housing,,2010-01-04",
      "M2,Noel,Byrne,,Head of Repairs,Repairs,,2012-01-04",
      "E1,Asha,Patel,asha@riverside.example,Housing Manager,Housing,M1,2020-01-06",
      "E2,Ben,Ross,ben@riverside.example,Housing Manager,Housing,m1,2021-03-01",
      "E3,Cara,Lee,cara@riverside.example,Repairs Manager,Repairs,M2,2019-05-01",
      "E4,Dev,Shah,dev@riverside.example,Housing Officer,Housing,M1,2018-01-01",
      "E5,Eli,Moss,eli@riverside.example,Team Coordinator,Housing,M1,2018-01-01",
    ].join("\n"),
  );
  expect((await cli("import", "staff", staff, "--org", "riverside")).code).toBe(0);
  const roles = file(
    "roles.csv",
    [
      "job_title,category,time_managing_pct,rationale,review_date",
      "Head of Housing,senior_executive,90,Leads housing services,2027-09-01",
      "Head of Repairs,senior_executive,90,Leads repairs,2027-09-01",
      "Housing Manager,senior_manager,70,Manages housing officers,2026-11-01",
      "Repairs Manager,senior_manager,70,Manages the repairs team,2027-09-01",
      "Housing Officer,frontline,0,No management,2027-09-01",
    ].join("\n"),
  );
  expect((await cli("import", "roles", roles, "--org", "riverside")).code).toBe(0);
  for (const [email, name, role] of [
    ["hana.hr@riverside.example", "Hana Hussain", "hr"],
    ["carl@consult.example", "Carl Consultant", "consultant"],
    ["erin.exec@riverside.example", "Erin Evans", "executive"],
  ]) {
    expect((await cli("user", "create", email, "--name", name, "--role", role, "--org", "riverside")).code).toBe(0);
  }
}

function useSmtp() {
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
}

describe("digest send", () => {
  test("sends line managers their reports' items, HR everything and executives a summary; links point at APP_URL", async () => {
    useSmtp();
    const run = await cli("digest", "send", "--org", "riverside", "--as-of", "2029-09-15", "--json");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ ok: true, mode: "smtp", asOf: "2029-09-15" });

    const byTo = new Map(received.map((m) => [m.to.join(","), m]));
    expect([...byTo.keys()].sort()).toEqual(["carl@consult.example", "erin.exec@riverside.example", "hana.hr@riverside.example", "maya.okafor@riverside.example"]);
    for (const m of received) expect(m.from).toBe("compliance@riverside.example");

    const maya = byTo.get("maya.okafor@riverside.example")!;
    expect(maya.subject).toBe("Riverside Homes: 4 actions for your team (2 overdue)");
    // Each: enrol by 1 Oct 2029 (in 16 days) and the latest start (1 Oct 2028, internal target) passed.
    expect(maya.text).toContain("Asha Patel, Housing Manager: The latest start date (1 Oct 2028) has passed");
    expect(maya.text).toContain("Asha Patel, Housing Manager: Not enrolled: must enrol by 1 Oct 2029 (in 16 days)");
    expect(maya.text).toContain("Ben Ross, Housing Manager: Not enrolled: must enrol by");
    expect(maya.text).toContain("https://compliance.riverside.example/orgs/riverside/people/E1");
    expect(maya.text).not.toContain("Cara Lee");
    expect(maya.text).not.toContain("Dev Shah");
    expect(maya.html).toContain('href="https://compliance.riverside.example/orgs/riverside/people/E2"');
    expect(maya.text).toContain("names you as the line manager of 2 people");

    const hana = byTo.get("hana.hr@riverside.example")!;
    expect(hana.subject).toMatch(/^Riverside Homes: \d+ actions to follow up \(\d+ overdue\), week 37 of 2029$/);
    for (const expected of ["Asha Patel", "Ben Ross", "Cara Lee", 'No scope decision for "Team Coordinator" (1 person)', 'The scope decision for "Housing Manager" (2 people) was due for review on 1 Nov 2026']) {
      expect(hana.text).toContain(expected);
    }

    const erin = byTo.get("erin.exec@riverside.example")!;
    expect(erin.subject).toBe("Riverside Homes: competence and conduct summary, September 2029");
    expect(erin.text).toContain("The legal test: 5 of 5 people in scope meet it (100%); 0 in breach.");
    expect(erin.text).not.toContain("Asha Patel");

    // Noel (M2) has no email: Cara's manager cannot be reached, and the run says so.
    const unreachable = summary.runs[0].unreachable;
    expect(unreachable).toContainEqual({ name: "Noel Byrne", employeeRef: "M2", why: "No email address in the staff file", items: 2 });
    // The two heads have items of their own and nobody above them in the staff file.
    expect(unreachable).toContainEqual(expect.objectContaining({ name: "Maya Okafor", why: "No line manager recorded in the staff file" }));
    expect(unreachable).toHaveLength(3);
  });

  test("a second run in the same week sends nothing and says so; the next week sends again", async () => {
    useSmtp();
    expect((await cli("digest", "send", "--all", "--as-of", "2029-09-15")).code).toBe(0);
    const first = received.length;
    expect(first).toBe(4);
    const again = await cli("digest", "send", "--all", "--as-of", "2029-09-16");
    expect(again.code).toBe(0);
    expect(received.length).toBe(first);
    expect(again.stdout).toContain("0 sent, 0 written to the outbox, 0 failed, 4 skipped");
    expect(again.stdout).toContain("Already sent for week 37 of 2029");
    // The executive summary is monthly: still September, so not again; the weekly ones go.
    expect((await cli("digest", "send", "--all", "--as-of", "2029-09-17")).code).toBe(0);
    expect(received.slice(first).map((m) => m.to[0]).sort()).toEqual(["carl@consult.example", "hana.hr@riverside.example", "maya.okafor@riverside.example"]);
  });

  test("a refused delivery is logged as failed, reported with exit 5, and retried at the next run", async () => {
    useSmtp();
    refused.add("maya.okafor@riverside.example");
    const run = await cli("digest", "send", "--org", "riverside", "--as-of", "2029-09-15", "--json");
    expect(run.code).toBe(5);
    const outcomes = JSON.parse(run.stdout).runs[0].outcomes as Array<{ recipient: string; status: string; detail: string | null; attempts: number }>;
    const maya = outcomes.find((o) => o.recipient === "maya.okafor@riverside.example")!;
    expect(maya.status).toBe("failed");
    expect(maya.detail).toMatch(/Mailbox unavailable|refused/);
    expect(received.map((m) => m.to[0])).not.toContain("maya.okafor@riverside.example");
    const logged = await t.db.selectFrom("digest_sends").select(["recipient", "status", "attempts"]).where("recipient", "=", "maya.okafor@riverside.example").executeTakeFirstOrThrow();
    expect(logged).toEqual({ recipient: "maya.okafor@riverside.example", status: "failed", attempts: 1 });

    refused.clear();
    const retry = await cli("digest", "send", "--org", "riverside", "--as-of", "2029-09-15", "--json");
    expect(retry.code).toBe(0);
    const counts = JSON.parse(retry.stdout).runs[0].counts;
    expect(counts).toMatchObject({ sent: 1, failed: 0, skipped: 3 });
    expect(received.filter((m) => m.to[0] === "maya.okafor@riverside.example")).toHaveLength(1);
    const after = await t.db.selectFrom("digest_sends").select(["status", "attempts"]).where("recipient", "=", "maya.okafor@riverside.example").executeTakeFirstOrThrow();
    expect(after).toEqual({ status: "sent", attempts: 2 });
  });

  test("--dry-run says what would go and sends and records nothing", async () => {
    useSmtp();
    const run = await cli("digest", "send", "--org", "riverside", "--as-of", "2029-09-15", "--dry-run");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("dry run, 4 digests would be sent");
    expect(received).toEqual([]);
    expect(await t.db.selectFrom("digest_sends").selectAll().execute()).toEqual([]);
  });

  test("without SMTP_URL each digest is written as an .eml file to the outbox beside the database, and logged", async () => {
    const run = await cli("digest", "send", "--org", "riverside", "--as-of", "2029-09-15", "--json");
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    const outbox = path.join(path.dirname(t.file), "outbox");
    expect(summary).toMatchObject({ mode: "outbox", destination: outbox });
    const files = fs.readdirSync(outbox).filter((f) => f.endsWith(".eml"));
    expect(files).toHaveLength(4);
    const maya = files.map((f) => fs.readFileSync(path.join(outbox, f), "utf8")).find((m) => m.includes("To: maya.okafor@riverside.example"))!;
    expect(maya).toContain("Subject: Riverside Homes: 4 actions for your team (2 overdue)");
    expect((fs.statSync(path.join(outbox, files[0])).mode & 0o777).toString(8)).toBe("600");
    const logged = await t.db.selectFrom("digest_sends").select(["status", "outbox_file"]).execute();
    expect(logged.every((l) => l.status === "written" && files.includes(l.outbox_file!))).toBe(true);
    expect(received).toEqual([]);
  });

  test("code of conduct acknowledgements owed by anyone, frontline staff included, reach their line manager", async () => {
    useSmtp();
    const organisation = await t.db.selectFrom("organisations").selectAll().where("slug", "=", "riverside").executeTakeFirstOrThrow();
    const scope = openOrganisationScope(t.db, organisation, { userId: null, name: "test" }, "2029-09-15");
    const added = await addPolicyVersion(scope, { kind: "code_of_conduct", version: "v3", approvedBy: "Board", approvedOn: "2029-07-01" });
    expect(added.ok).toBe(true);
    expect((await cli("digest", "send", "--org", "riverside", "--as-of", "2029-09-15")).code).toBe(0);
    const maya = received.find((m) => m.to[0] === "maya.okafor@riverside.example")!;
    // Approved 1 Jul 2029, 60 days to acknowledge: due 30 Aug 2029, so overdue on 15 Sep.
    expect(maya.text).toContain("Code of conduct acknowledgement (4)");
    expect(maya.text).toContain("Dev Shah, Housing Officer: Code of conduct v3 acknowledgement overdue since 30 Aug 2029");
  });

  test("supervision, appraisal and training falling due reach the line manager and HR, from the conduct rules", async () => {
    useSmtp();
    const organisation = await t.db.selectFrom("organisations").selectAll().where("slug", "=", "riverside").executeTakeFirstOrThrow();
    const scope = openOrganisationScope(t.db, organisation, { userId: null, name: "test" }, "2029-09-15");
    // Asha's appraisal a year ago (due 20 Sep 2029) and a supervision last month: the organisation tracks meetings.
    expect((await recordMeeting(scope, { employeeRef: "E1", kind: "appraisal", heldOn: "2028-09-20" })).ok).toBe(true);
    expect((await recordMeeting(scope, { employeeRef: "E1", kind: "supervision", heldOn: "2029-08-20" })).ok).toBe(true);
    const course = await addTrainingCourse(scope, { title: "Damp and mould", code: "DM", refreshMonths: "24" });
    if (!course.ok) throw new Error("course not added");
    expect((await addRequirement(scope, { courseId: String(course.value.id), appliesTo: "category", value: "frontline" })).ok).toBe(true);
    expect((await recordCompletion(scope, { employeeRef: "E4", courseId: String(course.value.id), completedOn: "2027-08-01" })).ok).toBe(true);

    expect((await cli("digest", "send", "--org", "riverside", "--as-of", "2029-09-15")).code).toBe(0);
    const maya = received.find((m) => m.to[0] === "maya.okafor@riverside.example")!;
    expect(maya.text).toContain("Asha Patel, Housing Manager: Appraisal due by 20 Sep 2029 (in 5 days)");
    expect(maya.text).not.toContain("Asha Patel, Housing Manager: Supervision");
    // Ben started 1 Mar 2021, supervision every 3 months for managers: due since 1 Jun 2021.
    expect(maya.text).toContain("Ben Ross, Housing Manager: Supervision overdue since 1 Jun 2021");
    expect(maya.text).toContain("Dev Shah, Housing Officer: Damp and mould training overdue since 1 Aug 2029");
    expect(maya.text).toContain("Supervision and one-to-ones (");
    expect(maya.text).not.toContain("Cara Lee");
    const hana = received.find((m) => m.to[0] === "hana.hr@riverside.example")!;
    expect(hana.text).toContain("Cara Lee, Repairs Manager: Supervision overdue since 1 Aug 2019");
    const erin = received.find((m) => m.to[0] === "erin.exec@riverside.example")!;
    expect(erin.text).toMatch(/Appraisal: \d+/);
  });

  test("usage errors: --org or --all, a real date, a known organisation", async () => {
    expect((await cli("digest", "send")).code).toBe(2);
    expect((await cli("digest", "send", "--org", "riverside", "--all")).code).toBe(2);
    expect((await cli("digest", "send", "--org", "riverside", "--as-of", "15/09/2029")).code).toBe(2);
    const missing = await cli("digest", "send", "--org", "nowhere");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No organisation with the slug "nowhere"');
  });
});
