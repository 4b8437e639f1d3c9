/** Runs the pure rules over one organisation's data. Pages, CLI, snapshots and reports all come through here. */
import { buildComplianceContext, patchComplianceContext, type ComplianceContext } from "../compliance/context";
import { copyTally, countPerson, measuresFromTally, tallyCompliance, type ComplianceTally, type OrganisationMeasures } from "../compliance/measures";
import { milestoneChecks, type MilestoneCheck } from "../compliance/milestones";
import { buildStaffTimelines, copyCounts, countTimelines, countsAtDates, forecastDates, monthlyTrendDates, patchStaffTimelines, pointsAt, recountSlots, type DateCounts, type StatusTimelines, type TrendPoint } from "../compliance/trend";
import { evaluateAll, evaluatePerson } from "../compliance/status";
import { affectedPeople } from "../compliance/affected-people";
import type { PersonCompliance } from "../compliance/types";
import { addMonths, isIsoDate } from "../compliance/dates";
import type { OrganisationReader } from "./organisation-scope.server";
import { loadOrganisationData, reloadOrganisationData, type ChangedPart, type OrganisationData, type OrganisationDataPart, type StaffDetails } from "./organisation-data.server";

export interface EvaluatedOrganisation {
  data: OrganisationData;
  ctx: ComplianceContext;
  measures: OrganisationMeasures;
}

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The as-of date from a `?asOf=` parameter: a real ISO date, else today. */
export function asOfFrom(value: string | null | undefined, now = new Date()): string {
  return value && isIsoDate(value) ? value : todayIso(now);
}

/**
 * The organisation's revision: `scope.write` bumps it in the same transaction as the write, so every process that
 * reads it knows whether its copy of that one organisation is stale (docs/decisions/0030-revision-keyed-cache.md).
 */
async function organisationRevision(reader: OrganisationReader): Promise<number> {
  const row = await reader.selectOrganisation().select("revision").executeTakeFirst();
  return Number(row?.revision ?? -1);
}

export interface CachedOrganisation {
  revision: number;
  /** The weight this entry counts against the cache's budget: the people it holds. */
  people: number;
  data: OrganisationData;
  ctx: ComplianceContext;
  byAsOf: Map<string, OrganisationMeasures>;
  /**
   * People evaluated on a date, in staff order, carried over from the copy before a write: a hole (undefined)
   * for each person the write may have changed. Filled and summarised when that date is next asked for.
   */
  pending: Map<string, { people: Array<PersonCompliance | undefined>; tally: ComplianceTally }>;
  /** The counts behind each date's measures (what a later patch counts people out of and back into). */
  tallies: Map<string, ComplianceTally>;
  /** One slot per member of staff (app/compliance/trend.ts): the actual curve and past milestones. */
  timelines: StatusTimelines | null;
  /** The forecast's timelines by as-of date (they assume open records complete after that date). */
  forecasts: Map<string, StatusTimelines>;
  /** By as-of date, the counts over `timelines` behind the actual curve and past milestones (a patch recounts only
   * the changed slots). */
  actualCounts: Map<string, DateCounts>;
  /** By as-of date, the counts over that date's forecast timelines behind the forecast curve. */
  forecastCounts: Map<string, DateCounts>;
  pictures: Map<string, OrganisationPicture>;
  /**
   * From which entry (its serial) this one was patched and the staff ids that may differ from that copy (null: anyone);
   * null after a full load. What the conduct summary patches its counts from.
   */
  changes: { from: number; affected: ReadonlySet<number> | null } | null;
  /** This entry's serial number in this process (each load or patch makes a new one). */
  serial: number;
}

/**
 * How many people the cache may hold across all organisations before it lets the least recently used go: enough
 * for a consultant's 200 organisations of 1,000 people beside a 100,000-person landlord. EVALUATION_CACHE_PEOPLE
 * overrides it (memory per person held is a few kilobytes).
 */
export const DEFAULT_CACHE_PEOPLE = 320_000;
const MAX_CACHED_DATES = 12;
/**
 * Person-evaluations one organisation keeps across its as-of dates: each date held is one result per person (about
 * 50 MB at 100,000 people), outside the people budget above. A 100,000-person organisation keeps four dates (the
 * dashboard's and three more), a 1,000-person one MAX_CACHED_DATES; never fewer than two (decision 0070).
 */
const EVALUATIONS_PER_ORGANISATION = 400_000;

