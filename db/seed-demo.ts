/**
 * Demo data: two organisations (Riverside Homes, 12,000 homes, ~600 staff; Oakfield Housing
 * Co-operative, 800 homes, ~120 staff), their scope decisions, qualification records, absences and
 * the demo users (password `demo-password`).
 *
 * Deterministic: a seeded PRNG (mulberry32) drives every choice and every date is absolute, so two
 * runs produce identical rows. All writes happen in one transaction; each organisation's data is written through
 * its organisation scope (`scope.write`, joining that transaction), like every other writer of organisation data.
 */
import type { Insertable, Kysely, Transaction } from "kysely";
import mhmSpec from "./catalogue/cih-l4-managing-housing-maintenance.json";
import {
  CONTRACTOR_EMAIL_DOMAIN,
  CONTRACTORS,
  DEMO_ORGANISATIONS,
  DEMO_PASSWORD,
  DEMO_ROLES,
  DEMO_USERS,
  DEPARTMENT_PARENT,
  FIRST_NAMES,
  LAST_NAMES,
  PROVIDERS,
  TITLE_SPELLINGS,
  type DemoOrganisation,
  type DemoRole,
} from "./demo-data";
import { openOrganisationScope, type OrganisationScope, type OrganisationWriter } from "../app/models/organisation-scope.server";
import { hashPassword } from "./password";
import { seedDemoAudits } from "./seed-demo-audits";
import { seedDemoIntakes } from "./seed-demo-intakes";
import { normaliseJobTitle } from "../app/compliance/job-title";
import type {
  AbsenceTable,
  CategoryValue,
  Database,
  PersonOverrideTable,
  QualificationRecordTable,
  RecordStatusValue,
  ScopeDecisionTable,
  StaffTable,
  UnitResultTable,
} from "./schema";

export interface DemoSeedOptions {
  /**
   * The date the demo is "as of" (default 2026-11-23). Only stamps `created_at` / `updated_at`;
   * every business date in the data is absolute, so the data is the same whatever the real clock says.
   */
  today?: string;
}

export interface DemoSeedSummary {
  organisations: Array<{ slug: string; id: number; staff: number; records: number }>;
  users: number;
}

export const DEMO_TODAY = "2026-11-23";
/** The in-force date of the Standard (the column default) and the October 2026 milestone. */
const IN_FORCE = "2026-10-01";
/** Nothing in the data happened after this date (records, unit results, verifications). */
const DATA_AS_OF = "2026-11-20";
const BATCH = 200;
const SEED = 0x5eed_2026;

/** Seeds the demo only when the `organisations` table is empty (checked inside the transaction). */
export async function seedDemoIfEmpty(
  db: Kysely<Database>,
  opts: DemoSeedOptions = {},
): Promise<{ seeded: boolean; summary?: DemoSeedSummary }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("organisations").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
    if (Number(row?.n ?? 0) > 0) return { seeded: false };
    const summary = await seedInto(trx, opts);
    return { seeded: true, summary };
  });
}

/** Seeds the demo unconditionally (fails if the demo organisations' slugs already exist). */
export async function seedDemo(db: Kysely<Database>, opts: DemoSeedOptions = {}): Promise<DemoSeedSummary> {
  return db.transaction().execute((trx) => seedInto(trx, opts));
}

// ---------------------------------------------------------------------------------------------
// Randomness and dates

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32 */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [value, w] of entries) {
      x -= w;
      if (x < 0) return value;
    }
    return entries[entries.length - 1][0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
  /** A date in [from, to] inclusive. */
  date(from: string, to: string): string {
    const a = toDays(from);
    const b = toDays(to);
    return fromDays(b <= a ? a : this.int(a, b));
  }
}

const DAY_MS = 86_400_000;
function toDays(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}
function fromDays(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}
function addDays(iso: string, n: number): string {
  return fromDays(toDays(iso) + n);
}
/** Adds calendar months, clamping to the month's last day. */
function addMonths(iso: string, n: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}
function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
/** A weekday on or after the date (people start jobs and courses on working days). */
function weekday(iso: string): string {
  const dow = new Date(toDays(iso) * DAY_MS).getUTCDay();
  return dow === 6 ? addDays(iso, 2) : dow === 0 ? addDays(iso, 1) : iso;
}

function emailLocal(first: string, last: string): string {
  const clean = (s: string) =>
    s
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, "");
  return `${clean(first)}.${clean(last)}`;
}

function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ---------------------------------------------------------------------------------------------
// People

type PersonKind = "regular" | "leaver" | "joiner" | "mover";

interface Person {
  ref: string;
  role: DemoRole;
  jobTitle: string;
  firstName: string;
  lastName: string;
  email: string | null;
  department: string;
  location: string;
  employer: string | null;
  fte: number;
  startDate: string;
  roleStartDate: string | null;
  endDate: string | null;
  onProbation: boolean;
  managerRef: string | null;
  kind: PersonKind;
  /** Override, else the job-title decision, else null (unmapped). */
  category: CategoryValue | null;
}

