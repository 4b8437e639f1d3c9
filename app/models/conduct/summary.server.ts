/**
 * The short conduct summary the dashboard, the executive report, the portfolio and `metrics --json` show: code
 * acknowledged, policies due for review, supervision and appraisal overdue, training compliance. Every figure comes
 * from the conduct rules (app/conduct/) through the pictures the conduct pages show; nothing is re-derived here.
 */
import { acknowledgementSummary, currentVersions, meetingCounts, missingPolicyKinds, pct, trainingMatrix, type ConductPerson, type MeetingIntervals, type MeetingKind, type TrainingCompletion, type TrainingCourse } from "../../conduct";
import type { ComplianceContext } from "../../compliance/context";
import { normaliseJobTitle, scopeOf } from "../../compliance/scope";
import { displayName } from "../../utils/person-name";
import { organisationContext, partsChangedSince, type CachedOrganisation } from "../compliance.server";
import type { StaffDetails } from "../organisation-data.server";
import type { OrganisationReader } from "../organisation-scope.server";
import { meetingIntervals, meetingsHeld } from "./meetings.server";
import { ackDaysOf, policyRegister, type PolicyVersionRow, type PolicyWithReview } from "./policies.server";
import { trainingCompletions, trainingCourses, trainingRequirements, type RequirementRow } from "./training.server";

export interface ConductSummary {
  asOf: string;
  /** `required` = people active on the date, frontline and contractor staff included. */
  codeOfConduct: { version: string | null; required: number; acknowledged: number; overdue: number; pct: number | null };
  policies: { inForce: number; dueForReview: number; overdue: number; missing: string[] };
  /** Active people the meeting is expected of, and of those the ones overdue. */
  supervision: { expected: number; overdue: number };
  appraisal: { expected: number; overdue: number };
  /** Compliant (person, course) pairs over required pairs, on the date. */
  training: { required: number; compliant: number; pct: number | null };
}

/** The `conduct` figures of `metrics --json` (docs/cli.md). */
export function conductMetrics(s: ConductSummary) {
  return {
    codeOfConduct: { version: s.codeOfConduct.version, required: s.codeOfConduct.required, acknowledged: s.codeOfConduct.acknowledged, overdue: s.codeOfConduct.overdue, pct: s.codeOfConduct.pct },
    supervisionOverdue: s.supervision.overdue,
    appraisalOverdue: s.appraisal.overdue,
    trainingCompliancePct: s.training.pct,
    policiesDueForReview: s.policies.dueForReview,
  };
}

/** What the summary reads besides the people: the conduct tables, as they were when it was computed. */
interface ConductInputs {
  register: PolicyWithReview[];
  code: PolicyVersionRow | null;
  acknowledged: Map<number, string>;
  ackDays: number;
  intervals: MeetingIntervals;
  held: Map<number, Partial<Record<MeetingKind, string[]>>>;
  courses: TrainingCourse[];
  requirements: RequirementRow[];
  completions: TrainingCompletion[];
}

async function loadInputs(scope: OrganisationReader, asOf: string): Promise<ConductInputs> {
  const [register, ackDays, intervals, held, courses, requirements, completions] = await Promise.all([
    policyRegister(scope, asOf),
    ackDaysOf(scope),
    meetingIntervals(scope),
    meetingsHeld(scope),
    trainingCourses(scope),
    trainingRequirements(scope),
    trainingCompletions(scope),
  ]);
  const code = currentVersions(register.filter((v) => v.kind === "code_of_conduct"), asOf).get("code_of_conduct") ?? null;
  const acknowledged = new Map<number, string>();
  if (code) {
    const rows = await scope.selectFrom("conduct_acknowledgements").select(["staff_id", "acknowledged_on"]).where("policy_version_id", "=", code.id).execute();
    for (const r of rows) acknowledged.set(r.staff_id, r.acknowledged_on);
  }
  return { register, code, acknowledged, ackDays, intervals, held, courses, requirements, completions };
}

