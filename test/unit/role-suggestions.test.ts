import { describe, expect, test } from "vitest";
import { COMMON_HOUSING_TITLES, suggestCategory } from "../../app/models/role-suggestions";

describe("role suggestions", () => {
  test("exact matches on the common housing titles, whatever the spacing and case", () => {
    expect(suggestCategory("Neighbourhood Manager")).toMatchObject({ category: "senior_manager", source: "common_title", basis: "Neighbourhood Manager" });
    expect(suggestCategory("Head of Income")).toMatchObject({ category: "senior_executive", source: "common_title" });
    expect(suggestCategory("  head   of  INCOME ")).toMatchObject({ category: "senior_executive", source: "common_title" });
    // The list beats the keywords: a "Scheme Manager" is usually front line, "Head of People" back office.
    expect(suggestCategory("Scheme Manager")).toMatchObject({ category: "frontline", source: "common_title" });
    expect(suggestCategory("Head of People")).toMatchObject({ category: "out_of_scope", source: "common_title", note: "back-office" });
    expect(suggestCategory("Compliance Manager")?.note).toContain("compliance");
  });

  test("keyword rules when the title is not on the list", () => {
    expect(suggestCategory("Director of Communities")).toMatchObject({ category: "senior_executive", source: "keyword", basis: "director" });
    expect(suggestCategory("Head of Tenancy Services")).toMatchObject({ category: "senior_executive", source: "keyword", basis: "head of" });
    expect(suggestCategory("Business Improvement Manager")).toMatchObject({ category: "senior_manager", source: "keyword", basis: "manager" });
    expect(suggestCategory("Senior Income Officer")).toMatchObject({ category: "frontline", basis: "officer" });
    expect(suggestCategory("Customer Service Advisor")).toMatchObject({ category: "frontline", basis: "advisor" });
    expect(suggestCategory("Roofing Operative")).toMatchObject({ category: "frontline", basis: "operative" });
    expect(suggestCategory("Finance Director")).toMatchObject({ category: "out_of_scope", source: "keyword" });
    expect(suggestCategory("Resident Engagement Lead")).toBeNull();
    expect(suggestCategory("   ")).toBeNull();
  });

  test("keywords match whole words only", () => {
    // "it" must not match inside "Community"; "head" alone is not "head of".
    expect(suggestCategory("Community Safety Manager")).toMatchObject({ category: "senior_manager" });
    expect(suggestCategory("Headcount Planner")).toBeNull();
  });

  test("the embedded list carries every common title once", () => {
    expect(COMMON_HOUSING_TITLES.length).toBe(55);
    const keys = COMMON_HOUSING_TITLES.map((t) => t.jobTitle.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
  });
});
