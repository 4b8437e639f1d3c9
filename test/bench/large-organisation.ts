/** Builds a database holding one organisation of N people (deterministic), for page and load benchmarks. */
import { createDatabase, migrateToLatest } from "../../db/connection";
import { hashPassword } from "../../db/password";

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TITLES: Array<[string, string | null]> = [
  ["Director of Housing", "senior_executive"], ["Head of Neighbourhoods", "senior_executive"], ["Head of Income", "senior_executive"],
  ["Neighbourhood Manager", "senior_manager"], ["Income Manager", "senior_manager"], ["Voids Manager", "senior_manager"], ["Repairs Manager", "senior_manager"],
  ["Housing Officer", "frontline"], ["Income Officer", "frontline"], ["Repairs Operative", "frontline"], ["Customer Service Advisor", "frontline"],
  ["Finance Business Partner", "out_of_scope"], ["IT Service Desk Analyst", "out_of_scope"], ["Compliance Manager", null], ["Resident Engagement Lead", null],
];
const DEPARTMENTS = ["Neighbourhoods", "Income", "Property Services", "Lettings", "Customer Services", "Asset Management", "Supported Housing", "Finance", "IT"];
const PROVIDERS = ["CIH Housing Academy", "Upkeep Training", "Leeds College", "Northern Housing Consortium"];
const STATUSES = ["achieved", "achieved", "in_progress", "enrolled", "withdrawn", "referred"] as const;

export const BENCH_USER = { email: "bench@example.org", password: "bench-password-123" };

export interface BenchOrganisation {
  slug: string;
  name: string;
  people: number;
}

/** One organisation of `people` (slug "large"), plus a small one ("other") that takes the writes made elsewhere. */
export async function buildLargeOrganisation(file: string, people: number): Promise<{ slug: string }> {
  await buildOrganisations(file, [
    { slug: "large", name: "Large Housing Group (benchmark)", people },
    { slug: "other", name: "Other Homes (benchmark)", people: 500 },
  ]);
  return { slug: "large" };
}

/** A database holding these organisations (deterministic), the bench user (a consultant) a member of each. */
export async function buildOrganisations(file: string, organisations: readonly BenchOrganisation[]): Promise<void> {
  const { db, sqlite } = createDatabase(file);
  await migrateToLatest(db);
  const rand = prng(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const date = (fromYear: number, toYear: number) => {
    const y = fromYear + Math.floor(rand() * (toYear - fromYear + 1));
    return `${y}-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}`;
  };
  const userId = Number(sqlite.prepare("insert into users (email, name, role, password_hash) values (?, 'Bench', 'consultant', ?)").run(BENCH_USER.email, hashPassword(BENCH_USER.password)).lastInsertRowid);
  const insertOne = sqlite.transaction((o: BenchOrganisation) => {
    const people = o.people;
    const orgId = Number(sqlite.prepare("insert into organisations (slug, name, homes_owned) values (?, ?, ?)").run(o.slug, o.name, Math.max(1000, Math.round(people * 0.6))).lastInsertRowid);
    sqlite.prepare("insert into memberships (user_id, organisation_id) values (?, ?)").run(userId, orgId);
    const decision = sqlite.prepare("insert into scope_decisions (organisation_id, job_title, job_title_normalised, category, rationale, decided_by, decided_on, review_date) values (?, ?, ?, ?, 'Benchmark decision', 'bench', '2026-03-01', '2027-09-01')");
    for (const [title, category] of TITLES) if (category) decision.run(orgId, title, title.toLowerCase(), category);
    const quals = sqlite.prepare("select id, level from qualifications where organisation_id is null and recognised = 1 and level >= 4").all() as Array<{ id: number; level: number }>;
    const staff = sqlite.prepare(
      "insert into staff (organisation_id, employee_ref, first_name, last_name, email, job_title, job_title_normalised, department, employer, fte, start_date, role_start_date, end_date, on_probation) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
    );
    const record = sqlite.prepare(
      "insert into qualification_records (organisation_id, staff_id, qualification_id, provider, status, enrolled_on, started_on, expected_completion, achieved_on) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    for (let i = 0; i < people; i++) {
      const [title, category] = rand() < 0.35 ? pick(TITLES.slice(0, 7)) : pick(TITLES);
      const start = date(2000, 2026);
      const staffId = Number(
        staff.run(orgId, `L${String(i).padStart(6, "0")}`, pick(["Amira", "Ben", "Chloe", "Dev", "Erin", "Farah", "Gareth"]), pick(["Shah", "Jones", "Evans", "Khan", "Smith"]), `p${i}@${o.slug}.example`, title, title.toLowerCase(), pick(DEPARTMENTS), rand() < 0.05 ? "Upkeep Repairs Ltd" : null, start, start, rand() < 0.05 ? date(2024, 2026) : null, rand() < 0.05 ? 1 : 0).lastInsertRowid,
      );
      if ((category === "senior_manager" || category === "senior_executive") && rand() < 0.65) {
        const status = pick(STATUSES);
        const enrolled = date(2015, 2026);
        record.run(orgId, staffId, pick(quals).id, pick(PROVIDERS), status, enrolled, rand() < 0.8 ? enrolled : null, date(2026, 2029), status === "achieved" ? date(2016, 2026) : null);
      }
    }
  });
  for (const o of organisations) insertOne(o);
  await db.destroy();
}
