/**
 * The people list and the status export: filter, search, sort and paginate the evaluated people of one
 * organisation. Works on `evaluateOrganisation`'s cached PersonCompliance array (never re-derives a status),
 * so a page of 50 out of 100,000 people costs one pass over the array (and one cached sort per order).
 */
import {
  COMPLIANCE_STATUSES,
  RAGS,
  type Category,
  type ComplianceStatus,
  type IsoDate,
  type PersonCompliance,
  type Rag,
} from "../compliance/types";
import { CATEGORY_LABELS } from "../compliance/status";
import { STATUTORY_POSITIONS, type StatutoryPosition } from "../compliance/statutory";
import { RAG_LABELS, STATUS_LABELS } from "../components/labels";
import { RECORD_STATUS_LABELS } from "./record-status-labels";
import { departmentKey, employerKey, isInScope, providerKey } from "../compliance/measures";
import { isIsoDate } from "../compliance/dates";
import type { EvaluatedOrganisation } from "./compliance.server";
import type { StaffDetails } from "./organisation-data.server";
import { displayName } from "../utils/person-name";
import { mostUrgent } from "../compliance/needs-action";
import type { OrganisationMeasures } from "../compliance/measures";

export const PAGE_SIZE = 50;

export const PEOPLE_SORTS = ["name", "ref", "title", "statutory", "status", "rag", "enrol_by", "qualify_by", "next"] as const;
export type PeopleSort = (typeof PEOPLE_SORTS)[number];
export type SortDirection = "asc" | "desc";

export type CategoryKey = Category | "unmapped";
export const CATEGORY_KEYS = Object.keys(CATEGORY_LABELS) as CategoryKey[];

/** The filters of the people list and the status export (the same keys the dashboard links use). */
export interface PeopleFilter {
  /** Search in name, employee reference and job title (case-insensitive, every word must match). */
  q?: string | null;
  status?: ComplianceStatus | null;
  /** The legal test: compliant, not yet due, in breach. */
  statutory?: StatutoryPosition | null;
  rag?: Rag | null;
  category?: CategoryKey | null;
  /** Breakdown keys of `measures.breakdowns`: "No department", "Direct", "Not enrolled"… */
  department?: string | null;
  employer?: string | null;
  provider?: string | null;
  /** Only people who must hold a qualification and are active (qualified, working towards, not enrolled). */
  inScope?: boolean;
  sort?: PeopleSort | null;
  dir?: SortDirection | null;
}

export interface PeopleQuery {
  asOf: IsoDate | null;
  filter: PeopleFilter;
  sort: PeopleSort;
  dir: SortDirection;
  page: number;
}

