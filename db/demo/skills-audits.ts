/**
 * Demo skills audits for the demo organisations: a short-course catalogue, last year's closed campaign and this
 * year's open one (part done) against the shared default framework, with realistic ratings. Deterministic: a
 * seeded PRNG drives every choice and every date is absolute. Runs inside the demo seed's transaction, after
 * the staff and users exist. Each organisation's rows are written through its scope (`scope.write`).
 */
import type { Insertable } from "kysely";
import { DemoRandom } from "./random";
import type { OrganisationScope, OrganisationWriter } from "../../app/models/organisation-scope.server";
import type { CategoryValue, SkillsAuditRatingTable } from "../schema";

export interface DemoAuditsOptions {
  /** The demo's "today" (stamps only). */
  today: string;
  /** Why the seed's writes record no audit event. */
  unaudited: string;
}

const SEED = 0x5a7d_2026;
const BATCH = 500;


const COURSES: ReadonlyArray<{ title: string; provider: string; hours: number; description: string; areas: string[] }> = [
  {
    title: "Damp and mould: causes, prevention and Awaab's Law",
    provider: "CIH Housing Academy",
    hours: 7,
    description: "Investigating and fixing damp and mould, timescales under Awaab's Law, talking to residents about health risks.",
    areas: ["K1", "K3", "S4", "S5", "B1"],
  },
  {
    title: "Disrepair claims and the landlord's repairing obligations",
    provider: "Northern Housing Consortium",
    hours: 6,
    description: "Section 11, the pre-action protocol for disrepair, inspections, offers and settlement; avoiding claims by putting repairs right.",
    areas: ["K1", "K7", "S6", "S10"],
  },
  {
    title: "Housing standards: Decent Homes, HHSRS and the consumer standards",
    provider: "Leeds College",
    hours: 12,
    description: "The Regulator's consumer standards, the Decent Homes Standard and HHSRS hazards, and the Competence & Conduct Standard's code of conduct.",
    areas: ["K1", "K5", "K6", "C1"],
  },
];

const NOTES = [
  "Observed at the tenant scrutiny panel",
  "Led the damp and mould case review",
  "Evidence: 1:1 notes and appraisal",
  "Completed the HHSRS refresher",
  "Managed the void turnaround project",
  "Handled two complaints to resolution at stage 1",
  "Presented the repairs budget to the board",
  "Mentors a new starter in the team",
  "Needs support on contract clauses",
  "Used the new repairs scheduling tool confidently",
];

interface Area {
  id: number;
  code: string;
  target: Record<"senior_executive" | "senior_manager" | "frontline", number>;
}

interface Person {
  staffId: number;
  employeeRef: string;
  category: "senior_executive" | "senior_manager" | "frontline";
  department: string | null;
  employer: string | null;
  startDate: string | null;
  endDate: string | null;
}

function activeOn(p: Person, date: string): boolean {
  return (p.startDate === null || p.startDate <= date) && (p.endDate === null || p.endDate > date);
}

const clamp = (n: number) => Math.max(0, Math.min(4, Math.round(n)));

/** Seeds each organisation's audits through its scope, in the order given (the index seeds the PRNG). */
export async function seedDemoAudits(scopes: readonly OrganisationScope[], opts: DemoAuditsOptions): Promise<void> {
  for (const [index, scope] of scopes.entries()) {
    await scope.write((w) => seedOrganisationAudits(w, index, scope.organisation.slug, opts), { unaudited: opts.unaudited });
  }
}

