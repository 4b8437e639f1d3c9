// Benchmark of the pure compliance rules on 100,000 synthetic people (deterministic, seeded).
// Run alone with `npx tsx test/bench/rules.bench.ts`, or through runRulesBench().

import { pathToFileURL } from "node:url";
import {
  addDays,
  addMonths,
  buildComplianceContext,
  defaultOrganisationSettings,
  measureOrganisation,
  monthlyTrend,
  type Absence,
  type Category,
  type ComplianceContextInput,
  type PersonOverride,
  type Qualification,
  type QualificationRecord,
  type RecordStatus,
  type ScopeDecision,
  type StaffMember,
} from "../../app/compliance";

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

export interface SyntheticOrganisation {
  staff: StaffMember[];
  /** What the database layer would load; buildComplianceContext(input) gives the rules' context. */
  input: ComplianceContextInput;
}

const QUALIFICATIONS: Qualification[] = [
  { id: 1, code: "CIH-L4-CH", title: "CIH Level 4 Certificate in Housing", level: 4, recognised: true, typicalMonths: 12, rulesOfCombination: null },
  { id: 2, code: "APP-L4-SHPM", title: "Senior Housing / Property Management Apprenticeship (Level 4)", level: 4, recognised: true, typicalMonths: 21, rulesOfCombination: null },
  { id: 3, code: "CIH-L5-DH", title: "CIH Level 5 Diploma in Housing", level: 5, recognised: true, typicalMonths: 18, rulesOfCombination: null },
  { id: 4, code: "BSC-HOUSING", title: "BSc (Hons) Housing Studies", level: 6, recognised: true, typicalMonths: 36, rulesOfCombination: null },
  { id: 5, code: "CIH-L3-CHP", title: "CIH Level 3 Certificate in Housing Practice", level: 3, recognised: true, typicalMonths: 9, rulesOfCombination: null },
  { id: 6, code: "ILM-L5-LM", title: "Level 5 Diploma in Leadership and Management", level: 5, recognised: false, typicalMonths: 12, rulesOfCombination: null },
];