function clean(value: string | null): string | null {
  const v = value?.trim();
  return v ? v : null;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value != null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

/** Reads the list's query string; unknown values are ignored (treated as "any"). */
export function parsePeopleQuery(params: URLSearchParams): PeopleQuery {
  const sort = oneOf(params.get("sort"), PEOPLE_SORTS) ?? "name";
  const dir = oneOf(params.get("dir"), ["asc", "desc"] as const) ?? "asc";
  const page = Math.max(1, Math.floor(Number(params.get("page")) || 1));
  const asOf = params.get("asOf");
  return {
    asOf: asOf && isIsoDate(asOf) ? asOf : null,
    filter: {
      q: clean(params.get("q")),
      status: oneOf(params.get("status"), COMPLIANCE_STATUSES),
      statutory: oneOf(params.get("statutory"), STATUTORY_POSITIONS),
      rag: oneOf(params.get("rag"), RAGS),
      category: oneOf(params.get("category"), CATEGORY_KEYS),
      department: clean(params.get("department")),
      employer: clean(params.get("employer")),
      provider: clean(params.get("provider")),
      inScope: params.get("inScope") === "1",
      sort,
      dir,
    },
    sort,
    dir,
    page,
  };
}

// ---------------------------------------------------------------------------------------------
// Keys, the same as the breakdowns in app/compliance/measures.ts

export { departmentKey, employerKey, providerKey };

// ---------------------------------------------------------------------------------------------
// Indexes. What depends only on the staff rows (name order, search text, department and employer keys) is kept per
// staff list, so it survives a write that did not reload the staff (a scope decision, a record); what depends on
// the evaluated people is kept per evaluation (the measures object, replaced at each revision and as-of date), with
// the people matching each recent filter and sort, so a repeated list or page costs only its rows.

/** Kept per staff list (the same array object while the organisation's staff part is not reloaded). */
interface StaffIndex {
  search: string[] | null;
  departments: string[] | null;
  employers: string[] | null;
  /** Position of each person in name order (unique), and the person at each position. */
  nameRank: Int32Array | null;
  byNameRank: Int32Array | null;
}

interface Index {
  people: PersonCompliance[];
  /** staff[i] belongs to people[i]. */
  staff: readonly (StaffDetails | undefined)[];
  shared: StaffIndex;
  /** Built when first needed. */
  codes: Codes | null;
  providers: string[] | null;
  sorted: Map<string, Int32Array>;
  /** The people matching a filter in a sort's order, by filter and sort (the most recent few). */
  matched: Map<string, Matched>;
  options: PeopleOptions | null;
}

/** Each person's status, legal test, RAG and category as small numbers (a filter then reads no person object). */
interface Codes {
  status: Uint8Array;
  statutory: Uint8Array;
  rag: Uint8Array;
  category: Uint8Array;
}

interface Matched {
  /** Indices into people, in order. */
  hits: Int32Array;
  counts: PeoplePage["counts"];
}

export interface PeopleOptions {
  departments: string[];
  employers: string[];
  providers: string[];
}

const indexes = new WeakMap<object, Index>();
const staffIndexes = new WeakMap<object, StaffIndex>();
/** Filter results kept per evaluation. */
const MATCHED_KEPT = 24;

function staffIndexOf(staff: readonly (StaffDetails | undefined)[]): StaffIndex {
  let shared = staffIndexes.get(staff);
  if (!shared) {
    shared = { search: null, departments: null, employers: null, nameRank: null, byNameRank: null };
    staffIndexes.set(staff, shared);
  }
  return shared;
}

function indexOf(evaluated: EvaluatedOrganisation): Index {
  const key = evaluated.measures;
  let index = indexes.get(key);
  if (index) return index;
  const people = evaluated.measures.people;
  const staffList = evaluated.data.staff;
  // People are evaluated in staff order: then the staff list itself is the index's staff (and its shared parts).
  let aligned = staffList.length === people.length;
  for (let i = 0; aligned && i < people.length; i++) if (staffList[i].id !== people[i].staffId) aligned = false;
  let staff: readonly (StaffDetails | undefined)[] = staffList;
  if (!aligned) {
    const byId = new Map(staffList.map((s) => [s.id, s]));
    staff = people.map((p) => byId.get(p.staffId));
  }
  index = { people, staff, shared: staffIndexOf(staff), codes: null, providers: null, sorted: new Map(), matched: new Map(), options: null };
  indexes.set(key, index);
  return index;
}

function searchTexts(index: Index): string[] {
  index.shared.search ??= index.staff.map((m, i) => `${m?.firstName ?? ""} ${m?.lastName ?? ""}\u0001${m?.employeeRef ?? index.people[i].employeeRef}\u0001${m?.jobTitle ?? ""}`.toLowerCase());
  return index.shared.search;
}

function departmentKeys(index: Index): string[] {
  index.shared.departments ??= index.staff.map((m) => departmentKey(m));
  return index.shared.departments;
}

function employerKeys(index: Index): string[] {
  index.shared.employers ??= index.staff.map((m) => employerKey(m));
  return index.shared.employers;
}

function providerKeys(index: Index): string[] {
  index.providers ??= index.people.map((p) => providerKey(p));
  return index.providers;
}

const STATUS_CODE = new Map<string, number>(COMPLIANCE_STATUSES.map((s, k) => [s, k + 1]));
const STATUTORY_CODE = new Map<string, number>(STATUTORY_POSITIONS.map((s, k) => [s, k + 1]));
const RAG_CODE = new Map<string, number>(RAGS.map((r, k) => [r, k + 1]));
const CATEGORY_CODE = new Map<string, number>(CATEGORY_KEYS.map((c, k) => [c, k + 1]));
const IN_SCOPE_CODES = new Set(COMPLIANCE_STATUSES.filter(isInScope).map((s) => STATUS_CODE.get(s)!));

function codesOf(index: Index): Codes {
  if (!index.codes) {
    const { people } = index;
    const n = people.length;
    const codes: Codes = { status: new Uint8Array(n), statutory: new Uint8Array(n), rag: new Uint8Array(n), category: new Uint8Array(n) };
    const status = Object.fromEntries(STATUS_CODE) as Record<string, number>;
    const statutory = Object.fromEntries(STATUTORY_CODE) as Record<string, number>;
    const rag = Object.fromEntries(RAG_CODE) as Record<string, number>;
    const category = Object.fromEntries(CATEGORY_CODE) as Record<string, number>;
    for (let i = 0; i < n; i++) {
      const p = people[i];
      codes.status[i] = status[p.status] ?? 0;
      codes.statutory[i] = p.statutory ? (statutory[p.statutory] ?? 0) : 0;
      codes.rag[i] = rag[p.rag] ?? 0;
      codes.category[i] = category[p.category] ?? 0;
    }
    index.codes = codes;
  }
  return index.codes;
}
const STATUS_ORDER: Record<ComplianceStatus, number> = {
  not_enrolled: 0,
  working_towards: 1,
  qualified: 2,
  decision_needed: 3,
  not_required: 4,
  not_started: 5,
  left: 6,
};
const RAG_ORDER: Record<Rag, number> = { red: 0, amber: 1, green: 2, grey: 3 };
/** In breach first; people with no statutory position last. */
const STATUTORY_ORDER: Record<StatutoryPosition, number> = { in_breach: 0, not_yet_due: 1, compliant: 2 };

/** Rank of each value among the distinct values (code-unit order, as `<`); null ranks after everything. */
function ranks(values: ReadonlyArray<string | null>): { rank: Float64Array; size: number } {
  const distinct = [...new Set(values.filter((v): v is string => v != null))].sort();
  const position = new Map(distinct.map((v, k) => [v, k]));
  const rank = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    rank[i] = v == null ? distinct.length : position.get(v)!;
  }
  return { rank, size: distinct.length + 1 };
}

