// Scope consistency checks as a table: category, time managing housing, rationale → the checks that fail.
import { describe, expect, it } from "vitest";
import { explainsImportantAndSubstantial, rationaleRequiredFor, scopeConsistencyChecks, type Category, type ScopeCheckCode } from "../../../app/compliance";

const EXPLAINED = "Managing the lettings team is an important and substantial part of the role.";

describe("scopeConsistencyChecks", () => {
  const rows: Array<[Category, number | null, string | null, ScopeCheckCode[]]> = [
    ["senior_manager", 80, "Runs the neighbourhood team.", []],
    ["senior_manager", 50, "Runs the neighbourhood team.", []],
    ["senior_manager", 49, "Runs the neighbourhood team.", ["manager_under_half_time"]],
    ["senior_manager", 30, EXPLAINED, []],
    ["senior_executive", 20, "Board member.", ["manager_under_half_time"]],
    ["senior_executive", 20, EXPLAINED, []],
    ["senior_executive", null, "Director of housing.", []],
    ["senior_manager", 70, null, ["manager_without_rationale"]],
    ["senior_manager", 70, "   ", ["manager_without_rationale"]],
    ["senior_executive", 10, null, ["manager_without_rationale", "manager_under_half_time"]],
    ["senior_manager", null, "", ["manager_without_rationale"]],
    ["frontline", 49, null, []],
    ["frontline", 50, "Officer.", ["not_manager_at_half_time"]],
    ["out_of_scope", 90, "Finance.", ["not_manager_at_half_time"]],
    ["out_of_scope", null, null, []],
    ["frontline", 0, null, []],
  ];
  it.each(rows)("%s at %s%% with rationale %j → %j", (category, pct, rationale, expected) => {
    expect(scopeConsistencyChecks({ category, timeManagingPct: pct, rationale }).map((c) => c.code)).toEqual(expected);
  });

  it("names the percentage in its message", () => {
    const [check] = scopeConsistencyChecks({ category: "frontline", timeManagingPct: 65, rationale: "x" });
    expect(check.message).toContain("Frontline, yet 65%");
    const [low] = scopeConsistencyChecks({ category: "senior_manager", timeManagingPct: 25, rationale: "x" });
    expect(low.message).toContain("Only 25%");
    expect(low.message).toContain("important and substantial");
  });
});

describe("explainsImportantAndSubstantial", () => {
  const rows: Array<[string | null, boolean]> = [
    [EXPLAINED, true],
    ["Housing management is IMPORTANT and SUBSTANTIAL here", true],
    ["Substantially important to the service", true],
    ["An important role", false],
    ["A substantial budget", false],
    [null, false],
    ["", false],
  ];
  it.each(rows)("%j → %s", (rationale, expected) => {
    expect(explainsImportantAndSubstantial(rationale)).toBe(expected);
  });
});

describe("rationaleRequiredFor", () => {
  const rows: Array<[Category, boolean]> = [
    ["senior_executive", true],
    ["senior_manager", true],
    ["frontline", false],
    ["out_of_scope", false],
  ];
  it.each(rows)("%s → %s", (category, expected) => expect(rationaleRequiredFor(category)).toBe(expected));
});
