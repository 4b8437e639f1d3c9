// Contractors: the qualification requirement reaches the staff of a provider that gives a comprehensive
// housing management service; a non-comprehensive provider's staff need none (the landlord takes steps instead).

import { describe, expect, it } from "vitest";
import { buildStatusTimelines, exemptingProvider, buildProviderIndex, normaliseProviderName, type ComplianceStatus } from "../../../app/compliance";
import { contextFor, evaluate, person, type Situation } from "./fixtures";

const REPAIRS = { name: "Acme Repairs Ltd", comprehensive: false };
const MANAGING_AGENT = { name: "Homewise Management", comprehensive: true };

interface Row {
  situation: string;
  given: Situation;
  status: ComplianceStatus;
  requiredLevel: 4 | 5 | null;
  statutory: "compliant" | "not_yet_due" | "in_breach" | null;
  reason?: string;
}

const rows: Row[] = [
  {
    situation: "employed directly: the job-title decision applies",
    given: { asOf: "2030-01-15", providers: [REPAIRS] },
    status: "not_enrolled",
    requiredLevel: 4,
    statutory: "in_breach",
  },
  {
    situation: "a manager employed by a non-comprehensive provider needs no qualification, and says why",
    given: { person: { employer: "Acme Repairs Ltd" }, asOf: "2030-01-15", providers: [REPAIRS] },
    status: "not_required",
    requiredLevel: null,
    statutory: null,
    reason: "No qualification required: employed by Acme Repairs Ltd, a service provider that does not provide a comprehensive housing management service (the role would otherwise need Level 4)",
  },
  {
    situation: "the employer is matched ignoring case and spacing",
    given: { person: { employer: "  acme   REPAIRS ltd " }, asOf: "2030-01-15", providers: [REPAIRS] },
    status: "not_required",
    requiredLevel: null,
    statutory: null,
  },
  {
    situation: "a comprehensive provider's manager needs the qualification as an employee does",
    given: { person: { employer: "Homewise Management" }, asOf: "2030-01-15", providers: [MANAGING_AGENT] },
    status: "not_enrolled",
    requiredLevel: 4,
    statutory: "in_breach",
  },
  {
    situation: "an employer not in the register is treated as the job title says (record the provider to change it)",
    given: { person: { employer: "Unknown Contractors" }, asOf: "2030-01-15", providers: [REPAIRS] },
    status: "not_enrolled",
    requiredLevel: 4,
    statutory: "in_breach",
  },
  {
    situation: "a frontline contractor stays not required with the frontline reason",
    given: { person: { employer: "Acme Repairs Ltd", jobTitle: "Housing Officer" }, asOf: "2030-01-15", providers: [REPAIRS] },
    status: "not_required",
    requiredLevel: null,
    statutory: null,
    reason: "No qualification required: frontline role",
  },
  {
    situation: "an individual decision cannot make the requirement reach a non-comprehensive provider's staff",
    given: {
      person: { employer: "Acme Repairs Ltd", jobTitle: "Repairs Supervisor" },
      overrides: [{ staffId: 1, category: "senior_manager", rationale: "Manages the repairs team", decidedBy: "HR", decidedOn: "2026-05-01" }],
      asOf: "2030-01-15",
      providers: [REPAIRS],
    },
    status: "not_required",
    requiredLevel: null,
    statutory: null,
    reason: "individual decision: Manages the repairs team",
  },
];

describe("service providers in the scope", () => {
  it.each(rows)("$situation", (row) => {
    const result = evaluate(row.given);
    expect(result.status).toBe(row.status);
    expect(result.requiredLevel).toBe(row.requiredLevel);
    expect(result.statutory).toBe(row.statutory);
    if (row.reason) expect(result.reasons.join(" | ")).toContain(row.reason);
  });

  it("the category of the role is kept for the breakdowns", () => {
    const result = evaluate({ person: { employer: "Acme Repairs Ltd" }, asOf: "2030-01-15", providers: [REPAIRS] });
    expect(result.category).toBe("senior_manager");
  });

  it("the trend leaves a non-comprehensive provider's staff out, as the status does", () => {
    const ctx = contextFor({ providers: [REPAIRS] });
    const direct = person({ id: 1 });
    const contractor = person({ id: 2, employeeRef: "C002", employer: "Acme Repairs Ltd" });
    expect(buildStatusTimelines(ctx, [direct, contractor]).count).toBe(1);
  });
});

describe("matching an employer to the register", () => {
  const index = buildProviderIndex([REPAIRS, MANAGING_AGENT]);
  it.each([
    { employer: null, exempt: false },
    { employer: "", exempt: false },
    { employer: "Acme Repairs Ltd", exempt: true },
    { employer: "ACME REPAIRS LTD", exempt: true },
    { employer: "Homewise Management", exempt: false },
    { employer: "Acme Repairs", exempt: false },
  ])("$employer → exempt $exempt", ({ employer, exempt }) => {
    expect(exemptingProvider(index, employer) !== null).toBe(exempt);
  });
  it("normalises by trimming, collapsing spaces and lower case", () => {
    expect(normaliseProviderName("  Acme\t Repairs  LTD ")).toBe("acme repairs ltd");
  });
});