/** The counts the summary adds up over people (each person counts on their own, so a few can be taken out and put back). */
interface Counts {
  ack: { required: number; acknowledged: number; overdue: number };
  supervision: { expected: number; overdue: number };
  appraisal: { expected: number; overdue: number };
  training: { required: number; compliant: number };
}

/** The conduct rules' counts over these people (app/conduct/ derives every state). */
function countsOf(people: readonly ConductPerson[], inputs: ConductInputs, asOf: string): Counts {
  const ack = acknowledgementSummary(people, inputs.code, inputs.acknowledged, inputs.ackDays, asOf);
  const meetings = meetingCounts(people, inputs.intervals, inputs.held, asOf);
  const training = trainingMatrix(people, inputs.courses, inputs.requirements, inputs.completions, asOf);
  return {
    ack: { required: ack.required, acknowledged: ack.acknowledged, overdue: ack.overdue },
    supervision: { expected: meetings.expected.supervision, overdue: meetings.overdue.supervision },
    appraisal: { expected: meetings.expected.appraisal, overdue: meetings.overdue.appraisal },
    training: { required: training.required, compliant: training.compliant },
  };
}

/** total − out + in, field by field. */
function adjusted(total: Counts, out: Counts, back: Counts): Counts {
  const f = <K extends keyof Counts>(k: K) => {
    const o = {} as Record<string, number>;
    for (const key of Object.keys(total[k])) o[key] = (total[k] as Record<string, number>)[key] - (out[k] as Record<string, number>)[key] + (back[k] as Record<string, number>)[key];
    return o as Counts[K];
  };
  return { ack: f("ack"), supervision: f("supervision"), appraisal: f("appraisal"), training: f("training") };
}

function summaryOf(counts: Counts, inputs: ConductInputs, asOf: string): ConductSummary {
  const current = inputs.register.filter((p) => p.current);
  return {
    asOf,
    codeOfConduct: inputs.code
      ? { version: inputs.code.version, required: counts.ack.required, acknowledged: counts.ack.acknowledged, overdue: counts.ack.overdue, pct: pct(counts.ack.acknowledged, counts.ack.required) }
      : { version: null, required: 0, acknowledged: 0, overdue: 0, pct: null },
    policies: {
      inForce: current.length,
      dueForReview: current.filter((p) => p.review.state === "due_soon" || p.review.state === "overdue" || p.review.state === "no_review_date").length,
      overdue: current.filter((p) => p.review.state === "overdue").length,
      missing: missingPolicyKinds(inputs.register, asOf),
    },
    supervision: { ...counts.supervision },
    appraisal: { ...counts.appraisal },
    training: { required: counts.training.required, compliant: counts.training.compliant, pct: pct(counts.training.compliant, counts.training.required) },
  };
}

/** One member of staff as the conduct rules see them, from the evaluation's rows and scope index (no second read). */
function conductPersonOf(s: StaffDetails, ctx: ComplianceContext, normalised: Map<string, string>): ConductPerson {
  let key = normalised.get(s.jobTitle);
  if (key === undefined) normalised.set(s.jobTitle, (key = normaliseJobTitle(s.jobTitle)));
  return {
    staffId: s.id,
    employeeRef: s.employeeRef,
    name: displayName(s),
    jobTitle: s.jobTitle,
    jobTitleNormalised: key,
    department: s.department,
    employer: s.employer,
    category: scopeOf(s, ctx.scope).category,
    startDate: s.startDate,
    endDate: s.endDate,
  };
}

interface Kept {
  revision: number;
  /** The evaluation entry the people came from (compliance.server.ts serial). */
  serial: number;
  summary: ConductSummary;
  counts: Counts;
  inputs: ConductInputs;
}

/**
 * The people as the conduct rules see them, once per organisation (shared by every as-of date), at one evaluation
 * entry; `last` keeps the people the last patch replaced, as they were, so each date can count them out.
 */
