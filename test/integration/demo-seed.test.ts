import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, migrateToLatest, type DB } from "../../db/connection";
import { hashPassword, verifyPassword } from "../../db/password";
import { seedDemoIfEmpty } from "../../db/seed-demo";

const dirs: string[] = [];

async function freshDatabase(): Promise<{ db: DB; sqlite: SQLite.Database }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-demo-seed-"));
  dirs.push(dir);
  const { db, sqlite } = createDatabase(path.join(dir, "demo.db"));
  await migrateToLatest(db);
  return { db, sqlite };
}

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("password hashing", () => {
  it("hashes with scrypt and a random salt, and verifies", () => {
    const a = hashPassword("correct horse");
    const b = hashPassword("correct horse");
    expect(a).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(verifyPassword("correct horse", a)).toBe(true);
    expect(verifyPassword("correct horse", b)).toBe(true);
    expect(verifyPassword("wrong horse", a)).toBe(false);
    expect(verifyPassword("", a)).toBe(false);
  });

  it("rejects malformed or tampered stored values", () => {
    const stored = hashPassword("pw");
    const parts = stored.split("$");
    expect(verifyPassword("pw", "")).toBe(false);
    expect(verifyPassword("pw", null)).toBe(false);
    expect(verifyPassword("pw", "plain-text")).toBe(false);
    expect(verifyPassword("pw", ["bcrypt", ...parts.slice(1)].join("$"))).toBe(false);
    expect(verifyPassword("pw", [...parts.slice(0, 1), "1073741824", ...parts.slice(2)].join("$"))).toBe(false);
    const flipped = Buffer.from(parts[5], "base64");
    flipped[0] ^= 1;
    expect(verifyPassword("pw", [...parts.slice(0, 5), flipped.toString("base64")].join("$"))).toBe(false);
  });
});

