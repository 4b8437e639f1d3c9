/**
 * The demo organisations' conduct picture (issue [2.7]): policy versions (a code of conduct approved this year, the
 * previous one kept as history, one policy overdue for review, one due soon), most staff acknowledged and some
 * overdue, appraisal and supervision dates (most current, some overdue), training on the course list with codes and
 * refresh intervals, required by department or for everyone, completions of which some have expired, a few tenant
 * engagement entries, and contractors in the service-provider register with and without clauses and assurance
 * returns.
 *
 * Deterministic: absolute dates around the demo's today and a seeded PRNG per organisation. Written inside the
 * demo seed's transaction through each organisation's scope (`scope.write`). It changes no qualification status:
 * the providers it registers either provide a comprehensive service or employ nobody in the staff file.
 */
import type { OrganisationScope, OrganisationWriter } from "../../app/models/organisation-scope.server";
import { normaliseText } from "../../app/conduct";
import { normaliseProviderName } from "../../app/compliance/service-providers";
import type { MeetingKind } from "../schema";
import { addDays, maxDate, minDate } from "../../app/compliance/dates";
import { DemoRandom } from "./random";

export interface DemoConductOptions {
  /** The demo's today (YYYY-MM-DD). */
  today: string;
  unaudited: string;
}

const SEED = 0xc0_2d_7c;



const BATCH = 200;
function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

/** The code of conduct in force: approved this year, so everyone owes an acknowledgement 60 days on. */
const CODE_APPROVED = "2026-07-16";

interface DemoPolicy {
  kind: "code_of_conduct" | "learning_development" | "appraisal" | "poor_performance";
  version: string;
  approvedBy: string;
  approvedOn: string;
  reviewBy: string | null;
  documentRef: string;
  tenantPage: string | null;
}

function policiesOf(slug: string): DemoPolicy[] {
  const board = slug === "riverside" ? "Board" : "Committee of management";
  const people = slug === "riverside" ? "People and Culture Committee" : "Committee of management";
  const list: DemoPolicy[] = [
    { kind: "code_of_conduct", version: "2024", approvedBy: board, approvedOn: "2024-03-14", reviewBy: "2026-03-14", documentRef: "HR-POL-001 v4", tenantPage: null },
    { kind: "code_of_conduct", version: "2026", approvedBy: board, approvedOn: CODE_APPROVED, reviewBy: "2028-07-16", documentRef: "HR-POL-001 v5", tenantPage: "code-of-conduct" },
    { kind: "learning_development", version: "3.0", approvedBy: people, approvedOn: "2025-05-20", reviewBy: "2027-05-20", documentRef: "HR-POL-014", tenantPage: "learning-and-development" },
    // Overdue for review: the dashboard and the policies page flag it.
    { kind: "appraisal", version: "2.1", approvedBy: people, approvedOn: "2024-10-01", reviewBy: "2026-10-01", documentRef: "HR-POL-009", tenantPage: null },
  ];
  // Riverside's is due for review soon; Oakfield has not written one yet (the overview names it as missing).
  if (slug === "riverside") list.push({ kind: "poor_performance", version: "1.2", approvedBy: people, approvedOn: "2025-01-15", reviewBy: "2027-01-15", documentRef: "HR-POL-011", tenantPage: null });
  return list;
}

interface DemoCourse {
  /** A course already on the list (the skills-audit courses), matched by title, or a new one of the organisation. */
  title: string;
  code: string;
  refreshMonths: number | null;
  provider?: string;
  /** Who it is required of. */
  requiredOf: Array<{ appliesTo: "everyone" | "department" | "category"; value: string | null }>;
  /** Share of the people it is required of who have completed it. */
  completion: number;
}

const COURSES: readonly DemoCourse[] = [
  { title: "Safeguarding adults and children", code: "SG", refreshMonths: 36, provider: "In house", requiredOf: [{ appliesTo: "everyone", value: null }], completion: 0.9 },
  {
    title: "Complaints handling and the Housing Ombudsman's code",
    code: "CH",
    refreshMonths: 24,
    provider: "In house",
    requiredOf: [
      { appliesTo: "department", value: "Customer Services" },
      { appliesTo: "category", value: "senior_manager" },
    ],
    completion: 0.8,
  },
  {
    title: "Damp and mould: causes, prevention and Awaab's Law",
    code: "DM",
    refreshMonths: 24,
    requiredOf: [
      { appliesTo: "department", value: "Property Services" },
      { appliesTo: "department", value: "Neighbourhoods" },
    ],
    completion: 0.75,
  },
  { title: "Disrepair claims and the landlord's repairing obligations", code: "DR", refreshMonths: 36, requiredOf: [{ appliesTo: "department", value: "Property Services" }], completion: 0.7 },
  { title: "Housing standards: Decent Homes, HHSRS and the consumer standards", code: "HS", refreshMonths: null, requiredOf: [{ appliesTo: "category", value: "senior_executive" }], completion: 0.85 },
];