interface People {
  serial: number;
  people: Map<number, ConductPerson>;
  last: { from: number; before: Map<number, ConductPerson | undefined> } | null;
}

/**
 * Kept per connection, organisation and as-of date at the organisation's revision (every conduct write is a
 * `scope.write`, which bumps it). The people come from the organisation's evaluation (the rows the rules already
 * hold, with their scope), so the summary never reads the staff list itself. After writes that changed only people
 * (staff, decisions, overrides, records…), the counts are patched: the people the write may have changed (the
 * evaluation's `changes`) are counted out as they were and back in as they are now (decision 0058). Any write to
 * another table ("other" in organisation_changes: conduct, settings of conduct…) or a gap means counting again.
 */
const kept = new WeakMap<object, Map<string, Kept>>();
const peopleKept = new WeakMap<object, Map<number, People>>();
const KEPT_PER_CONNECTION = 1000;

function peopleOf(db: object, organisationId: number, entry: CachedOrganisation): People {
  let byOrganisation = peopleKept.get(db);
  if (!byOrganisation) peopleKept.set(db, (byOrganisation = new Map()));
  const held = byOrganisation.get(organisationId);
  if (held && held.serial === entry.serial) return held;
  const normalised = new Map<string, string>();
  if (held && entry.changes && entry.changes.from === held.serial && entry.changes.affected) {
    const before = new Map<number, ConductPerson | undefined>();
    for (const id of entry.changes.affected) {
      before.set(id, held.people.get(id));
      const s = entry.data.staffById.get(id);
      if (s) held.people.set(id, conductPersonOf(s, entry.ctx, normalised));
      else held.people.delete(id);
    }
    held.last = { from: held.serial, before };
    held.serial = entry.serial;
    return held;
  }
  const people = new Map<number, ConductPerson>();
  for (const s of entry.data.staff) people.set(s.id, conductPersonOf(s, entry.ctx, normalised));
  const fresh: People = { serial: entry.serial, people, last: null };
  byOrganisation.set(organisationId, fresh);
  return fresh;
}

export async function conductSummary(scope: OrganisationReader, asOf: string): Promise<ConductSummary> {
  const db = scope.databaseKey;
  const row = await scope.selectOrganisation().select("revision").executeTakeFirst();
  const revision = Number(row?.revision ?? -1);
  let byKey = kept.get(db);
  if (!byKey) kept.set(db, (byKey = new Map()));
  const key = `${scope.organisationId}:${asOf}`;
  const hit = byKey.get(key);
  if (hit && hit.revision === revision) return hit.summary;
  const entry = await organisationContext(scope);
  const parts = hit && hit.serial !== entry.serial ? await partsChangedSince(scope, hit.revision, entry.revision) : null;
  const people = peopleOf(db, scope.organisationId, entry);
  let next: Kept;
  if (hit && hit.serial === entry.serial) next = { ...hit, revision: entry.revision };
  else if (hit && parts && !parts.has("other") && people.serial === entry.serial && people.last?.from === hit.serial) {
    const before: ConductPerson[] = [];
    const after: ConductPerson[] = [];
    for (const [id, was] of people.last.before) {
      if (was) before.push(was);
      const now = people.people.get(id);
      if (now) after.push(now);
    }
    const counts = adjusted(hit.counts, countsOf(before, hit.inputs, asOf), countsOf(after, hit.inputs, asOf));
    next = { revision: entry.revision, serial: entry.serial, summary: summaryOf(counts, hit.inputs, asOf), counts, inputs: hit.inputs };
  } else {
    const inputs = await loadInputs(scope, asOf);
    const counts = countsOf([...people.people.values()], inputs, asOf);
    next = { revision: entry.revision, serial: entry.serial, summary: summaryOf(counts, inputs, asOf), counts, inputs };
  }
  byKey.delete(key);
  if (byKey.size >= KEPT_PER_CONNECTION) byKey.delete(byKey.keys().next().value as string);
  byKey.set(key, next);
  return next.summary;
}