/** How many as-of dates an organisation of `people` keeps evaluated (measures, pictures, dates carried over a write). */
export function datesKept(people: number): number {
  return Math.max(2, Math.min(MAX_CACHED_DATES, Math.floor(EVALUATIONS_PER_ORGANISATION / Math.max(1, people))));
}
/** Forecast timelines kept per organisation (each is five numbers per person): the dates the dashboard is seen at. */
const MAX_CACHED_FORECASTS = 3;

function budgetPeople(): number {
  const configured = Number(process.env.EVALUATION_CACHE_PEOPLE);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_CACHE_PEOPLE;
}

const cache = new Map<string, CachedOrganisation>();
/** Loads under way, by key and revision, so concurrent requests after a write share one load. */
const loading = new Map<string, Promise<CachedOrganisation>>();
const dbIds = new WeakMap<object, number>();
let nextDbId = 1;
let heldPeople = 0;
let nextSerial = 1;
const counters = { hits: 0, misses: 0, evictions: 0, partialReloads: 0, fullLoads: 0, peopleEvaluated: 0 };

export interface EvaluationCacheStats {
  hits: number;
  misses: number;
  evictions: number;
  /** Misses served from the copy already held: only the parts the writes since changed were read again. */
  partialReloads: number;
  /** Misses that read every row (nothing held, or organisation_changes did not cover the gap). */
  fullLoads: number;
  /** People whose status the rules derived (everyone on a new date or a full reload; after a write, only those
   * the write may have changed). */
  peopleEvaluated: number;
  organisations: number;
  people: number;
  budgetPeople: number;
}

/** Counters since the process started (tests compare before and after). */
export function evaluationCacheStats(): EvaluationCacheStats {
  return { ...counters, organisations: cache.size, people: heldPeople, budgetPeople: budgetPeople() };
}

/** Whether this process holds an evaluation of the organisation at its current revision (without loading one). */
export async function isEvaluationCached(reader: OrganisationReader): Promise<boolean> {
  const hit = cache.get(cacheKey(reader));
  return hit !== undefined && hit.revision === (await organisationRevision(reader));
}

/** One database (a test may open several in one process) and one organisation. */
function cacheKey(reader: OrganisationReader): string {
  const db = reader.databaseKey;
  if (!dbIds.has(db)) dbIds.set(db, nextDbId++);
  return `${dbIds.get(db)}:${reader.organisationId}`;
}

function forget(key: string): void {
  const previous = cache.get(key);
  if (!previous) return;
  heldPeople -= previous.people;
  cache.delete(key);
}

function remember(key: string, entry: CachedOrganisation): void {
  const previous = cache.get(key);
  if (previous) {
    heldPeople -= previous.people;
    cache.delete(key);
  }
  cache.set(key, entry);
  heldPeople += entry.people;
  const budget = budgetPeople();
  // Least recently used first; the entry just stored always stays.
  for (const [k, e] of cache) {
    if (heldPeople <= budget || k === key) break;
    cache.delete(k);
    heldPeople -= e.people;
    counters.evictions++;
  }
}

