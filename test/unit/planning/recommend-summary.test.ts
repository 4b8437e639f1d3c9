import { describe, expect, it } from "vitest";
import {
  buildComplianceContext,
  defaultOrganisationSettings,
  type QualificationRecord,
  type ScopeDecision,
  type StaffMember,
} from "../../../app/compliance";
import {
  costByProvider,
  costByQuarter,
  formatPounds,
  learnerCost,
  parsePounds,
  planWorkforce,
  plannedRecords,
  projectPlan,
  qualificationOptions,
  quarterOf,
  suggestPathway,
  type PlanAuditGap,
} from "../../../app/planning";
import { QUALIFICATIONS, Q, input, intake, person } from "./fixtures";

const mhm = QUALIFICATIONS.find((q) => q.id === Q.maintenanceL4)!;
const gap = (area: string, size = 2): PlanAuditGap => ({ area, areaGroup: "skills", target: 3, agreed: 3 - size, gap: size });

describe("pathway suggestion: job title, then skills audit gaps, then department", () => {
  it.each([
    ["Planned Maintenance Manager", "Property Services", [], "Planned maintenance", /job title/],
    ["Responsive Repairs Manager", "Property Services", [], "Responsive repairs", /job title/],
    ["Voids Manager", "Lettings", [], "Responsive repairs", /job title/],
    ["Building Safety Manager", "Asset Management", [], "Planned maintenance", /job title/],
    ["Head of Property", "Property Services", [gap("Assets", 3)], "Planned maintenance", /skills audit gaps \(Assets\)/],
    ["Head of Property", "Property Services", [gap("Respond to vulnerability"), gap("Customer service", 3)], "Responsive repairs", /skills audit gaps/],
    ["Property Manager", "Asset Management", [], "Planned maintenance", /department/],
    ["Property Manager", "Operations", [], "Planned maintenance", /first pathway/],
  ])("%s in %s", (jobTitle, department, gaps, pathway, why) => {
    const choice = suggestPathway({ jobTitle, department, auditGaps: gaps as PlanAuditGap[] }, mhm);
    expect(choice.pathway).toBe(pathway);
    expect(choice.reason).toMatch(why);
  });

  it("a qualification without pathways has no suggestion", () => {
    expect(suggestPathway(person(), QUALIFICATIONS[0])).toEqual({ pathway: null, reason: null });
  });
});

describe("qualification options", () => {
  const titles = (p: ReturnType<typeof person>) => qualificationOptions(p, QUALIFICATIONS, { 4: 12, 5: 18 }).map((o) => o.qualificationId);
  it.each([
    ["a neighbourhood manager: general Level 4, shortest first; no maintenance certificate", person(), [Q.housingL4, Q.apprenticeshipL4]],
    ["a repairs manager: the maintenance certificate first", person({ jobTitle: "Repairs Manager", department: "Property Services" }), [Q.maintenanceL4, Q.housingL4, Q.apprenticeshipL4]],
    ["an executive: Level 5 only (not the BSc, not the unrecognised diploma)", person({ requiredLevel: 5, jobTitle: "Director of Housing" }), [Q.diplomaL5, Q.foundationL5]],
  ])("%s", (_name, p, expected) => {
    expect(titles(p)).toEqual(expected);
  });
});

describe("money", () => {
  it.each([
    [165_000, null, 165_000],
    [189_000, { creditsStillNeeded: 18, creditsNeeded: 36 }, 94_500],
    [100_000, { creditsStillNeeded: 1, creditsNeeded: 3 }, 33_333],
    [100_000, { creditsStillNeeded: 0, creditsNeeded: 36 }, 0],
    [100_000, { creditsStillNeeded: 50, creditsNeeded: 36 }, 100_000],
  ])("learnerCost(%i, %o) = %i", (price, topUp, expected) => {
    const t = topUp ? { ...topUp, creditsAchieved: 1, missingMandatoryUnits: [], optionalCreditsStillNeeded: 0, summary: "" } : null;
    expect(learnerCost(price, t)).toBe(expected);
  });

  it.each([
    ["1650", 165_000],
    ["£1,650.50", 165_050],
    ["1 650.5", 165_050],
    ["0", 0],
    ["-5", null],
    ["12.345", null],
    ["1e3", null],
    ["", null],
  ])("parsePounds(%j) = %j", (text, pence) => {
    expect(parsePounds(text)).toBe(pence);
  });

  it("formats pounds", () => {
    expect(formatPounds(123_456_700)).toBe("£1,234,567");
    expect(formatPounds(108_050)).toBe("£1,080.50");
    expect(formatPounds(0)).toBe("£0");
  });

  it("groups cost by calendar quarter of the start and by provider", () => {
    expect(quarterOf("2027-01-11")).toEqual({ key: "2027-Q1", label: "Jan–Mar 2027" });
    expect(quarterOf("2027-12-31")).toEqual({ key: "2027-Q4", label: "Oct–Dec 2027" });
    const plan = planWorkforce(
      input({
        people: [person({ staffId: 1 }), person({ staffId: 2 }), person({ staffId: 3 })],
        intakes: [intake({ id: 1, capacity: 1 }), intake({ id: 2, startDate: "2027-04-12", capacity: 1, provider: "Northern Housing Consortium", pricePence: 149_500 }), intake({ id: 3, startDate: "2027-05-10" })],
      }),
    );
    expect(costByQuarter(plan.assignments)).toEqual([
      { key: "2027-Q1", label: "Jan–Mar 2027", learners: 1, costPence: 165_000 },
      { key: "2027-Q2", label: "Apr–Jun 2027", learners: 2, costPence: 314_500 },
    ]);
    expect(costByProvider(plan.assignments)).toEqual([
      { provider: "CIH Housing Academy", learners: 2, topUps: 0, costPence: 330_000 },
      { provider: "Northern Housing Consortium", learners: 1, topUps: 0, costPence: 149_500 },
    ]);
  });
});

