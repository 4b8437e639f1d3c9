// Benchmark of the workforce development planner (issue 8): 10,000 people in scope to plan against 200 intakes.
// Part 1 times the pure planner; part 2 the whole plan as the page builds it (load, rules, plan, projection) from
// a SQLite database. Deterministic (seeded). Run alone with `npx tsx test/bench/planner.bench.ts`, or through
// runPlannerBench() from test/bench/run.ts. Target: under 2 s.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import catalogue from "../../db/catalogue/cih-l4-managing-housing-maintenance.json";
import { addDays, addMonths, normaliseUnitRef, rulesOfCombinationFromCatalogue, type UnitResult } from "../../app/compliance";
import { planWorkforce, type PlanAuditGap, type PlanInput, type PlanIntake, type PlanPerson, type PlanPin, type PlanQualification } from "../../app/planning";
import { createDatabase, migrateToLatest } from "../../db/connection";
import { buildWorkforcePlan } from "../../app/models/workforce-plan/building.server";
import { OrganisationReader } from "../../app/models/organisation-scope.server";

const PEOPLE = 10_000;
const INTAKES = 200;
const TARGET_MS = 2000;

/** mulberry32: small, fast, deterministic. */
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

const unitAreas = new Map<string, string[]>(
  catalogue.units.map((u) => [normaliseUnitRef(u.unitRef), [...u.apprenticeshipStandardLinks.knowledge, ...u.apprenticeshipStandardLinks.skills, ...u.apprenticeshipStandardLinks.behaviours]]),
);

const QUALIFICATIONS: PlanQualification[] = [
  { id: 1, code: "CIH-L4-CH", title: "CIH Level 4 Certificate in Housing", level: 4, recognised: true, typicalMonths: 12, rulesOfCombination: null },
  { id: 2, code: "CIH-L4-MHM", title: "CIH Level 4 Certificate in Managing Housing Maintenance", level: 4, recognised: true, typicalMonths: 12, rulesOfCombination: rulesOfCombinationFromCatalogue(catalogue), unitAreas },
  { id: 3, code: "APP-L4-SHPM", title: "Senior Housing / Property Management Apprenticeship (Level 4)", level: 4, recognised: true, typicalMonths: 21, rulesOfCombination: null },
  { id: 4, code: "CIH-L5-DH", title: "CIH Level 5 Diploma in Housing", level: 5, recognised: true, typicalMonths: 18, rulesOfCombination: null },
  { id: 5, code: "FD-HOUSING", title: "Foundation Degree in Housing", level: 5, recognised: true, typicalMonths: 24, rulesOfCombination: null },
];

const TITLES: Array<[string, string, 4 | 5]> = [
  ["Neighbourhood Manager", "Neighbourhoods", 4],
  ["Income Manager", "Income", 4],
  ["Lettings Manager", "Lettings", 4],
  ["Repairs Manager", "Property Services", 4],
  ["Planned Maintenance Manager", "Property Services", 4],
  ["Asset Manager", "Asset Management", 4],
  ["Head of Housing", "Neighbourhoods", 5],
  ["Director of Property", "Property Services", 5],
];
const UNITS = catalogue.units.map((u) => u.unitRef);
const AREAS = [...catalogue.apprenticeshipAreas.knowledge, ...catalogue.apprenticeshipAreas.skills, ...catalogue.apprenticeshipAreas.behaviours];
const PROVIDERS = ["CIH Housing Academy", "Northern Housing Consortium", "Upkeep Training", "Leeds College", "Southern Skills Partnership"];
const AS_OF = "2026-11-23";

