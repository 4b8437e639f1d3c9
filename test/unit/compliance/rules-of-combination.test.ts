// CIH Level 4 Certificate in Managing Housing Maintenance (603/1433/3): 36 credits = the mandatory unit
// F/507/9169 (6) + 30 optional credits. A pathway is an outcome of that qualification: its three units (18 credits)
// plus 18 further optional credits, 36 in all. The specification's text says "a further 24"; the product reads 36.

import { describe, expect, it } from "vitest";
import catalogue from "../../../db/catalogue/cih-l4-managing-housing-maintenance.json";
import { assessUnitProgress, pathwayCredits, pathwayCreditsNote, rulesOfCombinationFromCatalogue, type UnitResult } from "../../../app/compliance";

const rules = rulesOfCombinationFromCatalogue(catalogue);

const PRACTICE = "F/507/9169"; // Professional practice skills for housing (mandatory)
const FINANCE = "L/504/4179";
const HEALTH_SAFETY = "F/504/4180";
const LEGAL = "H/504/4186";
const SUSTAINABLE = "M/504/4188";
const DELIVERY = "Y/503/1175";
const CUSTOMER = "F/507/9172";
const PEOPLE = "R/507/9256";
const RESPONSIVE_PROCUREMENT = "J/504/4181";
const RESPONSIVE_PERFORMANCE = "Y/504/4184";
const PLANNED_PROCUREMENT = "L/505/3593";
const PLANNED_DATA = "H/505/3597";

const pass = (...refs: string[]): UnitResult[] => refs.map((unitRef) => ({ unitRef, result: "pass" }));

describe("the catalogue definition", () => {
  it("flattens into one rules object", () => {
    expect(rules.minimumCredits).toBe(36);
    expect(rules.mandatoryGroup).toEqual({ units: [PRACTICE], minimumCredits: 6 });
    expect(rules.optionalGroup).toEqual({ minimumCredits: 30 });
    expect(rules.units).toHaveLength(12);
    expect(rules.pathways.map((p) => [p.name, p.furtherOptionalCredits])).toEqual([
      ["Planned maintenance", 24],
      ["Responsive repairs", 24],
    ]);
    expect(rules.exemptions.map((e) => `${e.exemptedBy.unitRef}→${e.unitRef}`)).toEqual([
      "R/503/5242→F/507/9169",
      "K/503/5246→F/507/9172",
      "D/503/1176→R/507/9256",
    ]);
  });
});

describe("without a pathway: the mandatory unit and 30 optional credits", () => {
  it("is complete with the mandatory unit and five optional units (36 credits)", () => {
    const progress = assessUnitProgress(rules, null, pass(PRACTICE, FINANCE, HEALTH_SAFETY, LEGAL, SUSTAINABLE, DELIVERY));
    expect(progress).toMatchObject({
      complete: true,
      pathway: null,
      creditsAchieved: 36,
      creditsNeeded: 36,
      missingMandatoryUnits: [],
      optionalCreditsAchieved: 30,
      optionalCreditsStillNeeded: 0,
      summary: "Complete: 36 credits",
    });
  });

  it("says how many optional credits are still needed", () => {
    const progress = assessUnitProgress(rules, null, pass(PRACTICE, FINANCE, HEALTH_SAFETY, LEGAL));
    expect(progress).toMatchObject({ complete: false, creditsAchieved: 24, optionalCreditsStillNeeded: 12, summary: "Needs 12 more optional credits" });
  });

  it("names a missing mandatory unit with its title", () => {
    const progress = assessUnitProgress(rules, null, pass(FINANCE, HEALTH_SAFETY, LEGAL, SUSTAINABLE, DELIVERY, CUSTOMER));
    expect(progress.complete).toBe(false);
    expect(progress.creditsAchieved).toBe(36);
    expect(progress.missingMandatoryUnits).toEqual([{ unitRef: PRACTICE, title: "Professional practice skills for housing" }]);
    expect(progress.summary).toBe("Needs F/507/9169 (Professional practice skills for housing)");
  });

  it("a sixth optional unit does not replace the mandatory one", () => {
    const progress = assessUnitProgress(rules, null, pass(FINANCE, HEALTH_SAFETY, LEGAL, SUSTAINABLE, DELIVERY, CUSTOMER, PEOPLE));
    expect(progress.complete).toBe(false);
  });

  it("suggests how near each pathway is, nearest first", () => {
    const progress = assessUnitProgress(rules, null, pass(PRACTICE, RESPONSIVE_PROCUREMENT, RESPONSIVE_PERFORMANCE, FINANCE, LEGAL, DELIVERY));
    expect(progress.complete).toBe(true);
    expect(progress.pathwaySuggestions).toEqual([
      { name: "Responsive repairs", complete: true, missingMandatoryUnits: [], optionalCreditsStillNeeded: 0, creditsStillNeeded: 0, summary: "Complete: 36 credits" },
      {
        name: "Planned maintenance",
        complete: false,
        missingMandatoryUnits: [
          { unitRef: PLANNED_DATA, title: "Data and performance management for planned maintenance" },
          { unitRef: PLANNED_PROCUREMENT, title: "Procurement and contract administration for planned maintenance programmes of work" },
        ],
        optionalCreditsStillNeeded: 0,
        creditsStillNeeded: 12,
        summary:
          "Needs H/505/3597 (Data and performance management for planned maintenance), L/505/3593 (Procurement and contract administration for planned maintenance programmes of work)",
      },
    ]);
  });
});