describe("projection: the rules' forecast with the planned enrolments added", () => {
  const decisions: ScopeDecision[] = [{ jobTitle: "Neighbourhood Manager", category: "senior_manager", timeManagingPct: null, rationale: null, decidedBy: null, decidedOn: null, reviewDate: null }];
  const staff: StaffMember[] = [1, 2, 3, 4].map((id) => ({
    id,
    employeeRef: `E${id}`,
    firstName: "A",
    lastName: `B${id}`,
    jobTitle: "Neighbourhood Manager",
    department: "Neighbourhoods",
    employer: null,
    startDate: "2015-01-05",
    roleStartDate: null,
    endDate: null,
    onProbation: false,
  }));
  const qualified: QualificationRecord = { id: 1, staffId: 1, qualificationId: Q.housingL4, provider: null, status: "achieved", enrolledOn: "2019-01-07", startedOn: null, expectedCompletion: null, achievedOn: "2020-01-10", pathway: null, unitResults: [] };
  const ctxInput = { settings: defaultOrganisationSettings(5000), decisions, overrides: [], qualifications: QUALIFICATIONS, records: [qualified], absences: [] };
  const ctx = buildComplianceContext(ctxInput);

  it("turns assignments into enrolled records and moves the projection", () => {
    const plan = planWorkforce(
      input({
        people: [2, 3, 4].map((id) => person({ staffId: id })),
        intakes: [intake({ id: 1, capacity: 2 }), intake({ id: 2, startDate: "2027-09-13", capacity: 1 })],
      }),
    );
    const records = plannedRecords(plan.assignments);
    expect(records[0]).toEqual({
      id: -1,
      staffId: 2,
      qualificationId: Q.housingL4,
      provider: "CIH Housing Academy",
      status: "enrolled",
      enrolledOn: "2027-01-11",
      startedOn: null,
      expectedCompletion: "2028-01-11",
      achievedOn: null,
      pathway: null,
      unitResults: [],
    });
    const projection = projectPlan(ctx, ctxInput, staff, plan, "2026-11-23");
    const at = (date: string) => projection.points.find((p) => p.date === date)!;
    expect(at("2026-11-23").withPlan.pctQualified).toBe(25);
    expect(at("2027-01-31").withoutPlan.pctQualifiedOrEnrolled).toBe(25);
    expect(at("2027-01-31").withPlan.pctQualifiedOrEnrolled).toBe(75);
    expect(at("2028-01-31").withPlan.pctQualified).toBe(75);
    expect(at("2029-10-01").withPlan.pctQualified).toBe(100);
    expect(at("2029-10-01").withoutPlan.pctQualified).toBe(25);
    const deadline = projection.milestones.find((m) => m.name === "Qualified deadline")!;
    expect(deadline).toMatchObject({ upcoming: true, withPlanPct: 100, withoutPlanPct: 25, metWithPlan: true, metWithoutPlan: false });
    expect(projection.milestones.find((m) => m.date === "2026-10-01")).toMatchObject({ upcoming: false, withPlanPct: null });
  });

  it("with nothing planned, the projection is today's forecast", () => {
    const projection = projectPlan(ctx, ctxInput, staff, { assignments: [] }, "2026-11-23");
    expect(projection.points.every((p) => p.withPlan === p.withoutPlan)).toBe(true);
  });
});