/**
 * Sorts indices by `key[i] * n + tie[i]`, where tie is unique in 0..n-1: one native numeric sort (fast on
 * 100,000 people), and the index comes back from the tie.
 */
function orderBy(key: ArrayLike<number>, tie: Int32Array, personAt: Int32Array | null): Int32Array {
  const n = tie.length;
  const composite = new Float64Array(n);
  for (let i = 0; i < n; i++) composite[i] = key[i] * n + tie[i];
  composite.sort();
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const t = composite[k] % n;
    order[k] = personAt ? personAt[t] : t;
  }
  return order;
}

/** Name order: surname, then first name, then the order the people were loaded in (kept per staff list). */
function nameOrder(index: Index): { nameRank: Int32Array; byNameRank: Int32Array } {
  const shared = index.shared;
  if (!shared.nameRank || !shared.byNameRank) {
    const n = index.staff.length;
    const last = ranks(index.staff.map((s) => (s?.lastName ?? "").trim().toLowerCase()));
    const first = ranks(index.staff.map((s) => (s?.firstName ?? "").trim().toLowerCase()));
    const key = new Float64Array(n);
    for (let i = 0; i < n; i++) key[i] = last.rank[i] * first.size + first.rank[i];
    const identity = new Int32Array(n);
    for (let i = 0; i < n; i++) identity[i] = i;
    const byNameRank = orderBy(key, identity, null);
    const nameRank = new Int32Array(n);
    for (let k = 0; k < n; k++) nameRank[byNameRank[k]] = k;
    shared.nameRank = nameRank;
    shared.byNameRank = byNameRank;
  }
  return { nameRank: shared.nameRank, byNameRank: shared.byNameRank };
}

