import { describe, expect, it } from "vitest";
import {
  normaliseJobTitle,
  parseBoolean,
  parseCategory,
  parseEmail,
  parseNumber,
  parseStatus,
  parseUnits,
} from "../../../importers/values";

const fte = (v: string) => parseNumber(v, { label: "FTE", min: 0, max: 1.5, percent: "fraction", example: "0.8" });

describe("values", () => {
  it("booleans: yes/no/y/n/true/false/1/0 in any case", () => {
    for (const v of ["yes", "Y", "TRUE", "1", "y"]) expect(parseBoolean(v, "On probation")).toEqual({ ok: true, value: true });
    for (const v of ["no", "N", "False", "0"]) expect(parseBoolean(v, "On probation")).toEqual({ ok: true, value: false });
    const bad = parseBoolean("maybe", "On probation");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain("On probation must be yes or no");
  });

  it("FTE is a number from 0 to 1.5; 80% means 0.8; decimal commas are read", () => {
    expect(fte("0.8")).toEqual({ ok: true, value: 0.8 });
    expect(fte(".5")).toEqual({ ok: true, value: 0.5 });
    expect(fte("0,6")).toEqual({ ok: true, value: 0.6 });
    expect(fte("80%")).toEqual({ ok: true, value: 0.8 });
    expect(fte("1.5")).toEqual({ ok: true, value: 1.5 });
    expect(fte("1.6").ok).toBe(false);
    expect(fte("-0.1").ok).toBe(false);
    expect(fte("full").ok).toBe(false);
    expect(fte("37.5").ok).toBe(false);
  });

  it("emails need a name, an @ and a domain", () => {
    expect(parseEmail("zoe.obrien@example.org")).toEqual({ ok: true, value: "zoe.obrien@example.org" });
    expect(parseEmail("mailto:a@b.co")).toEqual({ ok: true, value: "a@b.co" });
    for (const v of ["zoe", "zoe@", "@example.org", "zoe@example", "zoe obrien@example.org", "a@b.c"]) expect(parseEmail(v).ok).toBe(false);
  });

  it.each([
    ["Completed", "achieved"],
    ["Passed", "achieved"],
    ["Achieved", "achieved"],
    ["achieved", "achieved"],
    ["Withdrawn", "withdrawn"],
    ["Left course", "withdrawn"],
    ["In progress", "in_progress"],
    ["in_progress", "in_progress"],
    ["In-Progress", "in_progress"],
    ["Studying", "in_progress"],
    ["Enrolled", "enrolled"],
    ["Registered", "enrolled"],
    ["Referred", "referred"],
    ["Failed", "failed"],
  ])("status %s → %s", (word, status) => {
    expect(parseStatus(word)).toEqual({ ok: true, value: status });
  });

  it("an unknown status lists the accepted words", () => {
    const r = parseStatus("Pending");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain("use enrolled, in progress, referred, achieved, withdrawn or failed");
  });

  it.each([
    ["Level 5", "senior_executive"],
    ["Executive", "senior_executive"],
    ["Senior executive", "senior_executive"],
    ["senior_executive", "senior_executive"],
    ["Level 4", "senior_manager"],
    ["Manager", "senior_manager"],
    ["Senior manager", "senior_manager"],
    ["Frontline", "frontline"],
    ["Front line", "frontline"],
    ["front-line", "frontline"],
    ["Out of scope", "out_of_scope"],
    ["No", "out_of_scope"],
    ["N/A", "out_of_scope"],
  ])("category %s → %s", (word, category) => {
    expect(parseCategory(word)).toEqual({ ok: true, value: category });
  });

  it("units split on semicolons, trimmed, distinct, in order", () => {
    expect(parseUnits("A; B;C;;A")).toEqual(["A", "B", "C"]);
    expect(parseUnits("F/507/9169")).toEqual(["F/507/9169"]);
  });

  it("job titles normalise by trimming, collapsing spaces and lower-casing", () => {
    expect(normaliseJobTitle("  Housing   Officer ")).toBe("housing officer");
  });
});
