// Who hears of what: line managers of their reports, HR of everything, executives a summary; the period keys.
import { describe, expect, it } from "vitest";
import { composeDigest } from "../../../app/reminders/digest-content";
import { executiveDigests, executiveSummaryOf, hrDigests, lineManagerDigests, parseCopyTo, type DigestSettings, type StaffContact } from "../../../app/reminders/digests";
import { isoWeek, periodLabel, periodOf } from "../../../app/reminders/periods";
import type { ActionItem } from "../../../app/reminders/types";

const SETTINGS: DigestSettings = { lineManagerDigest: true, hrDigest: true, executiveDigest: true, frequency: "weekly", copyTo: ["hr-team@example.org"], executiveNames: false };

function item(staffId: number | null, over: Partial<ActionItem> = {}): ActionItem {
  return { kind: "enrol_by_passed", staffId, employeeRef: staffId == null ? null : `E${staffId}`, personName: staffId == null ? null : `Person ${staffId}`, jobTitle: "Housing Manager", reason: "Not enrolled", date: "2026-11-01", overdue: true, ...over };
}

const STAFF: StaffContact[] = [
  { staffId: 1, employeeRef: "E1", name: "Person 1", email: "p1@example.org", managerRef: "M1" },
  { staffId: 2, employeeRef: "E2", name: "Person 2", email: null, managerRef: "m1" },
  { staffId: 3, employeeRef: "E3", name: "Person 3", email: null, managerRef: "M2" },
  { staffId: 4, employeeRef: "E4", name: "Person 4", email: null, managerRef: "GONE" },
  { staffId: 5, employeeRef: "E5", name: "Person 5", email: null, managerRef: null },
  { staffId: 10, employeeRef: "M1", name: "Mina Manager", email: "mina@example.org", managerRef: null },
  { staffId: 11, employeeRef: "M2", name: "No Email Manager", email: "", managerRef: null },
];

describe("lineManagerDigests", () => {
  const { digests, unreachable } = lineManagerDigests([item(1), item(2), item(3), item(4), item(5), item(null, { kind: "job_title_undecided" })], STAFF);
  it("sends each manager the items of their own reports (manager references match case-insensitively)", () => {
    expect(digests).toHaveLength(1);
    expect(digests[0].recipient).toEqual({ name: "Mina Manager", email: "mina@example.org" });
    expect(digests[0].items.map((i) => i.staffId)).toEqual([1, 2]);
    expect(digests[0].reports).toBe(2);
  });
  it("lists who could not be reached, and why", () => {
    expect(unreachable.map((u) => [u.name, u.why, u.items])).toEqual([
      ["Manager GONE", "The manager reference matches nobody currently in the staff file", 1],
      ["No Email Manager", "No email address in the staff file", 1],
      ["Person 5", "No line manager recorded in the staff file", 1],
    ]);
  });
});

describe("HR and executive digests", () => {
  const users = [
    { name: "Hana HR", email: "hana@example.org", role: "hr" as const },
    { name: "Con Sultant", email: "con@example.org", role: "consultant" as const },
    { name: "Eve Exec", email: "eve@example.org", role: "executive" as const },
  ];
  it("HR leads and consultants get every item, copied to the copy-to addresses", () => {
    const digests = hrDigests([item(1), item(null)], users, SETTINGS);
    expect(digests.map((d) => d.recipient.email)).toEqual(["con@example.org", "hana@example.org"]);
    expect(digests[0].cc).toEqual(["hr-team@example.org"]);
    expect(digests[0].items).toHaveLength(2);
  });
  it("executives get a summary without names unless the setting allows", () => {
    expect(executiveDigests([item(1)], users, SETTINGS)[0].items).toEqual([]);
    expect(executiveDigests([item(1)], users, { ...SETTINGS, executiveNames: true })[0].items).toHaveLength(1);
    const summary = executiveSummaryOf([item(1), item(2, { overdue: false, kind: "enrol_by_soon" })], { compliant: 8, not_yet_due: 1, in_breach: 1 }, 10, 90);
    const message = composeDigest(executiveDigests([item(1)], users, SETTINGS)[0], { organisationName: "Riverside", slug: "riverside", baseUrl: "https://x.example", asOf: "2026-12-01", period: "2026-12", summary });
    expect(message.subject).toBe("Riverside: competence and conduct summary, December 2026");
    expect(message.text).toContain("The legal test: 9 of 10 people in scope meet it (90%); 1 in breach.");
    expect(message.text).not.toContain("Person 1");
  });
});

describe("composeDigest", () => {
  it("links each item back to its page, escapes names in HTML and says why the reader gets it", () => {
    const digest = lineManagerDigests([item(1, { personName: "<b>Bold</b> & Co" })], STAFF).digests[0];
    const message = composeDigest(digest, { organisationName: "Riverside", slug: "riverside", baseUrl: "https://x.example", asOf: "2026-12-01", period: "2026-W49" });
    expect(message.subject).toBe("Riverside: 1 action for your team (1 overdue)");
    expect(message.text).toContain("https://x.example/orgs/riverside/people/E1");
    expect(message.html).toContain('href="https://x.example/orgs/riverside/people/E1"');
    expect(message.html).toContain("&lt;b&gt;Bold&lt;/b&gt; &amp; Co");
    expect(message.html).not.toContain("<b>Bold</b>");
    expect(message.text).toContain("names you as the line manager of 1 person");
  });
});

describe("periods", () => {
  it.each([
    ["2026-12-01", "2026-W49"],
    ["2026-12-06", "2026-W49"],
    ["2026-12-07", "2026-W50"],
    ["2021-01-03", "2020-W53"],
    ["2024-12-30", "2025-W01"],
    ["2026-12-31", "2026-W53"],
  ])("%s is in ISO week %s", (date, week) => expect(isoWeek(date)).toBe(week));
  it("monthly periods are the month", () => {
    expect(periodOf("monthly", "2026-12-31")).toBe("2026-12");
    expect(periodLabel("2026-W49")).toBe("week 49 of 2026");
  });
  it("parses copy-to lists and names the first bad address", () => {
    expect(parseCopyTo("a@x.org, B@x.org; a@x.org")).toEqual({ ok: true, addresses: ["a@x.org", "b@x.org"] });
    expect(parseCopyTo("a@x.org, not-an-address")).toEqual({ ok: false, bad: "not-an-address" });
  });
});