/**
 * Indices of `people` in the order of `sort` and `dir`; ties by name (always A to Z); a missing date always
 * last. Cached per evaluation.
 */
function sortedOrder(index: Index, sort: PeopleSort, dir: SortDirection): Int32Array {
  const cacheKey = `${sort}:${dir}`;
  const cached = index.sorted.get(cacheKey);
  if (cached) return cached;
  const { people, staff } = index;
  const n = people.length;
  const { nameRank, byNameRank } = nameOrder(index);
  let order: Int32Array;
  if (sort === "name") {
    order = dir === "desc" ? byNameRank.slice().reverse() : byNameRank;
  } else {
    let key: Float64Array;
    let size: number;
    let nullsLast = false;
    if (sort === "ref") {
      ({ rank: key, size } = ranks(people.map((p) => p.employeeRef.toLowerCase())));
    } else if (sort === "title") {
      ({ rank: key, size } = ranks(staff.map((s) => (s?.jobTitle ?? "").trim().replace(/\s+/g, " ").toLowerCase())));
    } else if (sort === "status") {
      key = Float64Array.from(people, (p) => STATUS_ORDER[p.status]);
      size = 7;
    } else if (sort === "statutory") {
      key = Float64Array.from(people, (p) => (p.statutory ? STATUTORY_ORDER[p.statutory] : 3));
      size = 4;
    } else if (sort === "rag") {
      key = Float64Array.from(people, (p) => RAG_ORDER[p.rag]);
      size = 4;
    } else {
      const field = sort === "enrol_by" ? "enrolBy" : sort === "qualify_by" ? "qualifyBy" : "nextDate";
      ({ rank: key, size } = ranks(people.map((p) => p[field])));
      nullsLast = true;
    }
    if (dir === "desc") {
      // Reverse the primary key only (names stay A to Z); a missing date (rank size - 1) stays last.
      const top = nullsLast ? size - 2 : size - 1;
      for (let i = 0; i < n; i++) if (!nullsLast || key[i] !== size - 1) key[i] = top - key[i];
    }
    order = orderBy(key, nameRank, byNameRank);
  }
  index.sorted.set(cacheKey, order);
  return order;
}