function makePeople(org: DemoOrganisation, rng: Rng): Person[] {
  const slots: DemoRole[] = [];
  for (const role of DEMO_ROLES) {
    const n = org.slug === "riverside" ? role.riverside : role.oakfield;
    for (let i = 0; i < n; i++) slots.push(role);
  }
  // The chief executive is employee 1; everyone else in HR-system order (by no pattern).
  const ceo = slots.filter((r) => r.tier === 0);
  const ordered = [...ceo, ...rng.shuffle(slots.filter((r) => r.tier !== 0))];
  const usedNames = new Set<string>();
  const usedEmails = new Set<string>();
  const people: Person[] = [];

  ordered.forEach((role, index) => {
    const ref = `${org.refPrefix}${String(index + 1).padStart(org.refDigits, "0")}`;
    let firstName = rng.pick(FIRST_NAMES);
    let lastName = rng.pick(LAST_NAMES);
    for (let tries = 0; tries < 8 && usedNames.has(`${firstName} ${lastName}`); tries++) {
      firstName = rng.pick(FIRST_NAMES);
      lastName = rng.pick(LAST_NAMES);
    }
    usedNames.add(`${firstName} ${lastName}`);

    const employer = role.contractorShare && rng.chance(role.contractorShare) ? rng.pick(CONTRACTORS) : null;
    const domain = employer ? CONTRACTOR_EMAIL_DOMAIN[employer as (typeof CONTRACTORS)[number]] : org.emailDomain;
    let email: string | null = null;
    if (!employer || rng.chance(0.7)) {
      const local = emailLocal(firstName, lastName);
      let candidate = `${local}@${domain}`;
      for (let k = 2; usedEmails.has(candidate); k++) candidate = `${local}${k}@${domain}`;
      usedEmails.add(candidate);
      email = candidate;
    }

    const locations = role.onSite ? org.locations.filter(([l]) => l !== "Remote") : org.locations;
    const location = role.tier === 0 ? org.locations[0][0] : rng.weighted(locations);
    const fte = rng.weighted<number>([[1, 78], [0.8, 8], [0.6, 6], [0.5, 5], [0.4, 3]]);

    const era = rng.weighted<[string, string]>([
      [["1994-04-01", "2009-12-31"], 20],
      [["2010-01-01", "2018-12-31"], 34],
      [["2019-01-01", "2024-12-31"], 32],
      [["2025-01-01", "2026-07-31"], 14],
    ]);
    const startDate = weekday(rng.date(era[0], era[1]));
    let roleStartDate: string | null = null;
    const promoted = role.tier <= 3 ? 0.6 : 0.2;
    if (startDate < "2023-01-01" && rng.chance(promoted)) {
      roleStartDate = weekday(rng.date(addMonths(startDate, 12), "2026-06-30"));
    } else if (rng.chance(0.5)) {
      roleStartDate = startDate;
    }

    const spellings = TITLE_SPELLINGS[role.title];
    const jobTitle = spellings && rng.chance(0.05) ? rng.pick(spellings) : role.title;

    people.push({
      ref,
      role,
      jobTitle,
      firstName,
      lastName,
      email,
      department: role.department,
      location,
      employer,
      fte,
      startDate,
      roleStartDate,
      endDate: null,
      onProbation: startDate >= "2026-05-01",
      managerRef: null,
      kind: "regular",
      category: role.category,
    });
  });

  const isRequired = (p: Person) => p.role.category === "senior_manager" || p.role.category === "senior_executive";
  const candidates = (filter: (p: Person) => boolean) =>
    rng.shuffle(people.filter((p) => p.kind === "regular" && p.role.tier > 0 && filter(p)));

  // Leavers (about 5%), left during 2025-2026 (a few working their notice until December).
  const leaverCount = Math.round(people.length * 0.05);
  for (const p of candidates((q) => q.startDate < "2025-06-01").slice(0, leaverCount)) {
    p.kind = "leaver";
    p.endDate = rng.date("2025-01-10", "2026-12-31");
    p.onProbation = false;
  }

  // New joiners: start after the in-force date (some already started, some not yet), on probation.
  const joinerCount = Math.max(3, Math.round(people.length * 0.02));
  const requiredJoiners = Math.ceil(joinerCount / 3);
  const joiners = [
    ...candidates((q) => isRequired(q) && q.role.tier >= 3).slice(0, requiredJoiners),
    ...candidates((q) => !isRequired(q) && q.role.category !== null).slice(0, joinerCount - requiredJoiners),
  ];
  for (const p of joiners) {
    p.kind = "joiner";
    p.startDate = weekday(rng.date("2026-10-05", "2027-02-01"));
    p.roleStartDate = rng.chance(0.5) ? p.startDate : null;
    p.onProbation = true;
  }

  // Internal moves into an in-scope role after the in-force date: a fresh grace period.
  const moverCount = org.slug === "riverside" ? 4 : 1;
  for (const p of candidates((q) => isRequired(q) && q.role.tier === 3 && q.startDate < "2024-01-01").slice(0, moverCount)) {
    p.kind = "mover";
    p.roleStartDate = weekday(rng.date("2026-10-12", "2027-01-04"));
  }

  assignManagers(people, rng);
  return people;
}

