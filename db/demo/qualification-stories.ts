/**
 * The demo's qualification records: each person in scope is dealt a story (long qualified, learning, overdue,
 * referred, withdrawn…) and the factory turns it into records with dates, providers, certificates, evidence and,
 * for the maintenance certificate, unit results.
 */
import mhmSpec from "../catalogue/cih-l4-managing-housing-maintenance.json";
import { addDays, addMonths, fromDayNumber, maxDate, minDate, toDayNumber } from "../../app/compliance/dates";
import type { RecordStatusValue } from "../schema";
import { PROVIDERS, type DemoOrganisation } from "../demo-data";
import type { Person } from "./people";
import type { DemoRandom } from "./random";
import { weekday } from "./working-day";

/** Nothing in the data happened after this date (records, unit results, verifications). */
export const DATA_AS_OF = "2026-11-20";

export type Code = "CIH-L4-CH" | "CIH-L4-MHM" | "APP-L4-SHPM" | "CIH-L5-DH" | "FD-HOUSING" | "BSC-HOUSING" | "CIH-L3-CHP" | "ILM-L5-LM";

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

export interface RecordDraft {
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

export type Story =
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
export const STORY_WEIGHTS: ReadonlyArray<readonly [Story, number]> = [
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

const MHM_PATHWAYS = mhmSpec.pathways.map((p) => ({ name: p.name, mandatory: p.mandatoryUnits }));
const MHM_UNITS = mhmSpec.units.map((u) => u.unitRef);

export class RecordFactory {
  readonly records: RecordDraft[] = [];
  private certificate = 0;

  constructor(
    private readonly rng: DemoRandom,
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
        const span = toDayNumber(end) - toDayNumber(started);
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
    const a = toDayNumber(started) + 45;
    const b = Math.max(a, toDayNumber(end));
    if (status !== "achieved" && a > toDayNumber(end)) passes = 0; // too early in the course for results
    const dates = Array.from({ length: passes }, () => this.rng.int(a, b)).sort((x, y) => x - y);
    const out: UnitDraft[] = dates.map((d, i) => ({ unit_ref: plan[i], result: "pass", achieved_on: fromDayNumber(d) }));
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
export function closeLeaversRecords(records: RecordDraft[], people: Map<string, Person>): void {
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