describe("pathway credits: the qualification's own total, not the specification's \"a further 24\"", () => {
  const units = [
    { unitRef: "A", credits: 6 },
    { unitRef: "B", credits: 6 },
    { unitRef: "C", credits: 6 },
    { unitRef: "D", credits: 12 },
  ];
  it.each([
    // [case, minimumCredits, mandatory units, stated further, mandatory, further, total, differs]
    ["MHM: 18 mandatory + stated 24 reads 18 (36 in all)", 36, ["A", "B", "C"], 24, 18, 18, 36, true],
    ["stated figure equal to the rest is followed", 36, ["A", "B", "C"], 18, 18, 18, 36, false],
    ["no stated figure: the rest of the total", 36, ["A", "B", "C"], null, 18, 18, 36, false],
    ["a smaller stated figure cannot lower the total", 36, ["A", "B", "C"], 12, 18, 18, 36, true],
    ["mandatory units past the total: nothing further", 24, ["A", "B", "C", "D"], 6, 30, 0, 30, true],
    ["no qualification total: the stated figure stands", 0, ["A", "B"], 24, 12, 24, 36, false],
    ["a unit named twice counts once", 36, ["A", "A", "B"], null, 12, 24, 36, false],
    ["an unknown unit brings no credits", 36, ["A", "Z"], null, 6, 30, 36, false],
  ] as const)("%s", (_name, minimumCredits, mandatoryUnits, stated, mandatory, further, total, differs) => {
    expect(pathwayCredits({ minimumCredits, units }, { mandatoryUnits: [...mandatoryUnits], furtherOptionalCredits: stated })).toEqual({
      mandatoryCredits: mandatory,
      furtherOptionalCredits: further,
      totalCredits: total,
      statedFurtherOptionalCredits: stated,
      differsFromStated: differs,
    });
  });

  it("reads 18 + 18 = 36 for both pathways of the catalogue entry (whose copy keeps the specification's 24)", () => {
    for (const p of rules.pathways) {
      expect(p.furtherOptionalCredits).toBe(24);
      expect(pathwayCredits(rules, p)).toMatchObject({ mandatoryCredits: 18, furtherOptionalCredits: 18, totalCredits: 36, differsFromStated: true });
    }
  });

  it("explains the difference in plain words, and says nothing when there is none", () => {
    expect(pathwayCreditsNote(rules, pathwayCredits(rules, rules.pathways[0]))).toBe(
      'The specification\'s text reads "a further 24 credits" on top of each pathway\'s units, which would make 42 credits. ' +
        "The product reads 36 credits in all: the pathway's units (18 credits) plus 18 further optional credits, because a pathway is an " +
        "outcome of this qualification, whose own total is 36 credits (6 mandatory and at least 30 optional credits).",
    );
    expect(pathwayCreditsNote(rules, pathwayCredits(rules, { mandatoryUnits: rules.pathways[0].mandatoryUnits, furtherOptionalCredits: 18 }))).toBeNull();
  });
});