/** null when the filter lets everyone through. */
function matcher(index: Index, filter: PeopleFilter): ((i: number) => boolean) | null {
  const words = (filter.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const { department, employer, provider, inScope } = filter;
  // A value no person can have (an unknown status…) is code 255: nobody matches it.
  const code = (codes: Map<string, number>, value: string | null | undefined) => (value ? (codes.get(value) ?? 255) : 0);
  const status = code(STATUS_CODE, filter.status);
  const statutory = code(STATUTORY_CODE, filter.statutory);
  const rag = code(RAG_CODE, filter.rag);
  const category = code(CATEGORY_CODE, filter.category);
  if (!status && !statutory && !rag && !category && !inScope && !department && !employer && !provider && words.length === 0) return null;
  const codes = codesOf(index);
  const search = words.length > 0 ? searchTexts(index) : null;
  const departments = department ? departmentKeys(index) : null;
  const employers = employer ? employerKeys(index) : null;
  const providers = provider ? providerKeys(index) : null;
  return (i) => {
    if (status && codes.status[i] !== status) return false;
    if (statutory && codes.statutory[i] !== statutory) return false;
    if (rag && codes.rag[i] !== rag) return false;
    if (category && codes.category[i] !== category) return false;
    if (inScope && !IN_SCOPE_CODES.has(codes.status[i])) return false;
    if (departments && departments[i] !== department) return false;
    if (employers && employers[i] !== employer) return false;
    if (providers && providers[i] !== provider) return false;
    if (search) {
      const text = search[i];
      for (const w of words) if (!text.includes(w)) return false;
    }
    return true;
  };
}

/** The people matching `filter` in the order of `sort` and `dir`, with their counts (kept per evaluation). */
function matched(index: Index, filter: PeopleFilter, sort: PeopleSort, dir: SortDirection): Matched {
  const key = JSON.stringify([sort, dir, filter.q ?? null, filter.status ?? null, filter.statutory ?? null, filter.rag ?? null, filter.category ?? null, filter.department ?? null, filter.employer ?? null, filter.provider ?? null, Boolean(filter.inScope)]);
  const kept = index.matched.get(key);
  if (kept) {
    index.matched.delete(key);
    index.matched.set(key, kept);
    return kept;
  }
  const order = sortedOrder(index, sort, dir);
  const matches = matcher(index, filter);
  const n = order.length;
  let hits: Int32Array;
  if (matches === null) hits = order;
  else {
    const found = new Int32Array(n);
    let m = 0;
    for (let k = 0; k < n; k++) if (matches(order[k])) found[m++] = order[k];
    hits = found.slice(0, m);
  }
  const codes = codesOf(index);
  const counts = { inScope: 0, qualified: 0, workingTowards: 0, notEnrolled: 0, inBreach: 0 };
  const QUALIFIED = STATUS_CODE.get("qualified");
  const WORKING = STATUS_CODE.get("working_towards");
  const NOT_ENROLLED = STATUS_CODE.get("not_enrolled");
  const IN_BREACH = STATUTORY_CODE.get("in_breach");
  for (let k = 0; k < hits.length; k++) {
    const i = hits[k];
    const s = codes.status[i];
    if (s === QUALIFIED) counts.qualified++;
    else if (s === WORKING) counts.workingTowards++;
    else if (s === NOT_ENROLLED) counts.notEnrolled++;
    if (codes.statutory[i] === IN_BREACH) counts.inBreach++;
  }
  counts.inScope = counts.qualified + counts.workingTowards + counts.notEnrolled;
  const result: Matched = { hits, counts };
  index.matched.set(key, result);
  if (index.matched.size > MATCHED_KEPT) index.matched.delete(index.matched.keys().next().value as string);
  return result;
}

export interface FilteredPerson {
  person: PersonCompliance;
  staff: StaffDetails | undefined;
}

/**
 * Everyone matching the filter, in the filter's order (default: by employee reference when `sort` is not
 * given, so exports are stable).
 */
export function filterPeople(evaluated: EvaluatedOrganisation, filter: PeopleFilter = {}, defaultSort: PeopleSort = "ref"): FilteredPerson[] {
  const index = indexOf(evaluated);
  const { hits } = matched(index, filter, filter.sort ?? defaultSort, filter.dir ?? "asc");
  const out = new Array<FilteredPerson>(hits.length);
  for (let k = 0; k < hits.length; k++) out[k] = { person: index.people[hits[k]], staff: index.staff[hits[k]] };
  return out;
}

export interface PeopleRow {
  employeeRef: string;
  name: string;
  jobTitle: string;
  department: string;
  employer: string;
  category: CategoryKey;
  requiredLevel: number | null;
  status: ComplianceStatus;
  statutory: StatutoryPosition | null;
  statutoryReason: string | null;
  rag: Rag;
  ragReason: string;
  enrolBy: IsoDate | null;
  qualifyBy: IsoDate | null;
  nextDate: IsoDate | null;
  qualification: string | null;
  leftOn: IsoDate | null;
}

export interface PeoplePage {
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  /** Of the matching people, how many are in scope and their statuses (reconciles with the dashboard). */
  counts: { inScope: number; qualified: number; workingTowards: number; notEnrolled: number; inBreach: number };
  rows: PeopleRow[];
}

function toRow(person: PersonCompliance, member: StaffDetails | undefined): PeopleRow {
  return {
    employeeRef: person.employeeRef,
    name: displayName(member, person.employeeRef),
    jobTitle: member?.jobTitle ?? "",
    department: departmentKey(member),
    employer: employerKey(member),
    category: person.category,
    requiredLevel: person.requiredLevel,
    status: person.status,
    statutory: person.statutory,
    statutoryReason: person.statutoryReason,
    rag: person.rag,
    ragReason: person.ragReason,
    enrolBy: person.enrolBy,
    qualifyBy: person.qualifyBy,
    nextDate: person.nextDate,
    qualification: person.decidingRecord?.qualificationTitle ?? null,
    leftOn: member?.endDate ?? null,
  };
}

/** One page of the filtered, sorted people (only the page's rows are built). */
export function peoplePage(evaluated: EvaluatedOrganisation, query: Pick<PeopleQuery, "filter" | "sort" | "dir" | "page">, pageSize = PAGE_SIZE): PeoplePage {
  const index = indexOf(evaluated);
  const { hits, counts } = matched(index, query.filter, query.sort, query.dir);
  const total = hits.length;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, query.page), pageCount);
  const rows: PeopleRow[] = [];
  for (let k = (page - 1) * pageSize; k < Math.min(total, page * pageSize); k++) rows.push(toRow(index.people[hits[k]], index.staff[hits[k]]));
  return { total, page, pageCount, pageSize, counts: { ...counts }, rows };
}