export function syntheticPlanInput(seed = 20261123): PlanInput {
  const random = prng(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const people: PlanPerson[] = [];
  for (let id = 1; id <= PEOPLE; id++) {
    const [jobTitle, department, requiredLevel] = pick(TITLES);
    const late = random() < 0.1; // joiners and movers: their own later qualify-by
    const qualifyBy = late ? addDays("2029-10-01", Math.floor(random() * 700)) : "2029-10-01";
    const priorUnits: UnitResult[] = random() < 0.05 ? Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({ unitRef: pick(UNITS), result: random() < 0.85 ? "pass" : "refer" })) : [];
    const auditGaps: PlanAuditGap[] =
      random() < 0.2 ? Array.from({ length: 3 + Math.floor(random() * 6) }, () => ({ area: pick(AREAS), areaGroup: "skills" as const, target: 3, agreed: 1, gap: 1 + Math.floor(random() * 2) })) : [];
    people.push({
      staffId: id,
      requiredLevel,
      qualifyBy,
      latestStart: addMonths(qualifyBy, requiredLevel === 5 ? -18 : -12),
      jobTitle,
      department,
      priorUnits,
      priorPathway: priorUnits.length && random() < 0.5 ? pick(["Planned maintenance", "Responsive repairs"]) : null,
      auditGaps,
    });
  }
  // 200 intakes over two years; the places add up to a little under the people, so some cannot be placed.
  const intakes: PlanIntake[] = [];
  for (let i = 0; i < INTAKES; i++) {
    const qualificationId = i % 10 < 5 ? 1 : i % 10 < 7 ? 2 : i % 10 === 7 ? 3 : i % 10 === 8 ? 4 : 5;
    intakes.push({
      id: i + 1,
      provider: pick(PROVIDERS),
      qualificationId,
      startDate: addDays("2027-01-04", Math.floor(random() * 700)),
      capacity: 20 + Math.floor(random() * 60),
      pricePence: (1400 + Math.floor(random() * 2000)) * 100,
      courseMonths: null,
    });
  }
  const pins: PlanPin[] = Array.from({ length: 100 }, (_, i) => ({ staffId: 1 + i * 97, intakeId: 1 + ((i * 7) % INTAKES), pathway: null }));
  return { asOf: AS_OF, people, qualifications: QUALIFICATIONS, intakes, pins, courseMonths: { 4: 12, 5: 18 } };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timed<T>(fn: () => T): { result: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { result, ms, cpuMs: (used.user + used.system) / 1000 };
}

/** A database with one organisation: PEOPLE people in scope with nothing recorded, some others, INTAKES intakes. */
async function buildDatabase(file: string): Promise<number> {
  const { db, sqlite } = createDatabase(file);
  await migrateToLatest(db);
  const random = prng(7);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const organisationId = sqlite.transaction(() => {
    const orgId = Number(sqlite.prepare("insert into organisations (slug, name, homes_owned) values ('plan-bench', 'Planner benchmark', 60000)").run().lastInsertRowid);
    const decide = sqlite.prepare("insert into scope_decisions (organisation_id, job_title, job_title_normalised, category) values (?, ?, ?, ?)");
    for (const [title, , level] of TITLES) decide.run(orgId, title, title.toLowerCase(), level === 5 ? "senior_executive" : "senior_manager");
    decide.run(orgId, "Housing Officer", "housing officer", "frontline");
    const staff = sqlite.prepare("insert into staff (organisation_id, employee_ref, first_name, last_name, job_title, job_title_normalised, department, start_date) values (?, ?, 'Sam', ?, ?, ?, ?, ?)");
    for (let i = 0; i < PEOPLE; i++) {
      const [title, department] = pick(TITLES);
      staff.run(orgId, `P${String(i).padStart(6, "0")}`, `Person ${i}`, title, title.toLowerCase(), department, "2015-03-02");
    }
    for (let i = 0; i < 5000; i++) staff.run(orgId, `F${String(i).padStart(6, "0")}`, `Officer ${i}`, "Housing Officer", "housing officer", "Neighbourhoods", "2018-06-04");
    const quals = new Map((sqlite.prepare("select id, code from qualifications where organisation_id is null").all() as Array<{ id: number; code: string }>).map((q) => [q.code, q.id]));
    const intake = sqlite.prepare("insert into plan_intakes (organisation_id, qualification_id, provider, start_date, capacity, price_pence) values (?, ?, ?, ?, ?, ?)");
    for (const i of syntheticPlanInput(11).intakes) intake.run(orgId, quals.get(QUALIFICATIONS.find((q) => q.id === i.qualificationId)!.code!)!, i.provider, i.startDate, i.capacity, i.pricePence);
    return orgId;
  })();
  await db.destroy();
  return organisationId;
}

export async function runPlannerBench(): Promise<void> {
  const input = syntheticPlanInput();
  // Warm the JIT on a smaller plan first, as a running server would be.
  const warm = syntheticPlanInput(3);
  for (let i = 0; i < 2; i++) planWorkforce({ ...warm, people: warm.people.slice(0, 2000) });

  const runs = Array.from({ length: 5 }, () => timed(() => planWorkforce(input)));
  const result = runs[runs.length - 1].result;
  const ms = median(runs.map((r) => r.ms));
  console.log(
    `planner: ${PEOPLE} people against ${INTAKES} intakes (100 pins): ${ms.toFixed(0)} ms (target < ${TARGET_MS} ms) ` +
      `[median of 5; first ${runs[0].ms.toFixed(0)} ms; cpu ${median(runs.map((r) => r.cpuMs)).toFixed(0)} ms; ` +
      `placed ${result.totals.planned} (${result.totals.topUps} top-ups), cannot place ${result.totals.unplanned}, cost £${Math.round(result.totals.costPence / 100).toLocaleString("en-GB")}]`,
  );
  if (result.totals.planned + result.totals.unplanned !== PEOPLE) throw new Error("planner bench: every person must be placed or listed with a reason");

  // The whole plan as the page builds it: load the organisation, evaluate the rules, plan, project.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-plan-bench-"));
  try {
    const file = path.join(dir, "plan-bench.db");
    const built = Date.now();
    const organisationId = await buildDatabase(file);
    const { db } = createDatabase(file);
    try {
      const cold = performance.now();
      const plan = await buildWorkforcePlan(new OrganisationReader(db, organisationId), AS_OF);
      const coldMs = performance.now() - cold;
      const warmRuns: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await buildWorkforcePlan(new OrganisationReader(db, organisationId), AS_OF);
        warmRuns.push(performance.now() - t0);
      }
      console.log(
        `planner: whole plan from the database (${PEOPLE} in scope of ${PEOPLE + 5000} staff, ${INTAKES} intakes; load + rules + plan + projection): ` +
          `${coldMs.toFixed(0)} ms cold, ${median(warmRuns).toFixed(0)} ms with the rules cached (target < ${TARGET_MS} ms) ` +
          `[database built in ${Date.now() - built} ms; placed ${plan.result.totals.planned}, cannot place ${plan.result.totals.unplanned}; ` +
          `projected % qualified at the deadline ${plan.projection.milestones.find((m) => m.measure === "qualified" && m.upcoming)?.withPlanPct ?? "–"}%]`,
      );
    } finally {
      await db.destroy();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runPlannerBench().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
