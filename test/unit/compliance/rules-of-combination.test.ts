// CIH Level 4 Certificate in Managing Housing Maintenance (603/1433/3): 36 credits = the mandatory unit
// F/507/9169 (6) + 30 optional credits; pathways add named units plus "a further 24 credits".

import { describe, expect, it } from "vitest";
import catalogue from "../../../db/catalogue/cih-l4-managing-housing-maintenance.json";
import { assessUnitProgress, rulesOfCombinationFromCatalogue, type UnitResult } from "../../../app/compliance";

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
      { name: "Responsive repairs", complete: false, missingMandatoryUnits: [], optionalCreditsStillNeeded: 6, creditsStillNeeded: 6, summary: "Needs 6 more optional credits" },
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

describe("pathways: their mandatory units and a further 24 optional credits", () => {
  it("Responsive repairs is complete with its three units and four others (42 credits)", () => {
    const progress = assessUnitProgress(rules, "Responsive repairs", pass(PRACTICE, RESPONSIVE_PROCUREMENT, RESPONSIVE_PERFORMANCE, FINANCE, HEALTH_SAFETY, LEGAL, SUSTAINABLE));
    expect(progress).toMatchObject({
      complete: true,
      pathway: "Responsive repairs",
      creditsAchieved: 42,
      creditsNeeded: 42,
      optionalCreditsNeeded: 24,
      summary: "Complete: 42 credits",
      pathwaySuggestions: [],
    });
    expect(progress.mandatoryUnits.map((u) => u.unitRef)).toEqual([PRACTICE, RESPONSIVE_PERFORMANCE, RESPONSIVE_PROCUREMENT]);
  });

  it("names what a Responsive repairs learner still needs", () => {
    const progress = assessUnitProgress(rules, "Responsive repairs", pass(PRACTICE, RESPONSIVE_PROCUREMENT, FINANCE, HEALTH_SAFETY));
    expect(progress.summary).toBe("Needs 12 more optional credits and Y/504/4184 (Performance management for responsive repairs)");
    expect(progress.optionalCreditsStillNeeded).toBe(12);
  });

  it("Planned maintenance: the pathway's own units do not count towards its further credits", () => {
    const progress = assessUnitProgress(rules, " planned maintenance ", pass(PRACTICE, PLANNED_DATA, PLANNED_PROCUREMENT, FINANCE, HEALTH_SAFETY, LEGAL));
    expect(progress.pathway).toBe("Planned maintenance");
    expect(progress).toMatchObject({ complete: false, creditsAchieved: 36, optionalCreditsAchieved: 18, optionalCreditsStillNeeded: 6 });
    expect(progress.summary).toBe("Needs 6 more optional credits");
    const done = assessUnitProgress(rules, "Planned maintenance", pass(PRACTICE, PLANNED_DATA, PLANNED_PROCUREMENT, FINANCE, HEALTH_SAFETY, LEGAL, SUSTAINABLE));
    expect(done.complete).toBe(true);
  });

  it("another pathway's units count as optional credits", () => {
    const progress = assessUnitProgress(rules, "Planned maintenance", pass(PRACTICE, PLANNED_DATA, PLANNED_PROCUREMENT, RESPONSIVE_PROCUREMENT, RESPONSIVE_PERFORMANCE, DELIVERY, CUSTOMER));
    expect(progress.complete).toBe(true);
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