/** The values the filters can take in this organisation (every person, not only those in scope). */
export function peopleOptions(evaluated: EvaluatedOrganisation): PeopleOptions {
  const index = indexOf(evaluated);
  if (index.options) return index.options;
  const departments = new Set<string>();
  const employers = new Set<string>();
  const providers = new Set<string>();
  for (const v of departmentKeys(index)) departments.add(v);
  for (const v of employerKeys(index)) employers.add(v);
  // The providers from one person per distinct recorded name (no key per person unless a filter asks for them).
  if (index.providers) for (const v of index.providers) providers.add(v);
  else {
    const firstWith = new Map<string | null | undefined, PersonCompliance>();
    for (const p of index.people) {
      const name = p.decidingRecord ? p.decidingRecord.provider : undefined;
      if (!firstWith.has(name)) firstWith.set(name, p);
    }
    for (const p of firstWith.values()) providers.add(providerKey(p));
  }
  const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b, "en-GB"));
  index.options = { departments: sorted(departments), employers: sorted(employers), providers: sorted(providers) };
  return index.options;
}

// ---------------------------------------------------------------------------------------------
// The status export (people.csv and the CLI `export status`)

export const STATUS_EXPORT_COLUMNS = [
  "employee_ref",
  "name",
  "job_title",
  "department",
  "employer",
  "category",
  "required_level",
  "statutory",
  "statutory_reason",
  "status",
  "rag",
  "enrol_by",
  "qualify_by",
  "qualification",
  "qualification_status",
  "expected_completion",
  "reasons",
] as const;
export type StatusExportColumn = (typeof STATUS_EXPORT_COLUMNS)[number];
/** One row of the export; every value is text ("" for none). */
export type StatusExportRow = Record<StatusExportColumn, string>;

/**
 * One row per matching person (everyone when no filter is given), by employee reference unless the filter
 * has a sort. Department and employer are as recorded (blank = none / employed directly); category and
 * status are the rules' codes; `statutory` is the legal test (compliant, not_yet_due, in_breach; blank when
 * nobody needs to comply); `rag` is against the organisation's internal targets; reasons are joined with "; ". Neutralising formulas is the writer's job
 * (`csvResponse` / `toCsv` in ~/utils/csv.server).
 */