describe("pathways: their three units (18 credits) and 18 further optional credits, 36 in all", () => {
  const R = "Responsive repairs";
  const P = "Planned maintenance";
  it.each([
    // [case, pathway, passed units, complete, achieved, optional achieved, optional still needed, summary]
    ["Responsive repairs: its three units and three others", R, [PRACTICE, RESPONSIVE_PROCUREMENT, RESPONSIVE_PERFORMANCE, FINANCE, HEALTH_SAFETY, LEGAL], true, 36, 18, 0, "Complete: 36 credits"],
    ["Responsive repairs: two others are not enough", R, [PRACTICE, RESPONSIVE_PROCUREMENT, RESPONSIVE_PERFORMANCE, FINANCE, HEALTH_SAFETY], false, 30, 12, 6, "Needs 6 more optional credits"],
    ["Responsive repairs: a missing pathway unit is named", R, [PRACTICE, RESPONSIVE_PROCUREMENT, FINANCE, HEALTH_SAFETY], false, 24, 12, 6, "Needs 6 more optional credits and Y/504/4184 (Performance management for responsive repairs)"],
    ["Planned maintenance: its three units and three others", P, [PRACTICE, PLANNED_DATA, PLANNED_PROCUREMENT, FINANCE, HEALTH_SAFETY, LEGAL], true, 36, 18, 0, "Complete: 36 credits"],
    ["Planned maintenance: 36 credits without a pathway unit are not enough", P, [PRACTICE, PLANNED_DATA, FINANCE, HEALTH_SAFETY, LEGAL, SUSTAINABLE], false, 36, 24, 0, "Needs L/505/3593 (Procurement and contract administration for planned maintenance programmes of work)"],
    ["another pathway's units count as optional credits", P, [PRACTICE, PLANNED_DATA, PLANNED_PROCUREMENT, RESPONSIVE_PROCUREMENT, RESPONSIVE_PERFORMANCE, DELIVERY], true, 36, 18, 0, "Complete: 36 credits"],
    ["the pathway is matched case- and space-insensitively", " planned maintenance ", [PRACTICE, PLANNED_DATA, PLANNED_PROCUREMENT, FINANCE, HEALTH_SAFETY], false, 30, 12, 6, "Needs 6 more optional credits"],
  ] as const)("%s", (_name, pathway, passed, complete, achieved, optionalAchieved, optionalStill, summary) => {
    const progress = assessUnitProgress(rules, pathway, pass(...passed));
    expect(progress).toMatchObject({
      complete,
      creditsAchieved: achieved,
      creditsNeeded: 36,
      optionalCreditsNeeded: 18,
      optionalCreditsAchieved: optionalAchieved,
      optionalCreditsStillNeeded: optionalStill,
      summary,
      pathwaySuggestions: [],
    });
  });

  it("lists the pathway's mandatory units", () => {
    const progress = assessUnitProgress(rules, "Responsive repairs", []);
    expect(progress.mandatoryUnits.map((u) => u.unitRef)).toEqual([PRACTICE, RESPONSIVE_PERFORMANCE, RESPONSIVE_PROCUREMENT]);
    expect(progress).toMatchObject({ pathway: "Responsive repairs", creditsStillNeeded: 36 });
  });

  it("an unknown pathway name falls back to the general rules and says so", () => {
    const progress = assessUnitProgress(rules, "Estate services", pass(PRACTICE, FINANCE, HEALTH_SAFETY, LEGAL, SUSTAINABLE, DELIVERY));
    expect(progress).toMatchObject({ complete: true, pathway: null, pathwayNotFound: true });
    expect(progress.summary).toBe('Pathway "Estate services" is not one of this qualification\'s pathways. Complete: 36 credits');
  });
});