async function seedOrganisationAudits(w: OrganisationWriter, index: number, slug: string, opts: DemoAuditsOptions): Promise<void> {
  const stamp = `${opts.today}T09:00:00.000Z`;
  const framework = await w.selectVisible("skill_frameworks").select("id").where("organisation_id", "is", null).orderBy("id").executeTakeFirst();
  if (!framework) throw new Error("the shared skills framework is missing (run the migrations first)");
  const areas: Area[] = (
    await w.selectVisible("skill_areas").selectAll().where("framework_id", "=", framework.id).where("retired_at", "is", null).orderBy("position").execute()
  ).map((a) => ({ id: a.id, code: a.code, target: { senior_executive: a.target_senior_executive, senior_manager: a.target_senior_manager, frontline: a.target_frontline } }));

  const r = new DemoRandom(SEED ^ (index * 7919 + 13));
  const actor = slug === "riverside" ? "hr@demo.example" : "consultant@demo.example";

  for (const c of COURSES) {
    const { id } = await w
      .insertInto("skill_courses", { title: c.title, provider: c.provider, hours: c.hours, description: c.description, retired_at: null, created_at: stamp })
      .returning("id")
      .executeTakeFirstOrThrow();
    await w.insertInto("skill_course_areas", c.areas.map((area_code) => ({ course_id: id, area_code }))).execute();
  }

  // Category as the rules decide it: the person's override, else the job-title decision.
  const rows = await w
    .selectFrom("staff")
    .leftJoin("scope_decisions as d", (j) => j.onRef("d.organisation_id", "=", "staff.organisation_id").onRef("d.job_title_normalised", "=", "staff.job_title_normalised"))
    .leftJoin("person_overrides as o", (j) => j.onRef("o.staff_id", "=", "staff.id").onRef("o.organisation_id", "=", "staff.organisation_id"))
    .select(["staff.id", "staff.employee_ref", "staff.department", "staff.employer", "staff.start_date", "staff.end_date", "d.category as decided", "o.category as overridden"])
    .orderBy("staff.id")
    .execute();
  const people: Person[] = [];
  for (const row of rows) {
    const category = (row.overridden ?? row.decided) as CategoryValue | null;
    if (category !== "senior_executive" && category !== "senior_manager" && category !== "frontline") continue;
    people.push({ staffId: row.id, employeeRef: row.employee_ref, category, department: row.department, employer: row.employer, startDate: row.start_date, endDate: row.end_date });
  }
  const maintenance = (p: Person) => p.department === "Property Services" || p.department === "Asset Management";
  const seniors = (p: Person) => p.category !== "frontline";

  // Each person's underlying ability (shared by both years) and a few areas they are weaker in.
  const ability = new Map<number, number>();
  const weak = new Map<number, Set<string>>();
  for (const p of people) {
    ability.set(p.staffId, (r.next() + r.next() + r.next()) / 3 - 0.7);
    weak.set(p.staffId, new Set(Array.from({ length: r.int(1, 5) }, () => r.pick(areas).code)));
  }
  const areaEase = new Map(areas.map((a) => [a.code, (r.next() - 0.5) * 0.9]));

  const campaigns = [
    { name: "Skills audit 2025", opens: "2025-10-06", closes: "2025-11-28", status: "closed" as const, include: seniors, improvement: 0 },
    { name: "Skills audit 2026", opens: "2026-10-05", closes: "2026-12-18", status: "open" as const, include: (p: Person) => seniors(p) || maintenance(p), improvement: 0.45 },
  ];
  for (const c of campaigns) {
    const included = people.filter((p) => c.include(p) && activeOn(p, c.opens));
    // Who is included, as the campaign form records it: the senior categories, plus (2026) the maintenance teams' frontline staff by ref.
    const refs = included.filter((p) => !seniors(p)).map((p) => p.employeeRef);
    const { id: campaignId } = await w
      .insertInto("skills_audit_campaigns", {
        framework_id: framework.id,
        name: c.name,
        status: c.status,
        opens_on: c.opens,
        closes_on: c.closes,
        filter_json: JSON.stringify({ categories: ["senior_executive", "senior_manager"], departments: [], employers: [], refs }),
        created_by: actor,
        created_at: `${c.opens.slice(0, 8)}01T09:00:00.000Z`,
        opened_at: `${c.opens}T09:00:00.000Z`,
        closed_at: c.status === "closed" ? `${c.closes}T17:00:00.000Z` : null,
        closed_by: c.status === "closed" ? actor : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const participants = included.map((p) => ({ campaign_id: campaignId, staff_id: p.staffId, category: p.category, department: p.department, employer: p.employer }));
    for (let i = 0; i < participants.length; i += BATCH) await w.insertInto("skills_audit_participants", participants.slice(i, i + BATCH)).execute();

    const ratings: Array<Omit<Insertable<SkillsAuditRatingTable>, "organisation_id">> = [];
    const updatedAt = (day: number) => `${c.opens.slice(0, 8)}${String(Math.min(28, 6 + day)).padStart(2, "0")}T10:00:00.000Z`;
    for (const p of included) {
      // Closed: everyone complete. Open: about half complete, a quarter part-way, the rest not started.
      const stage = c.status === "closed" ? "complete" : r.next() < 0.5 ? "complete" : r.next() < 0.55 ? "partial" : "none";
      if (stage === "none") continue;
      const partialUpTo = stage === "partial" ? r.int(3, areas.length - 6) : areas.length;
      const day = r.int(0, 20);
      areas.forEach((a, i) => {
        if (i >= partialUpTo) return;
        const base = a.target[p.category] + ability.get(p.staffId)! * 2.2 + areaEase.get(a.code)! + c.improvement * r.next() - (weak.get(p.staffId)!.has(a.code) ? 1.2 : 0);
        const agreed = clamp(base + (r.next() - 0.5) * 0.9);
        const self = clamp(agreed + (r.chance(0.45) ? 1 : r.chance(0.15) ? -1 : 0));
        const manager = clamp(agreed + (r.chance(0.2) ? 1 : r.chance(0.2) ? -1 : 0));
        const agreedKnown = stage === "complete" || r.chance(0.6);
        ratings.push({
          campaign_id: campaignId,
          staff_id: p.staffId,
          area_id: a.id,
          self_rating: self,
          manager_rating: stage === "complete" || r.chance(0.7) ? manager : null,
          agreed_rating: agreedKnown ? agreed : null,
          note: r.chance(0.07) ? r.pick(NOTES) : null,
          updated_by: actor,
          updated_at: updatedAt(day),
        });
      });
    }
    for (let i = 0; i < ratings.length; i += BATCH) await w.insertInto("skills_audit_ratings", ratings.slice(i, i + BATCH)).execute();

    if (c.status === "closed") {
      const frozen = await w.selectVisible("skill_areas").selectAll().where("framework_id", "=", framework.id).orderBy("position").execute();
      await w.insertIntoChild(
        "skills_audit_campaign_areas",
        frozen
          .filter((a) => a.retired_at === null)
          .map((a) => ({
            campaign_id: campaignId,
            area_id: a.id,
            code: a.code,
            name: a.name,
            area_group: a.area_group,
            position: a.position,
            target_senior_executive: a.target_senior_executive,
            target_senior_manager: a.target_senior_manager,
            target_frontline: a.target_frontline,
            retired: 0,
          })),
      );
    }
  }
}