/** Line managers: someone in the same department one tier up (same location preferred), else up the chain. */
function assignManagers(people: Person[], rng: Rng): void {
  const canManage = people.filter((p) => p.kind !== "leaver" && p.kind !== "joiner");
  const ceo = people.find((p) => p.role.tier === 0);
  for (const p of people) {
    if (p === ceo) continue;
    let department: string | null = p.department;
    let manager: Person | undefined;
    while (department && !manager) {
      const inDept = canManage.filter((m) => m.department === department && m.role.tier < p.role.tier);
      if (inDept.length > 0) {
        const tier = Math.max(...inDept.map((m) => m.role.tier));
        const closest = inDept.filter((m) => m.role.tier === tier);
        const local = closest.filter((m) => m.location === p.location);
        manager = rng.pick(local.length > 0 ? local : closest);
      }
      department = DEPARTMENT_PARENT[department] ?? null;
    }
    p.managerRef = (manager ?? ceo)?.ref ?? null;
  }
}

// ---------------------------------------------------------------------------------------------
// Qualification records

type Code = "CIH-L4-CH" | "CIH-L4-MHM" | "APP-L4-SHPM" | "CIH-L5-DH" | "FD-HOUSING" | "BSC-HOUSING" | "CIH-L3-CHP" | "ILM-L5-LM";

const TYPICAL_MONTHS: Record<Code, number> = {
  "CIH-L4-CH": 12,
  "CIH-L4-MHM": 12,
  "APP-L4-SHPM": 21,
  "CIH-L5-DH": 18,
  "FD-HOUSING": 24,
  "BSC-HOUSING": 36,
  "CIH-L3-CHP": 9,
  "ILM-L5-LM": 12,
};

interface UnitDraft {
  unit_ref: string;
  result: "pass" | "refer" | "fail";
  achieved_on: string | null;
}

interface RecordDraft {
  ref: string;
  code: Code;
  provider: string | null;
  status: RecordStatusValue;
  enrolled_on: string | null;
  started_on: string | null;
  expected_completion: string | null;
  achieved_on: string | null;
  certificate_ref: string | null;
  evidence_verified_by: string | null;
  evidence_verified_on: string | null;
  pathway: string | null;
  units: UnitDraft[];
}

type Story =
  | "long_qualified"
  | "recent_achieved"
  | "learning"
  | "enrolled_not_started"
  | "overdue"
  | "after_deadline"
  | "referred"
  | "enrolled_after_milestone"
  | "withdrawn"
  | "withdrawn_then_reenrolled"
  | "failed"
  | "none";

/** Weights for people in post before the in-force date: roughly half qualified or enrolled by 1 October 2026. */
const STORY_WEIGHTS: ReadonlyArray<readonly [Story, number]> = [
  ["long_qualified", 26],
  ["recent_achieved", 5],
  ["learning", 11],
  ["enrolled_not_started", 3],
  ["overdue", 3],
  ["after_deadline", 2],
  ["referred", 3],
  ["enrolled_after_milestone", 9],
  ["withdrawn", 4],
  ["withdrawn_then_reenrolled", 3],
  ["failed", 2],
  ["none", 29],
];