export function syntheticOrganisation(people: number, seed = 20261001): SyntheticOrganisation {
  const random = prng(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const day = (from: string, spanDays: number) => addDays(from, Math.floor(random() * spanDays));

  const categories: Category[] = ["senior_executive", "senior_manager", "senior_manager", "frontline", "frontline", "frontline", "out_of_scope"];
  const decisions: ScopeDecision[] = [];
  const titles: string[] = [];
  for (let t = 0; t < 300; t++) {
    const title = `Job Title ${t}`;
    titles.push(t % 3 === 0 ? `  job  title ${t} ` : title); // messy spellings exercise normalisation
    if (t % 25 === 24) continue; // some titles stay unmapped
    decisions.push({
      jobTitle: title,
      category: categories[t % categories.length],
      timeManagingPct: 60,
      rationale: "Skills audit",
      decidedBy: "HR",
      decidedOn: "2026-03-03",
      reviewDate: "2027-03-03",
    });
  }

  const staff: StaffMember[] = [];
  const records: QualificationRecord[] = [];
  const absences: Absence[] = [];
  const overrides: PersonOverride[] = [];
  const providers = ["CIH Housing Academy", "Upkeep Training", "Northern College", null];
  let recordId = 1;
  for (let id = 1; id <= people; id++) {
    const startDate = random() < 0.02 ? day("2027-01-01", 500) : day("2000-01-01", 9800);
    const roleStartDate = random() < 0.5 ? null : maxIso(startDate, day("2015-01-01", 4600));
    const endDate = random() < 0.12 ? day("2024-01-01", 2200) : null;
    staff.push({
      id,
      employeeRef: `E${String(id).padStart(6, "0")}`,
      firstName: "Sam",
      lastName: `Person${id}`,
      jobTitle: pick(titles),
      department: pick(["Neighbourhoods", "Income", "Property Services", "Assets", null]),
      employer: random() < 0.08 ? pick(["Contractor Ltd", "Repairs Co"]) : null,
      startDate,
      roleStartDate,
      endDate,
      onProbation: random() < 0.05,
    });
    if (random() < 0.01) overrides.push({ staffId: id, category: "senior_manager", rationale: "Manages voids", decidedBy: "HR", decidedOn: "2026-04-01" });
    const recordCount = random() < 0.45 ? 0 : random() < 0.8 ? 1 : 2;
    for (let r = 0; r < recordCount; r++) {
      const enrolledOn = day("2022-01-01", 1900);
      const status: RecordStatus = pick(["achieved", "achieved", "enrolled", "in_progress", "in_progress", "referred", "withdrawn", "failed"]);
      const qualification = pick(QUALIFICATIONS);
      const expectedCompletion = random() < 0.85 ? addMonths(enrolledOn, qualification.typicalMonths ?? 12) : null;
      records.push({
        id: recordId++,
        staffId: id,
        qualificationId: qualification.id,
        provider: pick(providers),
        status,
        enrolledOn: random() < 0.97 ? enrolledOn : null,
        startedOn: random() < 0.8 ? addDays(enrolledOn, 20) : null,
        expectedCompletion,
        achievedOn: status === "achieved" ? (expectedCompletion ?? addMonths(enrolledOn, 12)) : null,
        pathway: null,
        unitResults: [],
      });
    }
    if (random() < 0.04) {
      const from = day("2026-06-01", 900);
      absences.push({ staffId: id, kind: pick(["parental", "long_term_sickness", "other"]), from, to: random() < 0.3 ? null : addDays(from, 30 + Math.floor(random() * 300)) });
    }
  }

  return {
    staff,
    input: { settings: defaultOrganisationSettings(12000), decisions, overrides, qualifications: QUALIFICATIONS, records, absences },
  };
}

function maxIso(a: string, b: string): string {
  return a >= b ? a : b;
}

// Wall time is the target; CPU time is printed too because a busy shared machine inflates wall time.
function time<T>(fn: () => T): { result: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = fn();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { result, ms, cpuMs: (used.user + used.system) / 1000 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Times `fn` `runs` times; the first run is reported apart (cold caches, heap growth). */
function timeRuns<T>(runs: number, fn: () => T) {
  const ms: number[] = [];
  const cpuMs: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    result = undefined; // let the previous run's result go, as a server would between requests
    const run = time(fn);
    ms.push(run.ms);
    cpuMs.push(run.cpuMs);
    result = run.result;
  }
  return { result: result as T, first: ms[0], medianMs: median(ms), medianCpuMs: median(cpuMs) };
}

export async function runRulesBench(): Promise<void> {
  const PEOPLE = 100_000;
  const generated = time(() => syntheticOrganisation(PEOPLE));
  const org = generated.result;
  const { staff } = org;
  console.log(`rules: generated ${PEOPLE} synthetic people in ${generated.ms.toFixed(0)} ms`);

  const asOf = "2027-03-31";
  // One untimed pass on a throwaway context warms the JIT (and the garbage collector's view of which
  // allocations live long), as a running server would be; the timed runs then use a new context.
  {
    const warmCtx = buildComplianceContext(org.input);
    measureOrganisation(warmCtx, staff, "2026-12-31");
    monthlyTrend(warmCtx, staff, "2024-01-01", "2026-12-31");
  }

  // As in the app: the context is built once per organisation and data version, then reused for every date.
  const built = time(() => buildComplianceContext(org.input));
  const ctx = built.result;
  console.log(`rules: context for ${PEOPLE} people: ${built.ms.toFixed(0)} ms (once per organisation and data version)`);

  const statuses = timeRuns(5, () => measureOrganisation(ctx, staff, asOf));
  const m = statuses.result;
  console.log(
    `rules: statuses+measures for ${PEOPLE} people: ${statuses.medianMs.toFixed(0)} ms (target < 300 ms) ` +
      `[median of 5; first run (cold context) ${statuses.first.toFixed(0)} ms; cpu ${statuses.medianCpuMs.toFixed(0)} ms; ` +
      `in scope ${m.inScope}, ${m.pctQualified}% qualified, ${m.pctQualifiedOrEnrolled}% qualified or enrolled]`,
  );

  const trend = timeRuns(3, () => monthlyTrend(ctx, staff, addMonths(asOf, -36), asOf));
  const last = trend.result[trend.result.length - 1];
  console.log(
    `rules: 36-month trend (${trend.result.length} points) for ${PEOPLE} people: ${trend.medianMs.toFixed(0)} ms (target < 1500 ms) ` +
      `[median of 3; first run ${trend.first.toFixed(0)} ms; cpu ${trend.medianCpuMs.toFixed(0)} ms; last point ${last.date}: ${last.pctQualified}% qualified]`,
  );
  if (last.n !== m.inScope || last.qualified !== m.qualified || last.workingTowards !== m.workingTowards) {
    throw new Error("rules bench: the trend's last point disagrees with the measures on the same date");
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runRulesBench().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