/** Loads (or reuses, when the organisation's revision has not moved) an organisation's data and its rules context. */
export async function organisationContext(reader: OrganisationReader): Promise<CachedOrganisation> {
  const key = cacheKey(reader);
  // Read before loading: rows that change during the load are then stored under the older revision, and the next
  // request reloads them; never the other way round.
  const revision = await organisationRevision(reader);
  const hit = cache.get(key);
  if (hit && hit.revision === revision) {
    counters.hits++;
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  counters.misses++;
  const loadKey = `${key}@${revision}`;
  let pending = loading.get(loadKey);
  if (!pending) {
    pending = (async () => {
      const changed = hit ? await partsChangedSince(reader, hit.revision, revision) : null;
      const stale = changed && (new Set([...changed].filter((p) => p !== "other")) as Set<OrganisationDataPart>);
      let entry: CachedOrganisation;
      if (hit && stale && stale.size === 0) {
        // Nothing the rules read changed (conduct, audits, imports staged…): the same evaluation, a newer revision.
        counters.partialReloads++;
        entry = { ...hit, revision, data: { ...hit.data, organisation: { ...hit.data.organisation, revision } }, changes: { from: hit.serial, affected: new Set() }, serial: nextSerial++ };
      } else if (hit && stale) {
        counters.partialReloads++;
        const data = await reloadOrganisationData(reader, hit.data, stale);
        if (!stale.has("settings")) data.organisation = { ...data.organisation, revision };
        entry = patchedEntry(hit, revision, data);
      } else {
        // A full reload: let the stale copy go first, so a worker never holds two copies of every row (requests
        // still using it keep it alive until they finish).
        counters.fullLoads++;
        if (hit) forget(key);
        const data = await loadOrganisationData(reader);
        entry = newEntry(revision, data, buildComplianceContext(data));
      }
      const current = cache.get(key);
      if (!current || current.revision <= revision) remember(key, entry);
      return entry;
    })().finally(() => loading.delete(loadKey));
    loading.set(loadKey, pending);
  }
  return pending;
}

function newEntry(revision: number, data: OrganisationData, ctx: ComplianceContext): CachedOrganisation {
  return { revision, people: Math.max(1, data.staff.length), data, ctx, byAsOf: new Map(), pending: new Map(), tallies: new Map(), timelines: null, forecasts: new Map(), actualCounts: new Map(), forecastCounts: new Map(), pictures: new Map(), changes: null, serial: nextSerial++ };
}

/**
 * The entry after a write from the one held before it (decision 0058): the people the write may have changed
 * (`affectedPeople`, from the rules' inputs before and after) get holes in each date's evaluated people and fresh
 * timeline slots; everyone else keeps what the rules derived for them. When something everyone shares changed
 * (settings, catalogue, register), nothing is carried over.
 */
function patchedEntry(previous: CachedOrganisation, revision: number, data: OrganisationData): CachedOrganisation {
  const affected = affectedPeople(previous.data, data);
  // What the write left as it was (records grouped by person, the catalogue, the scope index…) is shared by reference.
  const ctx = affected === null ? buildComplianceContext(data) : patchComplianceContext(previous.ctx, previous.data, data);
  const entry = newEntry(revision, data, ctx);
  entry.changes = { from: previous.serial, affected };
  if (affected === null) return entry;
  const staff = data.staff;
  const n = staff.length;
  const previousStaff = previous.data.staff;
  // Where each person was in the previous staff order (null: the same order, the staff part not reloaded); the
  // slots evaluated again (`redo`, in the new order: the affected and the new) and the previous slots whose
  // results no longer count (`drop`: those evaluated again, and those gone).
  let fromPrevious: Int32Array | null = null;
  let redo: Int32Array;
  let drop: Int32Array;
  if (staff === previousStaff) {
    const at = positionsOf(staff);
    const slots: number[] = [];
    for (const id of affected) {
      const i = at.get(id);
      if (i !== undefined) slots.push(i);
    }
    redo = Int32Array.from(slots).sort();
    drop = redo;
  } else {
    const at = positionsOf(previousStaff);
    fromPrevious = new Int32Array(n);
    const kept = new Uint8Array(previousStaff.length);
    const slots: number[] = [];
    for (let i = 0; i < n; i++) {
      const j = at.get(staff[i].id) ?? -1;
      fromPrevious[i] = j;
      if (j < 0 || affected.has(staff[i].id)) slots.push(i);
      else kept[j] = 1;
    }
    redo = Int32Array.from(slots);
    const gone: number[] = [];
    for (let j = 0; j < previousStaff.length; j++) if (kept[j] === 0) gone.push(j);
    drop = Int32Array.from(gone);
  }

  const carried: Array<[string, ReadonlyArray<PersonCompliance | undefined>, ComplianceTally]> = [];
  for (const [asOf, m] of previous.byAsOf) {
    const tally = previous.tallies.get(asOf);
    if (tally) carried.push([asOf, m.people, tally]);
  }
  for (const [asOf, p] of previous.pending) carried.push([asOf, p.people, p.tally]);
  for (const [asOf, people, previousTally] of carried.slice(-datesKept(entry.people))) {
    if (entry.pending.has(asOf)) continue;
    const tally = copyTally(previousTally);
    for (let k = 0; k < drop.length; k++) {
      const person = people[drop[k]];
      if (person !== undefined) countPerson(tally, person, previousStaff[drop[k]], -1);
    }
    let next: Array<PersonCompliance | undefined>;
    if (fromPrevious === null) next = people.slice();
    else {
      next = new Array<PersonCompliance | undefined>(n);
      for (let i = 0; i < n; i++) next[i] = fromPrevious[i] < 0 ? undefined : people[fromPrevious[i]];
    }
    for (let k = 0; k < redo.length; k++) next[redo[k]] = undefined;
    entry.pending.set(asOf, { people: next, tally });
  }
  // The timelines: the changed slots built again; the curves' counts: those slots counted out as they were and in
  // as they are now.
  const recounted = (counts: DateCounts, before: StatusTimelines, after: StatusTimelines) => {
    const next = copyCounts(counts);
    recountSlots(next, before, drop, -1);
    recountSlots(next, after, redo, 1);
    return next;
  };
  if (previous.timelines) {
    const timelines = patchStaffTimelines(previous.timelines, fromPrevious, redo, ctx, staff);
    entry.timelines = timelines;
    for (const [asOf, counts] of previous.actualCounts) entry.actualCounts.set(asOf, recounted(counts, previous.timelines, timelines));
  }
  for (const [asOf, t] of previous.forecasts) {
    const timelines = patchStaffTimelines(t, fromPrevious, redo, ctx, staff, { forecastFrom: asOf });
    entry.forecasts.set(asOf, timelines);
    const counts = previous.forecastCounts.get(asOf);
    if (counts) entry.forecastCounts.set(asOf, recounted(counts, t, timelines));
  }
  return entry;
}

/**
 * A person's evaluation by staff id: `people` evaluated from `staff` (in its order, as every evaluation here is), found
 * by position without a pass over everyone.
 */
export function evaluatedById(staff: readonly StaffDetails[], people: readonly PersonCompliance[]): (staffId: number) => PersonCompliance | undefined {
  const at = positionsOf(staff);
  let byId: Map<number, PersonCompliance> | null = null;
  return (staffId) => {
    const i = at.get(staffId);
    const p = i === undefined ? undefined : people[i];
    if (p === undefined || p.staffId === staffId) return p;
    byId ??= new Map(people.map((q) => [q.staffId, q]));
    return byId.get(staffId);
  };
}

const positions = new WeakMap<readonly StaffDetails[], Map<number, number>>();

/** Each member of staff's position in `staff` by id (kept per staff list). */
function positionsOf(staff: readonly StaffDetails[]): Map<number, number> {
  let at = positions.get(staff);
  if (!at) {
    at = new Map();
    for (let i = 0; i < staff.length; i++) at.set(staff[i].id, i);
    positions.set(staff, at);
  }
  return at;
}

/**
 * The parts of the evaluated data changed by the writes after revision `from` up to `to` (organisation_changes,
 * one row per revision, decision 0056), or null when the log does not cover every revision in between (pruned, or
 * a revision moved by something other than `scope.write`): the caller then loads in full.
 */
export async function partsChangedSince(reader: OrganisationReader, from: number, to: number): Promise<Set<ChangedPart> | null> {
  if (to === from) return new Set();
  // Revisions only go up (a restore moves them past what any process held); a lower one is never "no change".
  if (to < from) return null;
  const rows = await reader
    .selectFrom("organisation_changes")
    .select(["revision", "parts"])
    .where("revision", ">", from)
    .where("revision", "<=", to)
    .execute();
  if (rows.length !== to - from) return null;
  const parts = new Set<ChangedPart>();
  for (const r of rows) for (const p of r.parts.split(",")) if (p) parts.add(p as ChangedPart);
  return parts;
}

/** The cached evaluation at `asOf`, only when this process already holds the organisation at its current revision
 * (never loads): what a write's "before" figures are read from without a second evaluation. */
export async function cachedEvaluation(reader: OrganisationReader, asOf: string): Promise<EvaluatedOrganisation | null> {
  const hit = cache.get(cacheKey(reader));
  if (!hit || hit.revision !== (await organisationRevision(reader))) return null;
  return measuresAt(hit, asOf);
}

/** The organisation's evaluation at `asOf`, read through its scope (or a reader of it): from this process's cache when
 * it holds the organisation at its current revision, otherwise loaded or patched first. */
export async function evaluateOrganisation(reader: OrganisationReader, asOf: string): Promise<EvaluatedOrganisation> {
  return measuresAt(await organisationContext(reader), asOf);
}

function measuresAt(entry: CachedOrganisation, asOf: string): EvaluatedOrganisation {
  let measures = entry.byAsOf.get(asOf);
  if (measures) {
    // Least recently asked goes first: the date most pages ask for (today) stays while someone looks at others.
    keepRecent(entry.byAsOf, asOf, measures, Infinity);
  } else {
    const { ctx, data } = entry;
    const staff = data.staff;
    const pending = entry.pending.get(asOf);
    entry.pending.delete(asOf);
    let tally: ComplianceTally;
    let people: PersonCompliance[];
    let evaluated = 0;
    if (pending) {
      // Only the holes: evaluate those people and count them back in.
      ({ tally } = pending);
      people = pending.people as PersonCompliance[];
      for (let i = 0; i < staff.length; i++) {
        if (people[i] !== undefined) continue;
        people[i] = evaluatePerson(staff[i], ctx, asOf);
        countPerson(tally, people[i], staff[i], 1);
        evaluated++;
      }
    } else {
      people = evaluateAll(staff, ctx, asOf);
      evaluated = staff.length;
      tally = tallyCompliance(people, staff);
    }
    counters.peopleEvaluated += evaluated;
    measures = measuresFromTally(tally, people, staff, asOf);
    entry.byAsOf.set(asOf, measures);
    entry.tallies.set(asOf, tally);
    // Dates carried over a write and not asked for since count too, and go first.
    const kept = datesKept(entry.people);
    while (entry.byAsOf.size + entry.pending.size > kept) {
      const oldestPending = entry.pending.keys().next().value as string | undefined;
      if (oldestPending !== undefined) {
        entry.pending.delete(oldestPending);
        continue;
      }
      const oldest = entry.byAsOf.keys().next().value as string;
      entry.byAsOf.delete(oldest);
      entry.tallies.delete(oldest);
      // A picture holds its date's measures (everyone's results): it goes with them.
      entry.pictures.delete(oldest);
    }
  }
  return { data: entry.data, ctx: entry.ctx, measures };
}

export interface OrganisationPicture extends EvaluatedOrganisation {
  milestones: MilestoneCheck[];
  /** Month ends over the 36 months to the as-of date. */
  actual: TrendPoint[];
  /** From the as-of date to the last milestone, current learners qualifying at their expected completion. */
  forecast: TrendPoint[];
}

export const TREND_MONTHS = 36;

/** Keeps `value` under `key` as the most recently used, the least recently used going past `limit`. */
function keepRecent<T>(map: Map<string, T>, key: string, value: T, limit: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > limit) map.delete(map.keys().next().value as string);
}