export function statusExportRows(evaluated: EvaluatedOrganisation, filter?: PeopleFilter): StatusExportRow[] {
  return filterPeople(evaluated, filter ?? {}, "ref").map(({ person, staff }) => {
    const record = person.decidingRecord;
    return {
      employee_ref: person.employeeRef,
      name: displayName(staff, ""),
      job_title: staff?.jobTitle ?? "",
      department: staff?.department ?? "",
      employer: staff?.employer ?? "",
      category: person.category,
      required_level: person.requiredLevel == null ? "" : String(person.requiredLevel),
      statutory: person.statutory ?? "",
      statutory_reason: person.statutoryReason ?? "",
      status: person.status,
      rag: person.rag,
      enrol_by: person.enrolBy ?? "",
      qualify_by: person.qualifyBy ?? "",
      qualification: record?.qualificationTitle ?? "",
      qualification_status: record?.status ?? "",
      expected_completion: record?.expectedCompletion ?? "",
      reasons: person.reasons.join("; "),
    };
  });
}

/**
 * The web download of the people list: the status export's columns with a human label beside each code
 * (category_label after category, and so on), for people reading it in a spreadsheet. The CLI keeps the
 * contract's columns (STATUS_EXPORT_COLUMNS).
 */
const LABELLED: Partial<Record<StatusExportColumn, { column: string; label: (code: string) => string }>> = {
  category: { column: "category_label", label: (c) => CATEGORY_LABELS[c as keyof typeof CATEGORY_LABELS] ?? c },
  status: { column: "status_label", label: (c) => STATUS_LABELS[c as keyof typeof STATUS_LABELS] ?? c },
  rag: { column: "rag_label", label: (c) => RAG_LABELS[c as keyof typeof RAG_LABELS] ?? c },
  qualification_status: { column: "qualification_status_label", label: (c) => (c ? (RECORD_STATUS_LABELS[c as keyof typeof RECORD_STATUS_LABELS] ?? c) : "") },
};

export const PEOPLE_CSV_COLUMNS: readonly string[] = STATUS_EXPORT_COLUMNS.flatMap((c) => (LABELLED[c] ? [c, LABELLED[c]!.column] : [c]));

export function peopleCsvCells(rows: readonly StatusExportRow[]): string[][] {
  return rows.map((row) => STATUS_EXPORT_COLUMNS.flatMap((c) => (LABELLED[c] ? [row[c], LABELLED[c]!.label(row[c])] : [row[c]])));
}

/** The export rows as arrays in column order, for `csvResponse(name, STATUS_EXPORT_COLUMNS, cells)` or `toCsv`. */
export function statusExportCells(rows: readonly StatusExportRow[]): string[][] {
  return rows.map((row) => STATUS_EXPORT_COLUMNS.map((c) => row[c]));
}

// ---------------------------------------------------------------------------------------------
// Who needs action (the dashboard's list)

const urgentKept = new WeakMap<object, Map<number, { count: number; first: PersonCompliance[] }>>();

/**
 * How many people need action on the evaluation's date and the first `limit` of them: in breach of the legal test
 * first, then red, then amber; by next date within each (app/compliance/needs-action.ts). Kept per evaluation.
 */
export function peopleNeedingAction(measures: OrganisationMeasures, limit: number): { count: number; first: PersonCompliance[] } {
  let byLimit = urgentKept.get(measures);
  if (!byLimit) urgentKept.set(measures, (byLimit = new Map()));
  let kept = byLimit.get(limit);
  if (!kept) {
    kept = mostUrgent(measures.people, limit, (a, b) => (a.nextDate ?? "9999").localeCompare(b.nextDate ?? "9999"));
    byLimit.set(limit, kept);
  }
  return kept;
}