/** n stories in proportion to the weights (largest remainders), unshuffled. */
function deckOf<T>(weights: ReadonlyArray<readonly [T, number]>, n: number): T[] {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  const exact = weights.map(([value, w]) => ({ value, share: (w / total) * n }));
  const counts = exact.map((e) => Math.floor(e.share));
  let left = n - counts.reduce((s, c) => s + c, 0);
  const byRemainder = exact.map((e, i) => ({ i, r: e.share - Math.floor(e.share) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    counts[i] += 1;
    left -= 1;
  }
  return exact.flatMap((e, i) => Array.from({ length: counts[i] }, () => e.value));
}

const MHM_PATHWAYS = mhmSpec.pathways.map((p) => ({ name: p.name, mandatory: p.mandatoryUnits }));
const MHM_UNITS = mhmSpec.units.map((u) => u.unitRef);

class RecordFactory {
  readonly records: RecordDraft[] = [];
  private certificate = 0;

  constructor(
    private readonly rng: Rng,
    private readonly org: DemoOrganisation,
    /** Transition end for this organisation (the default qualified deadline). */
    private readonly transitionEnd: string,
  ) {}

  private provider(code: Code, person: Person): string {
    const rng = this.rng;
    switch (code) {
      case "CIH-L4-MHM":
        return person.employer || rng.chance(0.4) ? PROVIDERS.upkeep : PROVIDERS.cih;
      case "CIH-L4-CH":
        return person.employer ? PROVIDERS.upkeep : rng.chance(0.55) ? PROVIDERS.cih : PROVIDERS.consortium;
      case "CIH-L5-DH":
        return rng.chance(0.55) ? PROVIDERS.cih : PROVIDERS.consortium;
      case "APP-L4-SHPM":
        return rng.chance(0.6) ? PROVIDERS.college : PROVIDERS.consortium;
      case "FD-HOUSING":
      case "BSC-HOUSING":
        return PROVIDERS.college;
      case "CIH-L3-CHP":
        return rng.chance(0.5) ? PROVIDERS.cih : PROVIDERS.college;
      case "ILM-L5-LM":
        return PROVIDERS.consortium;
    }
  }

  private certificateRef(code: Code, achievedOn: string): string {
    this.certificate += 1;
    const year = achievedOn.slice(0, 4);
    const serial = String(this.rng.int(10000, 99999));
    if (code === "FD-HOUSING" || code === "BSC-HOUSING") return `LC/${year}/${serial}`;
    if (code === "APP-L4-SHPM") return `EPA-${year}-${serial}`;
    if (code === "ILM-L5-LM") return `ILM${year}${serial}`;
    return `CIH-${year}-${String(this.certificate).padStart(3, "0")}${serial.slice(0, 3)}`;
  }

  private pathwayFor(person: Person): string {
    const t = person.role.title;
    if (/planned|asset|building safety|compliance/i.test(t)) return "Planned maintenance";
    if (/repairs|voids|damp/i.test(t)) return "Responsive repairs";
    return this.rng.pick(MHM_PATHWAYS).name;
  }

  private qualificationFor(person: Person, story: Story, achievedBy?: string): Code {
    const rng = this.rng;
    if (person.category === "senior_executive") {
      return rng.weighted<Code>([["CIH-L5-DH", 65], ["FD-HOUSING", 35]]);
    }
    const property = /Property Services|Asset Management/.test(person.department) || /voids|repairs/i.test(person.role.title);
    let code: Code = property
      ? rng.weighted<Code>([["CIH-L4-MHM", 50], ["CIH-L4-CH", 30], ["APP-L4-SHPM", 20]])
      : rng.weighted<Code>([["CIH-L4-CH", 55], ["APP-L4-SHPM", 15], ["CIH-L5-DH", 18], ["FD-HOUSING", 12]]);
    if (person.employer && code === "APP-L4-SHPM") code = "CIH-L4-MHM";
    if (story === "long_qualified" && achievedBy) {
      // The apprenticeship standard and the maintenance certificate are recent.
      if (code === "APP-L4-SHPM" && achievedBy < "2019-06-01") code = "CIH-L4-CH";
      if (code === "CIH-L4-MHM" && achievedBy < "2018-06-01") code = "CIH-L4-CH";
    }
    return code;
  }

  private evidence(achievedOn: string): { by: string | null; on: string | null } {
    if (!this.rng.chance(0.85)) return { by: null, on: null };
    const from = maxDate(addDays(achievedOn, 5), "2026-01-05");
    const to = maxDate(from, minDate(addDays(from, 240), "2026-09-30"));
    const on = minDate(this.rng.date(from, to), DATA_AS_OF);
    return { by: this.org.decidedBy, on };
  }

  private units(code: Code, pathway: string | null, status: RecordStatusValue, started: string | null, until: string): UnitDraft[] {
    if (code !== "CIH-L4-MHM" || !pathway || !started || status === "enrolled") return [];
    const rng = this.rng;
    const mandatory = MHM_PATHWAYS.find((p) => p.name === pathway)?.mandatory ?? [];
    const optional = rng.shuffle(MHM_UNITS.filter((u) => !mandatory.includes(u)));
    const plan = [...mandatory, ...optional.slice(0, 3)]; // 6 units x 6 credits = 36
    const end = maxDate(minDate(until, DATA_AS_OF), addDays(started, 30));
    let passes: number;
    let last: "refer" | "fail" | null = null;
    switch (status) {
      case "achieved":
        passes = 6;
        break;
      case "in_progress": {
        const span = toDays(end) - toDays(started);
        passes = Math.min(5, Math.max(1, Math.floor((span / 365) * 5)));
        break;
      }
      case "referred":
        passes = rng.int(2, 4);
        last = "refer";
        break;
      case "failed":
        passes = 2;
        last = "fail";
        break;
      case "withdrawn":
        passes = rng.int(0, 2);
        break;
      default:
        passes = 0;
    }
    const a = toDays(started) + 45;
    const b = Math.max(a, toDays(end));
    if (status !== "achieved" && a > toDays(end)) passes = 0; // too early in the course for results
    const dates = Array.from({ length: passes }, () => this.rng.int(a, b)).sort((x, y) => x - y);
    const out: UnitDraft[] = dates.map((d, i) => ({ unit_ref: plan[i], result: "pass", achieved_on: fromDays(d) }));
    if (status === "achieved" && out.length > 0) out[out.length - 1].achieved_on = minDate(until, DATA_AS_OF);
    if (last) out.push({ unit_ref: plan[passes], result: last, achieved_on: null });
    return out;
  }

  /** A record from its dates; `status` decides which dates are kept. */
  add(person: Person, code: Code, status: RecordStatusValue, enrolled: string, opts: { started?: string | null; expected?: string | null; achieved?: string | null; noProvider?: boolean } = {}): void {
    const rng = this.rng;
    const months = TYPICAL_MONTHS[code];
    const enrolledOn = weekday(enrolled);
    const startedOn = opts.started === undefined ? weekday(addDays(enrolledOn, rng.int(0, 40))) : opts.started;
    const expected = opts.expected === undefined ? addMonths(startedOn ?? enrolledOn, months) : opts.expected;
    const achievedOn = status === "achieved" ? opts.achieved ?? expected : null;
    const evidence = achievedOn ? this.evidence(achievedOn) : { by: null, on: null };
    const pathway = code === "CIH-L4-MHM" ? this.pathwayFor(person) : null;
    const until = achievedOn ?? (status === "withdrawn" || status === "failed" ? minDate(expected ?? DATA_AS_OF, DATA_AS_OF) : DATA_AS_OF);
    this.records.push({
      ref: person.ref,
      code,
      provider: opts.noProvider ? null : this.provider(code, person),
      status,
      enrolled_on: enrolledOn,
      started_on: startedOn,
      expected_completion: expected,
      achieved_on: achievedOn,
      certificate_ref: achievedOn ? this.certificateRef(code, achievedOn) : null,
      evidence_verified_by: evidence.by,
      evidence_verified_on: evidence.on,
      pathway,
      units: this.units(code, pathway, status, startedOn, until),
    });
  }

  /** Gives an in-scope (or not yet mapped) person the records of one story. */
  tell(person: Person, story: Story): void {
    const rng = this.rng;
    // Courses start once the person is with us (long-held qualifications came with them).
    const earliest = addDays(person.startDate, 14);
    const window = (from: string, to: string): string | null => {
      const lo = maxDate(from, earliest);
      return lo > to ? null : rng.date(lo, to);
    };
    const future = (): string => rng.date("2027-01-15", "2028-09-30");
    switch (story) {
      case "none":
        return;
      case "long_qualified": {
        const achieved = rng.date("2010-01-15", "2024-12-15");
        const code = this.qualificationFor(person, story, achieved);
        const months = TYPICAL_MONTHS[code];
        const enrolled = addMonths(achieved, -(months + rng.int(0, 3)));
        this.add(person, code, "achieved", enrolled, { started: weekday(addDays(enrolled, rng.int(0, 30))), expected: addMonths(enrolled, months), achieved, noProvider: rng.chance(0.25) });
        return;
      }
      case "recent_achieved": {
        const enrolled = window("2023-09-01", "2025-06-30");
        if (!enrolled) return this.tell(person, "enrolled_after_milestone");
        const code = this.qualificationFor(person, story);
        const started = weekday(addDays(enrolled, rng.int(0, 30)));
        const expected = addMonths(started, TYPICAL_MONTHS[code]);
        const achieved = minDate(maxDate(addDays(expected, rng.int(-30, 75)), addDays(started, 200)), "2026-11-13");
        this.add(person, code, "achieved", enrolled, { started, expected, achieved });
        return;
      }
      case "learning": {
        const enrolled = window("2025-01-06", "2026-09-25");
        if (!enrolled) return this.tell(person, "enrolled_after_milestone");
        const code = this.qualificationFor(person, story);
        const notStarted = enrolled >= "2026-08-01" && rng.chance(0.6);
        const started = notStarted ? null : weekday(addDays(enrolled, rng.int(0, 45)));
        const expected = maxDate(future(), addMonths(enrolled, 9));
        this.add(person, code, notStarted ? "enrolled" : "in_progress", enrolled, { started, expected });
        return;
      }
      case "enrolled_not_started": {
        // Enrolled more than six months ago and still no start date.
        const enrolled = window("2025-06-02", "2026-03-31");
        if (!enrolled) return this.tell(person, "enrolled_after_milestone");
        this.add(person, this.qualificationFor(person, story), "enrolled", enrolled, { started: null, expected: rng.date("2027-06-01", "2028-03-31") });
        return;
      }
      case "overdue": {
        const enrolled = window("2024-03-04", "2025-03-31");
        if (!enrolled) return this.tell(person, "learning");
        this.add(person, this.qualificationFor(person, story), "in_progress", enrolled, { expected: rng.date("2026-02-27", "2026-10-30") });
        return;
      }
      case "after_deadline": {
        const enrolled = window("2026-01-05", "2026-09-18");
        if (!enrolled) return this.tell(person, "enrolled_after_milestone");
        this.add(person, this.qualificationFor(person, story), "in_progress", enrolled, { expected: addMonths(this.transitionEnd, rng.int(3, 9)) });
        return;
      }
      case "referred": {
        const enrolled = window("2024-11-04", "2025-10-31") ?? window("2025-11-03", "2026-05-29");
        if (!enrolled) return this.tell(person, "learning");
        this.add(person, this.qualificationFor(person, story), "referred", enrolled, { expected: rng.date("2026-10-30", "2027-06-30") });
        return;
      }
      case "enrolled_after_milestone": {
        const enrolled = window("2026-10-02", "2026-11-20");
        if (!enrolled) return;
        const started = rng.chance(0.3) ? minDate(weekday(addDays(enrolled, rng.int(3, 20))), DATA_AS_OF) : null;
        this.add(person, this.qualificationFor(person, story), started ? "in_progress" : "enrolled", enrolled, { started, expected: rng.date("2027-10-01", "2028-06-30") });
        return;
      }
      case "withdrawn": {
        const enrolled = window("2024-06-03", "2026-04-30") ?? window("2026-05-01", "2026-09-30");
        if (!enrolled) return;
        this.add(person, this.qualificationFor(person, story), "withdrawn", enrolled);
        return;
      }
      case "withdrawn_then_reenrolled": {
        const first = window("2023-01-09", "2024-06-28");
        if (!first) return this.tell(person, "learning");
        this.add(person, this.qualificationFor(person, story), "withdrawn", first);
        const again = rng.date("2025-09-01", "2026-06-30");
        this.add(person, this.qualificationFor(person, story), "in_progress", again, { expected: maxDate(future(), addMonths(again, 12)) });
        return;
      }
      case "failed": {
        const enrolled = window("2023-06-05", "2025-03-31") ?? window("2025-04-01", "2026-01-30");
        if (!enrolled) return this.tell(person, "withdrawn");
        this.add(person, this.qualificationFor(person, story), "failed", enrolled);
        return;
      }
    }
  }
}

/** A learner who has since left: their course ended when they did. */
function closeLeaversRecords(records: RecordDraft[], people: Map<string, Person>): void {
  for (const r of records) {
    const p = people.get(r.ref);
    if (!p?.endDate || p.endDate > DATA_AS_OF) continue;
    if (r.status === "enrolled" || r.status === "in_progress" || r.status === "referred") r.status = "withdrawn";
    if (r.enrolled_on && r.enrolled_on >= p.endDate) {
      r.enrolled_on = addDays(p.endDate, -120);
      r.started_on = r.started_on ? addDays(r.enrolled_on, 14) : null;
      r.units = r.units.filter((u) => u.achieved_on === null || u.achieved_on < p.endDate!);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The seed

interface OrgPlan {
  org: DemoOrganisation;
  people: Person[];
  decisions: DemoRole[];
  overrides: Array<{ ref: string; category: CategoryValue; rationale: string; decided_on: string }>;
  records: RecordDraft[];
  absences: Array<{ ref: string; kind: AbsenceTable["kind"]; from_date: string; to_date: string | null; note: string }>;
}

function planOrganisation(org: DemoOrganisation, orgIndex: number): OrgPlan {
  const rng = new Rng(SEED + orgIndex * 7919);
  const people = makePeople(org, rng);
  const byRef = new Map(people.map((p) => [p.ref, p]));
  const decisions = DEMO_ROLES.filter((r) => r.category !== null && (org.slug === "riverside" ? r.riverside : r.oakfield) > 0);
  const stable = (p: Person) => p.kind === "regular" && p.startDate < "2025-01-01";
  const firstWith = (title: string, extra: (p: Person) => boolean = () => true) => people.find((p) => p.role.title === title && stable(p) && extra(p));

  // Person-level overrides, decided during the 2026 skills audit.
  const overrides: OrgPlan["overrides"] = [];
  const override = (p: Person | undefined, category: CategoryValue, rationale: string, decided_on: string) => {
    if (!p) return;
    p.category = category;
    overrides.push({ ref: p.ref, category, rationale, decided_on });
  };
  if (org.slug === "riverside") {
    const acting = firstWith("Housing Officer", (p) => p.location === "Wakefield") ?? firstWith("Housing Officer");
    override(acting, "senior_manager", `Acting Neighbourhood Manager (${acting?.location ?? "Wakefield"}) while the post is vacant; manages the housing officer team and most of the time is housing management`, "2026-06-15");
    override(firstWith("Neighbourhood Manager"), "out_of_scope", "Seconded full time to the new-build development programme until March 2027; no housing management duties during the secondment", "2026-04-20");
    override(firstWith("Repairs Team Leader"), "senior_manager", "Runs the voids repairs team day to day and manages its budget and contractors; more than half of time managing a housing service", "2026-07-08");
  } else {
    override(firstWith("Finance Manager"), "senior_manager", "Also manages the income officers and arrears recovery for the co-operative; about half of time on housing management", "2026-05-11");
  }

  const transitionEnd = addMonths(IN_FORCE, 12 * (org.homesOwned < 1000 ? 4 : 3));
  const factory = new RecordFactory(rng, org, transitionEnd);
  const required = (p: Person) => p.category === "senior_manager" || p.category === "senior_executive";

  // Named stories for the executive team (Riverside): the BSc, the non-recognised ILM diploma, the Level 4 holder.
  const special = new Set<Person>();
  if (org.slug === "riverside") {
    const ceo = people.find((p) => p.role.tier === 0)!;
    factory.add(ceo, "BSC-HOUSING", "achieved", "2000-09-25", { started: "2000-09-25", expected: "2003-07-11", achieved: "2003-07-11", noProvider: false });
    special.add(ceo);
    const customer = people.find((p) => p.role.title === "Director of Customer Experience");
    if (customer) {
      factory.add(customer, "ILM-L5-LM", "achieved", "2018-09-10", { expected: "2019-09-13", achieved: "2019-09-13" });
      special.add(customer);
    }
    const income = firstWith("Head of Income");
    if (income) {
      factory.add(income, "CIH-L4-CH", "achieved", "2015-01-12", { expected: "2016-01-29", achieved: "2016-01-22" });
      factory.add(income, "CIH-L5-DH", "in_progress", "2026-02-02", { expected: "2027-08-31" });
      special.add(income);
    }
    // The maintenance certificate with unit results: one referred on a unit, one part-way through.
    const responsive = firstWith("Responsive Repairs Manager");
    if (responsive) {
      factory.add(responsive, "CIH-L4-MHM", "referred", "2025-02-03", { started: "2025-02-17", expected: "2026-04-30" });
      special.add(responsive);
    }
    const planned = firstWith("Planned Maintenance Manager");
    if (planned) {
      factory.add(planned, "CIH-L4-MHM", "in_progress", "2025-09-08", { started: "2025-09-22", expected: "2027-03-31" });
      special.add(planned);
    }
  }

  // Stories for people in post and in scope are dealt from a shuffled deck, so the proportions (and
  // every status) hold even in a small organisation; leavers and unmapped people draw at random.
  const dealt = people.filter((p) => !special.has(p) && required(p) && p.kind === "regular");
  const deck = rng.shuffle(deckOf(STORY_WEIGHTS, dealt.length));
  const storyOf = new Map(dealt.map((p, i) => [p, deck[i]]));

  for (const p of people) {
    if (special.has(p)) continue;
    const inScope = required(p) || (p.category === null && rng.chance(0.45));
    if (inScope) {
      let story: Story;
      const fromDeck = storyOf.get(p);
      if (fromDeck) {
        story = fromDeck;
      } else if (p.kind === "joiner") {
        story = rng.chance(0.35) ? "long_qualified" : p.startDate <= "2026-10-30" && rng.chance(0.3) ? "enrolled_after_milestone" : "none";
      } else if (p.kind === "mover") {
        story = rng.weighted<Story>([["long_qualified", 30], ["enrolled_after_milestone", 30], ["none", 40]]);
      } else {
        story = rng.weighted(STORY_WEIGHTS);
      }
      factory.tell(p, story);
    } else if (p.category === "frontline" && /^(Housing|Neighbourhood|Income|Tenancy Sustainment|Lettings) Officer$/.test(p.role.title) && stable(p)) {
      // A few front-line staff hold or are taking housing qualifications for their own development.
      const roll = rng.next();
      if (roll < 0.06) {
        const achieved = rng.date("2016-03-01", "2024-11-29");
        factory.add(p, "CIH-L3-CHP", "achieved", addMonths(achieved, -10), { achieved, expected: addMonths(achieved, -1) });
      } else if (roll < 0.09) {
        factory.add(p, "CIH-L3-CHP", "in_progress", rng.date("2026-01-05", "2026-09-15"));
      } else if (roll < 0.11) {
        factory.add(p, "CIH-L4-CH", "in_progress", rng.date("2025-09-01", "2026-07-31"), { expected: rng.date("2027-01-29", "2027-09-30") });
      }
    }
  }
  closeLeaversRecords(factory.records, byRef);

  // Absences for in-scope people (they pause the clocks).
  const absences: OrgPlan["absences"] = [];
  const absent = rng.shuffle(people.filter((p) => required(p) && stable(p) && !special.has(p)));
  const plan: Array<[AbsenceTable["kind"], string]> =
    org.slug === "riverside"
      ? [["parental", "Maternity leave"], ["parental", "Shared parental leave"], ["parental", "Adoption leave"], ["long_term_sickness", "Long-term sickness absence"], ["long_term_sickness", "Long-term sickness absence (phased return planned)"], ["other", "Career break"]]
      : [["parental", "Maternity leave"], ["long_term_sickness", "Long-term sickness absence"]];
  plan.forEach(([kind, note], i) => {
    const p = absent[i];
    if (!p) return;
    if (kind === "parental") {
      const from = weekday(rng.date("2026-03-02", "2026-09-14"));
      absences.push({ ref: p.ref, kind, from_date: from, to_date: addMonths(from, rng.int(9, 12)), note });
    } else if (kind === "long_term_sickness") {
      const from = weekday(rng.date("2026-05-04", "2026-10-05"));
      absences.push({ ref: p.ref, kind, from_date: from, to_date: note.includes("phased") ? addMonths(from, 5) : null, note });
    } else {
      absences.push({ ref: p.ref, kind, from_date: "2026-04-01", to_date: "2026-12-31", note });
    }
  });

  return { org, people, decisions, overrides, records: factory.records, absences };
}

/** A row of an organisation table without its organisation: the scope's writer sets that. */
type Own<T> = Omit<Insertable<T>, "organisation_id">;

const SEED_ACTOR = { userId: null, name: "seed" } as const;
const SEED_UNAUDITED = "the demo seed creates the organisation's starting data; nobody changed anything";

/** One organisation's decisions, staff, overrides, qualification records with their unit results, and absences. */
async function seedOrganisation(w: OrganisationWriter, plan: OrgPlan, ctx: { index: number; stamp: string; qualificationId: (code: string) => number }): Promise<void> {
  const { org } = plan;
  const { index, stamp, qualificationId } = ctx;
  // Scope decisions (unmapped titles deliberately have none).
  const decisionRows: Array<Own<ScopeDecisionTable>> = plan.decisions.map((role, i) => {
    const drng = new Rng(SEED ^ (index * 131 + i * 977 + 17));
    return {
        job_title: role.title,
      job_title_normalised: normaliseJobTitle(role.title),
      category: role.category!,
      time_managing_pct: role.timeManagingPct,
      rationale: role.rationale,
      decided_by: org.decidedBy,
      decided_on: weekday(drng.date("2026-02-02", "2026-09-11")),
      review_date: role.reviewDate ?? drng.pick(["2027-03-31", "2027-09-30", "2028-03-31", "2028-09-30"]),
    };
  });
  for (const batch of chunks(decisionRows)) await w.insertInto("scope_decisions", batch).execute();

  // Staff.
  const staffRows: Array<Own<StaffTable>> = plan.people.map((p) => ({
    employee_ref: p.ref,
    first_name: p.firstName,
    last_name: p.lastName,
    email: p.email,
    job_title: p.jobTitle,
    job_title_normalised: normaliseJobTitle(p.jobTitle),
    department: p.department,
    location: p.location,
    manager_ref: p.managerRef,
    employer: p.employer,
    fte: p.fte,
    start_date: p.startDate,
    role_start_date: p.roleStartDate,
    end_date: p.endDate,
    on_probation: p.onProbation ? 1 : 0,
    created_at: stamp,
    updated_at: stamp,
  }));
  const staffIds = new Map<string, number>();
  for (const batch of chunks(staffRows)) {
    for (const row of await w.insertInto("staff", batch).returning(["id", "employee_ref"]).execute()) {
      staffIds.set(row.employee_ref, row.id);
    }
  }
  const staffId = (ref: string) => staffIds.get(ref)!;

  const overrideRows: Array<Own<PersonOverrideTable>> = plan.overrides.map((o) => ({
    staff_id: staffId(o.ref),
    category: o.category,
    rationale: o.rationale,
    decided_by: org.decidedBy,
    decided_on: o.decided_on,
  }));
  if (overrideRows.length > 0) await w.insertInto("person_overrides", overrideRows).execute();

  // Qualification records; those with unit results one by one (their ids are needed).
  const recordRow = (r: RecordDraft): Own<QualificationRecordTable> => ({
    staff_id: staffId(r.ref),
    qualification_id: qualificationId(r.code),
    provider: r.provider,
    status: r.status,
    enrolled_on: r.enrolled_on,
    started_on: r.started_on,
    expected_completion: r.expected_completion,
    achieved_on: r.achieved_on,
    certificate_ref: r.certificate_ref,
    evidence_verified_by: r.evidence_verified_by,
    evidence_verified_on: r.evidence_verified_on,
    pathway: r.pathway,
    created_at: stamp,
    updated_at: stamp,
  });
  const plain = plan.records.filter((r) => r.units.length === 0);
  for (const batch of chunks(plain)) await w.insertInto("qualification_records", batch.map(recordRow)).execute();
  const unitRows: Array<Own<UnitResultTable>> = [];
  for (const r of plan.records.filter((x) => x.units.length > 0)) {
    const { id } = await w.insertInto("qualification_records", recordRow(r)).returning("id").executeTakeFirstOrThrow();
    for (const u of r.units) unitRows.push({ record_id: id, unit_ref: u.unit_ref, result: u.result, achieved_on: u.achieved_on });
  }
  for (const batch of chunks(unitRows)) await w.insertInto("unit_results", batch).execute();

  const absenceRows: Array<Own<AbsenceTable>> = plan.absences.map((a) => ({
    staff_id: staffId(a.ref),
    kind: a.kind,
    from_date: a.from_date,
    to_date: a.to_date,
    note: a.note,
  }));
  if (absenceRows.length > 0) await w.insertInto("absences", absenceRows).execute();
}

async function seedInto(trx: Transaction<Database>, opts: DemoSeedOptions): Promise<DemoSeedSummary> {
  const today = opts.today ?? DEMO_TODAY;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`today must be YYYY-MM-DD, got ${today}`);
  const stamp = `${today}T09:00:00.000Z`;

  const qualificationIds = new Map<string, number>();
  for (const q of await trx.selectFrom("qualifications").select(["id", "code"]).where("organisation_id", "is", null).execute()) {
    if (q.code) qualificationIds.set(q.code, q.id);
  }
  const qualificationId = (code: string): number => {
    const id = qualificationIds.get(code);
    if (id === undefined) throw new Error(`qualification ${code} missing from the shared catalogue (run the migrations first)`);
    return id;
  };

  const summary: DemoSeedSummary = { organisations: [], users: 0 };
  const scopes = new Map<string, OrganisationScope>();

  for (const [index, org] of DEMO_ORGANISATIONS.entries()) {
    const plan = planOrganisation(org, index);
    const { id: organisationId } = await trx
      .insertInto("organisations")
      .values({ slug: org.slug, name: org.name, homes_owned: org.homesOwned, created_at: stamp })
      .returning("id")
      .executeTakeFirstOrThrow();
    const organisation = await trx.selectFrom("organisations").selectAll().where("id", "=", organisationId).executeTakeFirstOrThrow();
    const scope = openOrganisationScope(trx, organisation, SEED_ACTOR, today);
    scopes.set(org.slug, scope);
    await scope.write((w) => seedOrganisation(w, plan, { index, stamp, qualificationId }), { unaudited: SEED_UNAUDITED });
    summary.organisations.push({ slug: org.slug, id: organisationId, staff: plan.people.length, records: plan.records.length });
  }

  // Course intakes for the workforce development plan (db/seed-demo-intakes.ts).
  await seedDemoIntakes(scopes, { stamp, unaudited: SEED_UNAUDITED });

  // Users (kept if they already exist, e.g. an admin created from the command line) and memberships.
  // One hash for the shared, public demo password: scrypt is deliberately slow.
  const passwordHash = hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    await trx
      .insertInto("users")
      .values({ email: u.email, name: u.name, role: u.role, password_hash: passwordHash, created_at: stamp })
      .onConflict((oc) => oc.column("email").doNothing())
      .execute();
    const { id: userId } = await trx.selectFrom("users").select("id").where("email", "=", u.email).executeTakeFirstOrThrow();
    for (const slug of u.memberships) {
      await scopes
        .get(slug)!
        .write((w) => w.insertInto("memberships", { user_id: userId, created_at: stamp }).onConflict((oc) => oc.columns(["user_id", "organisation_id"]).doNothing()).execute(), { unaudited: SEED_UNAUDITED });
    }
    summary.users += 1;
  }
  await seedDemoAudits([...scopes.values()], { today, unaudited: SEED_UNAUDITED });
  // Further demo data hooks in here, one line each (the conduct helper's db/seed-demo-conduct.ts).
  await (await import("./seed-demo-conduct")).seedDemoConduct([...scopes.values()], { today, unaudited: SEED_UNAUDITED });
  return summary;
}