describe("demo seed", () => {
  let db: DB;
  let sqlite: SQLite.Database;
  let first: { seeded: boolean };
  let elapsedMs = 0;

  beforeAll(async () => {
    ({ db, sqlite } = await freshDatabase());
    const t0 = performance.now();
    first = await seedDemoIfEmpty(db);
    elapsedMs = performance.now() - t0;
  });
  afterAll(async () => {
    await db.destroy();
  });

  const all = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).all(...params) as T[];
  const one = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).get(...params) as T;

  it("seeds two organisations with the right names, sizes and default settings", () => {
    expect(first.seeded).toBe(true);
    expect(elapsedMs).toBeLessThan(5000);
    const orgs = all<{ slug: string; name: string; homes_owned: number; in_force_date: string; custom_milestones: number; staff: number }>(
      "select o.slug, o.name, o.homes_owned, o.in_force_date, o.custom_milestones, (select count(*) from staff s where s.organisation_id = o.id) staff from organisations o order by o.id",
    );
    expect(orgs.map((o) => [o.slug, o.name, o.homes_owned])).toEqual([
      ["riverside", "Riverside Homes (demo)", 12000],
      ["oakfield", "Oakfield Housing Co-operative (demo)", 800],
    ]);
    expect(orgs.every((o) => o.in_force_date === "2026-10-01" && o.custom_milestones === 0)).toBe(true);
    expect(orgs[0].staff).toBeGreaterThanOrEqual(570);
    expect(orgs[0].staff).toBeLessThanOrEqual(630);
    expect(orgs[1].staff).toBeGreaterThanOrEqual(105);
    expect(orgs[1].staff).toBeLessThanOrEqual(135);
    expect(one<{ n: number }>("select count(*) n from milestones").n).toBe(0);
  });

  it("has realistic staff: refs, emails, leavers, joiners, contractors, probation, accents", () => {
    const refs = all<{ employee_ref: string; slug: string }>("select employee_ref, o.slug from staff s join organisations o on o.id = s.organisation_id");
    expect(refs.filter((r) => r.slug === "riverside").every((r) => /^R\d{5}$/.test(r.employee_ref))).toBe(true);
    expect(refs.filter((r) => r.slug === "oakfield").every((r) => /^OAK\d{4}$/.test(r.employee_ref))).toBe(true);
    expect(one<{ n: number }>("select count(*) n from staff where email like '%@riverside.example'").n).toBeGreaterThan(400);
    expect(one<{ n: number }>("select count(*) n from staff where email is not null and email not glob '[a-z]*.[a-z]*@*.example'").n).toBe(0);
    expect(one<{ n: number }>("select count(*) n from staff where end_date between '2025-01-01' and '2026-12-31'").n).toBeGreaterThan(10);
    expect(one<{ n: number }>("select count(*) n from staff where start_date > '2026-10-01' and on_probation = 1").n).toBeGreaterThanOrEqual(3);
    expect(one<{ n: number }>("select count(*) n from staff where role_start_date > '2026-10-01' and start_date < '2026-10-01'").n).toBeGreaterThan(0);
    expect(all<{ employer: string }>("select distinct employer from staff where employer is not null order by 1").map((r) => r.employer)).toEqual([
      "Northern Property Services",
      "Upkeep Repairs Ltd",
    ]);
    const firstNames = new Set(all<{ first_name: string }>("select distinct first_name from staff").map((r) => r.first_name));
    for (const name of ["Zoë", "Siobhán", "Seán", "Renée"]) expect(firstNames.has(name)).toBe(true);
    // Every line manager is a colleague in the same organisation; only the chief executives have none.
    expect(one<{ n: number }>("select count(*) n from staff s where s.manager_ref is not null and not exists (select 1 from staff m where m.organisation_id = s.organisation_id and m.employee_ref = s.manager_ref)").n).toBe(0);
    expect(all<{ job_title: string }>("select job_title from staff where manager_ref is null").map((r) => r.job_title)).toEqual(["Chief Executive", "Chief Executive"]);
    // Normalised titles follow the rule (trimmed, spaces collapsed, lower-cased).
    for (const r of all<{ job_title: string; job_title_normalised: string }>("select distinct job_title, job_title_normalised from staff")) {
      expect(r.job_title_normalised).toBe(r.job_title.trim().replace(/\s+/g, " ").toLowerCase());
    }
  });

  it("leaves a handful of job titles unmapped on purpose and records scope decisions and overrides", () => {
    const unmapped = all<{ organisation_id: number; job_title_normalised: string; n: number }>(
      `select s.organisation_id, s.job_title_normalised, count(*) n from staff s
       where not exists (select 1 from scope_decisions d where d.organisation_id = s.organisation_id and d.job_title_normalised = s.job_title_normalised)
       group by 1, 2`,
    );
    const titles = new Set(unmapped.map((u) => u.job_title_normalised));
    expect(titles.size).toBeGreaterThanOrEqual(3);
    expect(titles.size).toBeLessThanOrEqual(5);
    const people = unmapped.reduce((s, u) => s + u.n, 0);
    expect(people).toBeGreaterThanOrEqual(15);
    expect(people).toBeLessThanOrEqual(30);

    const decisions = all<{ category: string; rationale: string; decided_by: string; decided_on: string; review_date: string }>("select * from scope_decisions");
    expect(new Set(decisions.map((d) => d.category))).toEqual(new Set(["senior_executive", "senior_manager", "frontline", "out_of_scope"]));
    expect(decisions.every((d) => d.rationale && d.decided_by && d.decided_on.startsWith("2026-") && d.review_date)).toBe(true);
    expect(decisions.some((d) => d.review_date < "2026-11-23")).toBe(true);
    const overrides = all<{ category: string; rationale: string }>("select * from person_overrides");
    expect(overrides.length).toBeGreaterThanOrEqual(1);
    expect(overrides.some((o) => o.category === "senior_manager" && o.rationale.length > 20)).toBe(true);
  });

  it("has qualification records in every status, with consistent dates", () => {
    const statuses = all<{ status: string }>("select distinct status from qualification_records").map((r) => r.status);
    expect(new Set(statuses)).toEqual(new Set(["enrolled", "in_progress", "referred", "achieved", "withdrawn", "failed"]));
    const records = all<{
      status: string;
      enrolled_on: string | null;
      started_on: string | null;
      expected_completion: string | null;
      achieved_on: string | null;
      certificate_ref: string | null;
      evidence_verified_on: string | null;
      code: string;
      pathway: string | null;
    }>("select r.*, q.code from qualification_records r join qualifications q on q.id = r.qualification_id");
    for (const r of records) {
      if (r.started_on && r.enrolled_on) expect(r.started_on >= r.enrolled_on).toBe(true);
      if (r.achieved_on && r.enrolled_on) expect(r.achieved_on > r.enrolled_on).toBe(true);
      if (r.status === "achieved") expect(r.achieved_on && r.certificate_ref).toBeTruthy();
      else expect(r.achieved_on).toBeNull();
      if (r.evidence_verified_on) expect(r.evidence_verified_on >= r.achieved_on!).toBe(true);
      for (const d of [r.enrolled_on, r.started_on, r.achieved_on, r.evidence_verified_on]) if (d) expect(d <= "2026-11-23").toBe(true);
      expect(r.code === "CIH-L4-MHM").toBe(r.pathway !== null);
    }
    const codes = new Set(records.map((r) => r.code));
    for (const code of ["CIH-L3-CHP", "ILM-L5-LM", "BSC-HOUSING", "CIH-L4-MHM", "CIH-L5-DH", "CIH-L4-CH"]) expect(codes.has(code)).toBe(true);
    expect(records.some((r) => r.status === "in_progress" && r.expected_completion! < "2026-11-23")).toBe(true); // overdue
    expect(records.some((r) => r.status === "in_progress" && r.expected_completion! >= "2030-01-01")).toBe(true); // after the deadline
    expect(records.some((r) => r.status === "enrolled" && !r.started_on && r.enrolled_on! < "2026-05-23")).toBe(true);
    expect(records.some((r) => r.status === "achieved" && r.achieved_on! < "2015-01-01")).toBe(true);

    const providers = new Set(all<{ provider: string }>("select distinct provider from qualification_records where provider is not null").map((r) => r.provider));
    expect(providers).toEqual(new Set(["CIH Housing Academy", "Upkeep Training", "Leeds College", "Northern Housing Consortium"]));

    const units = all<{ orgs_match: number; result: string }>(
      `select u.result, u.unit_ref, r.organisation_id = u.organisation_id orgs_match from unit_results u join qualification_records r on r.id = u.record_id`,
    );
    expect(units.length).toBeGreaterThan(10);
    expect(units.every((u) => u.orgs_match === 1)).toBe(true);
    expect(new Set(units.map((u) => u.result)).has("refer")).toBe(true);
    expect(one<{ n: number }>("select count(*) n from absences").n).toBeGreaterThanOrEqual(4);
  });

  it("has roughly half the in-scope people qualified or enrolled at the October 2026 milestone", () => {
    const D = "2026-10-01";
    for (const slug of ["riverside", "oakfield"]) {
      const rows = all<{ qualified: number; working: number }>(
        `with people as (
           select s.id, coalesce(po.category, d.category) category from staff s
           join organisations o on o.id = s.organisation_id and o.slug = ?
           left join scope_decisions d on d.organisation_id = s.organisation_id and d.job_title_normalised = s.job_title_normalised
           left join person_overrides po on po.staff_id = s.id
           where s.start_date <= ? and (s.end_date is null or s.end_date > ?)
         ), required as (
           select id, case category when 'senior_executive' then 5 else 4 end level from people where category in ('senior_executive', 'senior_manager')
         )
         select
           exists(select 1 from qualification_records r join qualifications q on q.id = r.qualification_id
                  where r.staff_id = required.id and q.recognised = 1 and q.level >= required.level and r.status = 'achieved' and r.achieved_on <= ?) qualified,
           exists(select 1 from qualification_records r join qualifications q on q.id = r.qualification_id
                  where r.staff_id = required.id and q.recognised = 1 and q.level >= required.level and r.status in ('enrolled', 'in_progress', 'referred') and r.enrolled_on <= ?) working
         from required`,
        slug, D, D, D, D,
      );
      const pct = (100 * rows.filter((r) => r.qualified || r.working).length) / rows.length;
      const qualifiedPct = (100 * rows.filter((r) => r.qualified).length) / rows.length;
      expect(pct, slug).toBeGreaterThanOrEqual(40);
      expect(pct, slug).toBeLessThanOrEqual(65);
      expect(qualifiedPct, slug).toBeGreaterThanOrEqual(20);
    }
  });

  it("creates the demo users with the demo password and their memberships", () => {
    const users = all<{ email: string; name: string; role: string; password_hash: string; orgs: string | null }>(
      `select u.*, (select group_concat(o.slug, ',') from (select o.slug from memberships m join organisations o on o.id = m.organisation_id where m.user_id = u.id order by o.slug) o) orgs
       from users u order by u.email`,
    );
    expect(users.map((u) => [u.email, u.role, u.name, u.orgs])).toEqual([
      ["admin@demo.example", "admin", "Ava Mensah", null],
      ["consultant@demo.example", "consultant", "Chloe Sutton", "oakfield,riverside"],
      ["exec@demo.example", "executive", "Edward Clarke", "riverside"],
      ["hr@demo.example", "hr", "Hannah Reid", "riverside"],
    ]);
    for (const u of users) {
      expect(verifyPassword("demo-password", u.password_hash), u.email).toBe(true);
      expect(verifyPassword("Demo-password", u.password_hash), u.email).toBe(false);
    }
  });

  it("does not seed again once organisations exist", async () => {
    const before = one<{ n: number }>("select count(*) n from staff").n;
    expect(await seedDemoIfEmpty(db)).toEqual({ seeded: false });
    expect(one<{ n: number }>("select count(*) n from staff").n).toBe(before);
    expect(one<{ n: number }>("select count(*) n from organisations").n).toBe(2);
  });

  it("has a conduct picture: a code approved this year mostly acknowledged, meetings, training with some expired, engagement, contractors", () => {
    const code = all<{ slug: string; id: number }>("select o.slug, p.id from policy_versions p join organisations o on o.id = p.organisation_id where p.kind = 'code_of_conduct' and p.approved_on like '2026-%'");
    expect(code.map((c) => c.slug).sort()).toEqual(["oakfield", "riverside"]);
    for (const { slug, id } of code) {
      const active = one<{ n: number }>(`select count(*) n from staff s join organisations o on o.id = s.organisation_id where o.slug = '${slug}' and (s.start_date is null or s.start_date <= '2026-11-23') and (s.end_date is null or s.end_date > '2026-11-23')`).n;
      const acknowledged = one<{ n: number }>(`select count(*) n from conduct_acknowledgements where policy_version_id = ${id}`).n;
      expect(acknowledged / active, slug).toBeGreaterThan(0.8);
      expect(acknowledged / active, slug).toBeLessThan(0.97);
    }
    expect(one<{ n: number }>("select count(*) n from supervision_meetings where kind = 'appraisal'").n).toBeGreaterThan(400);
    expect(one<{ n: number }>("select count(*) n from supervision_meetings where kind = 'supervision'").n).toBeGreaterThan(50);
    expect(one<{ n: number }>("select count(*) n from training_completions c join skill_courses k on k.id = c.course_id where k.refresh_months is not null and date(c.completed_on, '+' || k.refresh_months || ' months') < '2026-11-23'").n).toBeGreaterThan(20);
    expect(one<{ n: number }>("select count(*) n from tenant_engagements").n).toBeGreaterThanOrEqual(4);
    const providers = all<{ clauses: number; returns: number }>("select p.competence_clause + p.conduct_clause clauses, (select count(*) from provider_assurance_returns r where r.provider_id = p.id) returns from service_providers p");
    expect(new Set(providers.map((p) => p.clauses))).toEqual(new Set([0, 1, 2]));
    expect(providers.some((p) => p.returns === 0) && providers.some((p) => p.returns > 0)).toBe(true);
    // The register changes no qualification status: its providers are comprehensive or employ nobody in the staff file.
    expect(one<{ n: number }>("select count(*) n from staff s join service_providers p on p.organisation_id = s.organisation_id and p.name_normalised = lower(trim(s.employer)) where p.comprehensive = 0").n).toBe(0);
  });

  it("is deterministic: a second fresh database gets identical data", async () => {
    const other = await freshDatabase();
    try {
      expect((await seedDemoIfEmpty(other.db)).seeded).toBe(true);
      for (const table of ["staff", "scope_decisions", "person_overrides", "qualification_records", "unit_results", "absences", "conduct_acknowledgements", "supervision_meetings", "training_completions", "provider_assurance_returns"]) {
        const query = `select * from ${table} order by id`;
        expect(other.sqlite.prepare(query).all(), table).toEqual(sqlite.prepare(query).all());
      }
    } finally {
      await other.db.destroy();
    }
  });
});
