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
import { DIRECT_EMPLOYER, NO_DEPARTMENT, isInScope, providerKey } from "../compliance/measures";
import { isIsoDate } from "../compliance/dates";
import type { EvaluatedOrganisation } from "./compliance.server";
import type { StaffDetails } from "./organisation-data.server";

export const PAGE_SIZE = 50;

export const PEOPLE_SORTS = ["name", "ref", "title", "status", "rag", "enrol_by", "qualify_by", "next"] as const;
export type PeopleSort = (typeof PEOPLE_SORTS)[number];
export type SortDirection = "asc" | "desc";

export type CategoryKey = Category | "unmapped";
export const CATEGORY_KEYS = Object.keys(CATEGORY_LABELS) as CategoryKey[];

/** The filters of the people list and the status export (the same keys the dashboard links use). */
export interface PeopleFilter {
  /** Search in name, employee reference and job title (case-insensitive, every word must match). */
  q?: string | null;
  status?: ComplianceStatus | null;
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

function blankToNull(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}

/** The department breakdown key (as measures.ts: blank → "No department"). */
export function departmentKey(member: Pick<StaffDetails, "department"> | undefined): string {
  return blankToNull(member?.department) ?? NO_DEPARTMENT;
}

/** The employer breakdown key (as measures.ts: blank → "Direct"). */
export function employerKey(member: Pick<StaffDetails, "employer"> | undefined): string {
  return blankToNull(member?.employer) ?? DIRECT_EMPLOYER;
}

export { providerKey };

export function displayName(member: Pick<StaffDetails, "firstName" | "lastName" | "employeeRef"> | undefined, fallback = ""): string {
  if (!member) return fallback;
  return [member.firstName, member.lastName].filter((v) => v && v.trim()).join(" ") || member.employeeRef;
}

// ---------------------------------------------------------------------------------------------
// Per-evaluation indexes (cached on the measures object, which the evaluation cache keeps until any write)

interface Index {
  people: PersonCompliance[];
  /** staff[i] belongs to people[i]. */
  staff: (StaffDetails | undefined)[];
  search: string[];
  sorted: Map<string, Int32Array>;
  options: PeopleOptions | null;
}

export interface PeopleOptions {
  departments: string[];
  employers: string[];
  providers: string[];
}

const indexes = new WeakMap<object, Index>();

function indexOf(evaluated: EvaluatedOrganisation): Index {
  const key = evaluated.measures;
  let index = indexes.get(key);
  if (index) return index;
  const people = evaluated.measures.people;
  const staffList = evaluated.data.staff;
  let byId: Map<number, StaffDetails> | null = null;
  const staff = new Array<StaffDetails | undefined>(people.length);
  const search = new Array<string>(people.length);
  for (let i = 0; i < people.length; i++) {
    const p = people[i];
    let member: StaffDetails | undefined = staffList[i]?.id === p.staffId ? staffList[i] : undefined;
    if (!member) {
      byId ??= new Map(staffList.map((s) => [s.id, s]));
      member = byId.get(p.staffId);
    }
    staff[i] = member;
    search[i] = `${member?.firstName ?? ""} ${member?.lastName ?? ""}\u0001${p.employeeRef}\u0001${member?.jobTitle ?? ""}`.toLowerCase();
  }
  index = { people, staff, search, sorted: new Map(), options: null };
  indexes.set(key, index);
  return index;
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
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Indices of `people` in the order of `sort` and `dir`; ties by name (always A to Z), then reference; a missing
 * date always last. Cached per evaluation.
 */
function sortedOrder(index: Index, sort: PeopleSort, dir: SortDirection): Int32Array {
  const cacheKey = `${sort}:${dir}`;
  const cached = index.sorted.get(cacheKey);
  if (cached) return cached;
  const { people, staff } = index;
  const n = people.length;
  const nameKey = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const s = staff[i];
    nameKey[i] = `${(s?.lastName ?? "").trim().toLowerCase()}\u0001${(s?.firstName ?? "").trim().toLowerCase()}\u0001${people[i].employeeRef.toLowerCase()}`;
  }
  const sign = dir === "desc" ? -1 : 1;
  let primary: ((i: number, j: number) => number) | null = null;
  if (sort === "ref") {
    const refs = people.map((p) => p.employeeRef.toLowerCase());
    primary = (i, j) => sign * compareText(refs[i], refs[j]);
  } else if (sort === "title") {
    const titles = staff.map((s) => (s?.jobTitle ?? "").trim().replace(/\s+/g, " ").toLowerCase());
    primary = (i, j) => sign * compareText(titles[i], titles[j]);
  } else if (sort === "status") {
    primary = (i, j) => sign * (STATUS_ORDER[people[i].status] - STATUS_ORDER[people[j].status]);
  } else if (sort === "rag") {
    primary = (i, j) => sign * (RAG_ORDER[people[i].rag] - RAG_ORDER[people[j].rag]);
  } else if (sort === "enrol_by" || sort === "qualify_by" || sort === "next") {
    const field = sort === "enrol_by" ? "enrolBy" : sort === "qualify_by" ? "qualifyBy" : "nextDate";
    const dates = people.map((p) => p[field]);
    primary = (i, j) => {
      const a = dates[i];
      const b = dates[j];
      if (a === b) return 0;
      if (a == null) return 1;
      if (b == null) return -1;
      return sign * compareText(a, b);
    };
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const byName = (i: number, j: number) => compareText(nameKey[i], nameKey[j]) || i - j;
  const compare = primary ? (i: number, j: number) => primary!(i, j) || byName(i, j) : (i: number, j: number) => sign * byName(i, j);
  order.sort(compare);
  index.sorted.set(cacheKey, order);
  return order;
}

function matcher(index: Index, filter: PeopleFilter): (i: number) => boolean {
  const { people, staff, search } = index;
  const words = (filter.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const { status, rag, category, department, employer, provider, inScope } = filter;
  return (i) => {
    const p = people[i];
    if (status && p.status !== status) return false;
    if (rag && p.rag !== rag) return false;
    if (category && p.category !== category) return false;
    if (inScope && !isInScope(p.status)) return false;
    if (department && departmentKey(staff[i]) !== department) return false;
    if (employer && employerKey(staff[i]) !== employer) return false;
    if (provider && providerKey(p) !== provider) return false;
    if (words.length > 0) {
      const text = search[i];
      for (const w of words) if (!text.includes(w)) return false;
    }
    return true;
  };
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
  const order = sortedOrder(index, filter.sort ?? defaultSort, filter.dir ?? "asc");
  const matches = matcher(index, filter);
  const out: FilteredPerson[] = [];
  const n = order.length;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    if (matches(i)) out.push({ person: index.people[i], staff: index.staff[i] });
  }
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
  counts: { inScope: number; qualified: number; workingTowards: number; notEnrolled: number };
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
  const order = sortedOrder(index, query.sort, query.dir);
  const matches = matcher(index, query.filter);
  const n = order.length;
  const hits: number[] = [];
  const counts = { inScope: 0, qualified: 0, workingTowards: 0, notEnrolled: 0 };
  for (let k = 0; k < n; k++) {
    const i = order[k];
    if (!matches(i)) continue;
    hits.push(i);
    const s = index.people[i].status;
    if (s === "qualified") counts.qualified++;
    else if (s === "working_towards") counts.workingTowards++;
    else if (s === "not_enrolled") counts.notEnrolled++;
  }
  counts.inScope = counts.qualified + counts.workingTowards + counts.notEnrolled;
  const total = hits.length;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, query.page), pageCount);
  const rows = hits.slice((page - 1) * pageSize, page * pageSize).map((i) => toRow(index.people[i], index.staff[i]));
  return { total, page, pageCount, pageSize, counts, rows };
}

/** The values the filters can take in this organisation (every person, not only those in scope). */
export function peopleOptions(evaluated: EvaluatedOrganisation): PeopleOptions {
  const index = indexOf(evaluated);
  if (index.options) return index.options;
  const departments = new Set<string>();
  const employers = new Set<string>();
  const providers = new Set<string>();
  for (let i = 0; i < index.people.length; i++) {
    departments.add(departmentKey(index.staff[i]));
    employers.add(employerKey(index.staff[i]));
    providers.add(providerKey(index.people[i]));
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
 * status are the rules' codes; reasons are joined with "; ". Neutralising formulas is the writer's job
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

/** The export rows as arrays in column order, for `csvResponse(name, STATUS_EXPORT_COLUMNS, cells)` or `toCsv`. */
export function statusExportCells(rows: readonly StatusExportRow[]): string[][] {
  return rows.map((row) => STATUS_EXPORT_COLUMNS.map((c) => row[c]));
}
