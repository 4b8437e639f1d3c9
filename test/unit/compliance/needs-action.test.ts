// Who needs action, and in what order: the legal test before our own targets.
import { describe, expect, it } from "vitest";
import { actionUrgency, byUrgency, needsAction, reasonForAction, type Rag, type StatutoryPosition } from "../../../app/compliance";
import { mostUrgent } from "../../../app/compliance/needs-action";

describe("needsAction and actionUrgency", () => {
  const rows: Array<[StatutoryPosition | null, Rag, boolean, number]> = [
    ["in_breach", "green", true, 0],
    ["in_breach", "red", true, 0],
    ["in_breach", "grey", true, 0],
    ["compliant", "red", true, 1],
    ["not_yet_due", "red", true, 1],
    [null, "red", true, 1],
    ["not_yet_due", "amber", true, 2],
    [null, "amber", true, 2],
    ["compliant", "green", false, 3],
    ["not_yet_due", "green", false, 3],
    [null, "grey", false, 3],
  ];
  it.each(rows)("legal test %s, RAG %s → needs action %s, urgency %i", (statutory, rag, needs, urgency) => {
    expect(needsAction({ statutory, rag })).toBe(needs);
    expect(actionUrgency({ statutory, rag })).toBe(urgency);
  });
});

describe("byUrgency", () => {
  it("puts breaches of the law first, then red, then amber; ties by the given order", () => {
    const people = [
      { name: "Amber A", statutory: null, rag: "amber" as Rag },
      { name: "Red B", statutory: "compliant" as StatutoryPosition, rag: "red" as Rag },
      { name: "Breach C", statutory: "in_breach" as StatutoryPosition, rag: "green" as Rag },
      { name: "Red A", statutory: null, rag: "red" as Rag },
    ];
    expect([...people].sort(byUrgency((a, b) => a.name.localeCompare(b.name))).map((p) => p.name)).toEqual(["Breach C", "Red A", "Red B", "Amber A"]);
  });
});

describe("reasonForAction", () => {
  const rows: Array<[StatutoryPosition | null, string | null, string, string]> = [
    ["in_breach", "Not enrolled by 1 Oct 2029", "Red: not enrolled", "Not enrolled by 1 Oct 2029"],
    ["in_breach", null, "Red: not enrolled", "Red: not enrolled"],
    ["compliant", "Working towards", "Amber: completion late", "Amber: completion late"],
    [null, null, "Red: no qualification", "Red: no qualification"],
  ];
  it.each(rows)("legal test %s (%s) beside RAG reason %s → %s", (statutory, statutoryReason, ragReason, expected) => {
    expect(reasonForAction({ statutory, statutoryReason, ragReason })).toBe(expected);
  });
});

describe("mostUrgent", () => {
  it("gives the count and the first people of the full sort, ties in input order", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const rags = ["green", "amber", "red", "grey"] as const;
    const positions = [null, "compliant", "not_yet_due", "in_breach"] as const;
    const people = Array.from({ length: 2000 }, (_, i) => ({
      i,
      rag: rags[Math.floor(random() * 4)],
      statutory: positions[Math.floor(random() * 4)],
      nextDate: random() < 0.2 ? null : `2026-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
    }));
    const then = (a: (typeof people)[number], b: (typeof people)[number]) => (a.nextDate ?? "9999").localeCompare(b.nextDate ?? "9999");
    const all = people.filter(needsAction).sort(byUrgency(then));
    for (const limit of [0, 1, 25, 5000]) {
      const got = mostUrgent(people, limit, then);
      expect(got.count).toBe(all.length);
      expect(got.first.map((p) => p.i)).toEqual(all.slice(0, limit).map((p) => p.i));
    }
  });
});