interface DemoEngagement {
  heldOn: string;
  kind: "panel" | "survey" | "scrutiny_meeting" | "other";
  about: DemoPolicy["kind"] | null;
  title: string;
  influence: string;
  outcome: string | null;
}

const ENGAGEMENTS: Readonly<Record<string, readonly DemoEngagement[]>> = {
  riverside: [
    {
      heldOn: "2026-04-22",
      kind: "scrutiny_meeting",
      about: "code_of_conduct",
      title: "Tenant scrutiny panel review of the draft code of conduct",
      influence: "Nine panel members read the draft and asked for plain English, a section on respect in tenants' homes and how to complain about a member of staff.",
      outcome: "Section 4 (in your home) added and the complaints route printed on every page of the 2026 code.",
    },
    {
      heldOn: "2026-06-03",
      kind: "survey",
      about: "code_of_conduct",
      title: "Tenant survey on staff conduct",
      influence: "1,214 responses; 81% said staff were polite and respectful, 64% that repairs operatives explained what they would do.",
      outcome: "Repairs operatives added to the code's training; the survey is repeated each spring.",
    },
    {
      heldOn: "2026-09-17",
      kind: "panel",
      about: "learning_development",
      title: "Residents' forum on staff training priorities",
      influence: "Residents chose damp and mould, and hoarding and vulnerability, as the training they most wanted housing officers to have.",
      outcome: "Damp and mould made a required course for Neighbourhoods staff.",
    },
    {
      heldOn: "2026-11-12",
      kind: "scrutiny_meeting",
      about: "appraisal",
      title: "Scrutiny panel: how tenant feedback reaches appraisals",
      influence: "The panel asked that compliments and complaints about a member of staff are discussed at their appraisal.",
      outcome: null,
    },
  ],
  oakfield: [
    {
      heldOn: "2026-05-14",
      kind: "panel",
      about: "code_of_conduct",
      title: "Members' meeting on the revised code of conduct",
      influence: "Co-operative members asked that the code applies to committee members as well as staff.",
      outcome: "The 2026 code covers committee members; approved by the committee of management in July.",
    },
    {
      heldOn: "2026-10-08",
      kind: "survey",
      about: null,
      title: "Annual members' survey",
      influence: "Questions on staff helpfulness and how well repairs contractors behave in members' homes.",
      outcome: "Contractor conduct to be a standing item at contract meetings.",
    },
  ],
};

interface DemoProvider {
  name: string;
  comprehensive: boolean;
  contractRef: string;
  reviewDate: string;
  competenceClause: boolean;
  conductClause: boolean;
  assuranceMonths: number;
  returns: Array<{ receivedOn: string; summary: string }>;
  note?: string;
}

/**
 * The register. "Upkeep Repairs Ltd", whose operatives are in the staff file, is deliberately left unregistered (the
 * register page lists it under employers not yet registered); registering it as not comprehensive would change
 * its staff's qualification status.
 */
const PROVIDERS: Readonly<Record<string, readonly DemoProvider[]>> = {
  riverside: [
    {
      name: "Northern Property Services",
      comprehensive: true,
      contractRef: "RH-C-2023-044",
      reviewDate: "2027-06-30",
      competenceClause: true,
      conductClause: true,
      assuranceMonths: 6,
      returns: [
        { receivedOn: "2025-12-10", summary: "Qualification and DBS checks for all 14 staff on the contract; code of conduct briefings held." },
        { receivedOn: "2026-06-18", summary: "All staff on the contract acknowledged our 2026 code of conduct; two enrolled on the Level 4 certificate." },
      ],
      note: "Manages the Riverside estates north of the river",
    },
    {
      name: "Safe Homes Gas Services",
      comprehensive: false,
      contractRef: "RH-C-2022-017",
      reviewDate: "2027-03-31",
      competenceClause: true,
      conductClause: true,
      assuranceMonths: 12,
      returns: [{ receivedOn: "2025-08-29", summary: "Gas Safe registrations for all engineers; conduct complaints: none." }],
    },
    {
      name: "Greenway Grounds Maintenance",
      comprehensive: false,
      contractRef: "RH-C-2025-003",
      reviewDate: "2028-03-31",
      competenceClause: false,
      conductClause: true,
      assuranceMonths: 12,
      returns: [],
    },
  ],
  oakfield: [
    {
      name: "Brightline Cleaning Co-op",
      comprehensive: false,
      contractRef: "OH-2024-02",
      reviewDate: "2027-01-31",
      competenceClause: false,
      conductClause: false,
      assuranceMonths: 12,
      returns: [],
    },
    {
      name: "Safe Homes Gas Services",
      comprehensive: false,
      contractRef: "OH-2023-07",
      reviewDate: "2027-09-30",
      competenceClause: true,
      conductClause: true,
      assuranceMonths: 12,
      returns: [{ receivedOn: "2026-03-02", summary: "Gas Safe registrations and conduct training records for the engineers who visit Oakfield." }],
    },
  ],
};

