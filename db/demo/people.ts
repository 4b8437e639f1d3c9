/**
 * The demo's people: each organisation's staff drawn from the demo roles (db/demo-data.ts), with leavers, joiners
 * on probation, internal movers into in-scope roles, contractors' staff, and line managers.
 */
import { addMonths } from "../../app/compliance/dates";
import type { CategoryValue } from "../schema";
import { CONTRACTOR_EMAIL_DOMAIN, CONTRACTORS, DEMO_ROLES, DEPARTMENT_PARENT, FIRST_NAMES, LAST_NAMES, TITLE_SPELLINGS, type DemoOrganisation, type DemoRole } from "../demo-data";
import type { DemoRandom } from "./random";
import { weekday } from "./working-day";

export type PersonKind = "regular" | "leaver" | "joiner" | "mover";

export interface Person {
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

export function makePeople(org: DemoOrganisation, rng: DemoRandom): Person[] {
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
function assignManagers(people: Person[], rng: DemoRandom): void {
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

function emailLocal(first: string, last: string): string {
  const clean = (s: string) =>
    s
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, "");
  return `${clean(first)}.${clean(last)}`;
}