describe("exemptions, referrals and fails", () => {
  it("passing the older unit R/503/5242 exempts the mandatory F/507/9169", () => {
    const progress = assessUnitProgress(rules, null, pass("R/503/5242", FINANCE, HEALTH_SAFETY, LEGAL, SUSTAINABLE, DELIVERY));
    expect(progress.complete).toBe(true);
    expect(progress.creditsAchieved).toBe(36);
    expect(progress.exemptedUnits).toEqual([
      { unitRef: PRACTICE, title: "Professional practice skills for housing", exemptedBy: { unitRef: "R/503/5242", title: "Professional practice skills for housing" } },
    ]);
    expect(progress.unknownUnits).toEqual([]);
  });

  it("K/503/5246 exempts F/507/9172 and D/503/1176 exempts R/507/9256, as optional credits", () => {
    const progress = assessUnitProgress(rules, null, pass(PRACTICE, "K/503/5246", "D/503/1176", FINANCE));
    expect(progress.optionalCreditsAchieved).toBe(18);
    expect(progress.exemptedUnits.map((u) => u.unitRef)).toEqual([CUSTOMER, PEOPLE]);
    expect(progress.summary).toBe("Needs 12 more optional credits");
  });

  it("an older unit that was only referred gives no exemption", () => {
    const progress = assessUnitProgress(rules, null, [{ unitRef: "R/503/5242", result: "refer" }, ...pass(FINANCE, HEALTH_SAFETY, LEGAL, SUSTAINABLE, DELIVERY)]);
    expect(progress.missingMandatoryUnits.map((u) => u.unitRef)).toEqual([PRACTICE]);
  });

  it("an explicit exempt result counts", () => {
    const progress = assessUnitProgress(rules, null, [{ unitRef: PRACTICE, result: "exempt" }, ...pass(FINANCE, HEALTH_SAFETY, LEGAL, SUSTAINABLE, DELIVERY)]);
    expect(progress.complete).toBe(true);
    expect(progress.exemptedUnits).toEqual([
      { unitRef: PRACTICE, title: "Professional practice skills for housing", exemptedBy: { unitRef: "R/503/5242", title: "Professional practice skills for housing" } },
    ]);
  });

  it("referred and failed units do not count and are listed", () => {
    const progress = assessUnitProgress(rules, null, [
      ...pass(PRACTICE, FINANCE, HEALTH_SAFETY, LEGAL),
      { unitRef: SUSTAINABLE, result: "refer" },
      { unitRef: DELIVERY, result: "fail" },
    ]);
    expect(progress.complete).toBe(false);
    expect(progress.creditsAchieved).toBe(24);
    expect(progress.referredUnits).toEqual([{ unitRef: SUSTAINABLE, title: "Sustainable repairs and maintenance" }]);
    expect(progress.failedUnits).toEqual([{ unitRef: DELIVERY, title: "The delivery of housing services" }]);
    expect(progress.summary).toBe(
      "Needs 12 more optional credits; referred: M/504/4188 (Sustainable repairs and maintenance); failed: Y/503/1175 (The delivery of housing services)",
    );
  });

  it("a referral later passed counts once", () => {
    const progress = assessUnitProgress(rules, null, [
      { unitRef: SUSTAINABLE, result: "refer" },
      ...pass(PRACTICE, FINANCE, HEALTH_SAFETY, LEGAL, DELIVERY, SUSTAINABLE, SUSTAINABLE),
    ]);
    expect(progress).toMatchObject({ complete: true, creditsAchieved: 36, referredUnits: [] });
  });

  it("matches unit references loosely and reports ones it does not know", () => {
    const progress = assessUnitProgress(rules, null, [...pass(" f/507/9169 ", "l/504/4179"), ...pass("Z/999/0001")]);
    expect(progress.creditsAchieved).toBe(12);
    expect(progress.unknownUnits).toEqual(["Z/999/0001"]);
  });

  it("nothing yet: needs everything", () => {
    const progress = assessUnitProgress(rules, null, []);
    expect(progress).toMatchObject({ complete: false, creditsAchieved: 0 });
    expect(progress.summary).toBe("Needs 30 more optional credits and F/507/9169 (Professional practice skills for housing)");
  });
});