/** Seeds each organisation's conduct picture through its scope, in the order given (the index seeds the PRNG). */
export async function seedDemoConduct(scopes: readonly OrganisationScope[], opts: DemoConductOptions): Promise<void> {
  for (const [index, scope] of scopes.entries()) {
    await scope.write((w) => seedOrganisationConduct(w, index, scope.organisation.slug, opts), { unaudited: opts.unaudited });
  }
}

async function seedOrganisationConduct(w: OrganisationWriter, index: number, slug: string, opts: DemoConductOptions): Promise<void> {
  const { today } = opts;
  const stamp = `${today}T09:00:00.000Z`;
  const recordedBy = slug === "riverside" ? "hr@demo.example" : "consultant@demo.example";
  const random = new DemoRandom(SEED ^ (index * 7919 + 29));
  const r = () => random.next();
  const site = slug === "riverside" ? "https://www.riverside-homes.example" : "https://www.oakfield-coop.example";

  // Policies.
  const policyIds = new Map<string, number>();
  for (const p of policiesOf(slug)) {
    const { id } = await w
      .insertInto("policy_versions", {
        kind: p.kind,
        version: p.version,
        approved_by: p.approvedBy,
        approved_on: p.approvedOn,
        review_by: p.reviewBy,
        tenant_url: p.tenantPage ? `${site}/about-us/${p.tenantPage}` : null,
        document_ref: p.documentRef,
        note: null,
        recorded_by: recordedBy,
        created_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    policyIds.set(`${p.kind}:${p.version}`, id);
    policyIds.set(p.kind, id); // the latest of each kind (listed in approval order)
  }

  // People active today, with the category the rules give them (override, else the job-title decision).
  const people = (
    await w
      .selectFrom("staff")
      .leftJoin("scope_decisions as d", (j) => j.onRef("d.organisation_id", "=", "staff.organisation_id").onRef("d.job_title_normalised", "=", "staff.job_title_normalised"))
      .leftJoin("person_overrides as o", (j) => j.onRef("o.staff_id", "=", "staff.id").onRef("o.organisation_id", "=", "staff.organisation_id"))
      .select(["staff.id", "staff.department", "staff.start_date", "staff.end_date", "d.category as decided", "o.category as overridden"])
      .orderBy("staff.id")
      .execute()
  )
    .filter((p) => (p.start_date == null || p.start_date <= today) && (p.end_date == null || p.end_date > today))
    .map((p) => ({ id: p.id, department: p.department, start: p.start_date ?? "2015-01-05", category: (p.overridden ?? p.decided ?? null) as string | null }));

  // Acknowledgements of the 2026 code: about nine in ten of those who owed one by now; later joiners mostly within
  // their 60 days. The rest are overdue (or, for the newest joiners, not yet due).
  const codeId = policyIds.get("code_of_conduct:2026")!;
  const oldCodeId = policyIds.get("code_of_conduct:2024")!;
  const acknowledgements: Array<{ staff_id: number; policy_version_id: number; acknowledged_on: string; source: "seed"; recorded_by: string; created_at: string }> = [];
  for (const p of people) {
    const from = maxDate(CODE_APPROVED, p.start);
    if (addDays(from, 2) < today && r() < 0.9) acknowledgements.push({ staff_id: p.id, policy_version_id: codeId, acknowledged_on: random.date(addDays(from, 2), minDate(addDays(from, 75), addDays(today, -1))), source: "seed", recorded_by: recordedBy, created_at: stamp });
    if (p.start < "2024-03-14" && r() < 0.85)
      acknowledgements.push({ staff_id: p.id, policy_version_id: oldCodeId, acknowledged_on: random.date("2024-03-18", "2024-05-31"), source: "seed", recorded_by: recordedBy, created_at: stamp });
  }
  for (const batch of chunks(acknowledgements)) await w.insertInto("conduct_acknowledgements", batch).execute();

  // Appraisals for everyone (most in the last year, some overdue, a few new starters without one yet) and
  // supervision for senior staff (quarterly: most in the last three months).
  const meetings: Array<{ staff_id: number; kind: MeetingKind; held_on: string; note: null; source: "seed"; recorded_by: string; created_at: string }> = [];
  const meeting = (staff_id: number, kind: MeetingKind, held_on: string) => meetings.push({ staff_id, kind, held_on, note: null, source: "seed", recorded_by: recordedBy, created_at: stamp });
  for (const p of people) {
    const x = r();
    if (p.start > addDays(today, -365) && x < 0.5) {
      // joined this year: the first appraisal is due a year on
    } else if (x < 0.86) meeting(p.id, "appraisal", random.date(maxDate(addDays(today, -340), p.start), addDays(today, -7)));
    else if (x < 0.97) meeting(p.id, "appraisal", random.date(maxDate(addDays(today, -520), p.start), addDays(today, -380)));
    // else: never appraised (overdue)
    if (p.category === "senior_executive" || p.category === "senior_manager") {
      const y = r();
      if (y < 0.8) {
        const last = random.date(maxDate(addDays(today, -80), p.start), addDays(today, -3));
        meeting(p.id, "supervision", last);
        if (addDays(last, -91) >= p.start) meeting(p.id, "supervision", addDays(last, -91));
      } else if (y < 0.95) meeting(p.id, "supervision", random.date(maxDate(addDays(today, -200), p.start), addDays(today, -100)));
    }
    if (r() < 0.15) meeting(p.id, "one_to_one", random.date(maxDate(addDays(today, -60), p.start), addDays(today, -2)));
  }
  for (const batch of chunks(meetings)) await w.insertInto("supervision_meetings", batch).execute();

  // Training: codes and refresh intervals on the course list, requirements, completions (some expired).
  const existing = await w.selectFrom("skill_courses").select(["id", "title"]).execute();
  const completions: Array<{ staff_id: number; course_id: number; completed_on: string; expires_on: null; source: "seed"; recorded_by: string; created_at: string }> = [];
  for (const c of COURSES) {
    let courseId = existing.find((e) => e.title === c.title)?.id;
    if (courseId === undefined) {
      courseId = (
        await w
          .insertInto("skill_courses", { title: c.title, code: c.code, refresh_months: c.refreshMonths, provider: c.provider ?? null, hours: null, description: null, retired_at: null, created_at: stamp })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    } else {
      await w.updateTable("skill_courses").set({ code: c.code, refresh_months: c.refreshMonths }).where("id", "=", courseId).execute();
    }
    await w
      .insertInto(
        "training_requirements",
        c.requiredOf.map((q) => ({ course_id: courseId!, applies_to: q.appliesTo, value: q.value, value_normalised: q.appliesTo === "department" ? normaliseText(q.value!) : q.value, created_at: stamp })),
      )
      .execute();
    const requiredOf = people.filter((p) =>
      c.requiredOf.some((q) => q.appliesTo === "everyone" || (q.appliesTo === "department" && p.department === q.value) || (q.appliesTo === "category" && p.category === q.value)),
    );
    const lifeDays = c.refreshMonths === null ? null : Math.round((c.refreshMonths * 365) / 12);
    for (const p of requiredOf) {
      if (r() >= c.completion) continue;
      // Most completions are current; about one in eight lapsed (older than the refresh interval).
      const lapsed = lifeDays !== null && r() < 0.13;
      const completed = lapsed
        ? random.date(maxDate(addDays(today, -lifeDays - 400), p.start), addDays(today, -lifeDays - 5))
        : random.date(maxDate(addDays(today, -(lifeDays ?? 900) + 20), p.start), addDays(today, -3));
      if (completed < p.start || completed >= today) continue;
      completions.push({ staff_id: p.id, course_id: courseId, completed_on: completed, expires_on: null, source: "seed", recorded_by: recordedBy, created_at: stamp });
    }
  }
  for (const batch of chunks(completions)) await w.insertInto("training_completions", batch).execute();

  // Tenant engagement.
  const engagements = ENGAGEMENTS[slug] ?? [];
  if (engagements.length > 0) {
    await w
      .insertInto(
        "tenant_engagements",
        engagements.map((e) => ({
          held_on: e.heldOn,
          kind: e.kind,
          policy_version_id: e.about ? policyIds.get(e.about) ?? null : null,
          title: e.title,
          influence: e.influence,
          outcome: e.outcome,
          recorded_by: recordedBy,
          created_at: stamp,
        })),
      )
      .execute();
  }

  // Contractors in the service-provider register, with their clauses and assurance returns.
  for (const p of PROVIDERS[slug] ?? []) {
    const { id } = await w
      .insertInto("service_providers", {
        name: p.name,
        name_normalised: normaliseProviderName(p.name),
        comprehensive: p.comprehensive ? 1 : 0,
        contract_ref: p.contractRef,
        review_date: p.reviewDate,
        note: p.note ?? null,
        competence_clause: p.competenceClause ? 1 : 0,
        conduct_clause: p.conductClause ? 1 : 0,
        assurance_months: p.assuranceMonths,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (p.returns.length > 0) {
      await w.insertInto("provider_assurance_returns", p.returns.map((x) => ({ provider_id: id, received_on: x.receivedOn, summary: x.summary, recorded_by: recordedBy, created_at: stamp }))).execute();
    }
  }
}