/** Measures, milestones, the 36-month actual curve and the forecast at one date (cached like the measures). */
export async function organisationPicture(reader: OrganisationReader, asOf: string): Promise<OrganisationPicture> {
  const entry = await organisationContext(reader);
  const evaluated = measuresAt(entry, asOf);
  const cached = entry.pictures.get(asOf);
  if (cached && cached.measures === evaluated.measures) {
    keepRecent(entry.pictures, asOf, cached, Infinity);
    return cached;
  }
  const { ctx, data, measures } = evaluated;
  const timelines = (entry.timelines ??= buildStaffTimelines(ctx, data.staff));
  let forecastTimelines = entry.forecasts.get(asOf);
  if (!forecastTimelines) {
    forecastTimelines = buildStaffTimelines(ctx, data.staff, { forecastFrom: asOf });
    keepRecent(entry.forecasts, asOf, forecastTimelines, MAX_CACHED_FORECASTS);
  }
  const actualDates = monthlyTrendDates(addMonths(asOf, -TREND_MONTHS), asOf);
  const futureDates = forecastDates(ctx, asOf);
  // One count over everyone for the curve and the milestones already passed (kept, and recounted slot by slot
  // after a write).
  let actualCounts = entry.actualCounts.get(asOf);
  if (!actualCounts) {
    actualCounts = countTimelines(timelines, [...actualDates, ...ctx.milestones.filter((m) => m.date < asOf).map((m) => m.date)]);
    keepRecent(entry.actualCounts, asOf, actualCounts, MAX_CACHED_DATES);
  }
  let forecastCounts = entry.forecastCounts.get(asOf);
  if (!forecastCounts) {
    forecastCounts = countTimelines(forecastTimelines, futureDates);
    keepRecent(entry.forecastCounts, asOf, forecastCounts, MAX_CACHED_DATES);
  }
  const counted = actualCounts;
  const byDate = new Map(pointsAt(counted, counted.dates).map((p) => [p.date, p] as const));
  const picture: OrganisationPicture = {
    ...evaluated,
    milestones: milestoneChecks(measures, ctx.settings, asOf, (date) => byDate.get(date) ?? countsAtDates(timelines, [date])[0]),
    actual: actualDates.map((d) => byDate.get(d)!),
    forecast: pointsAt(forecastCounts, futureDates),
  };
  keepRecent(entry.pictures, asOf, picture, datesKept(entry.people));
  return picture;
}
