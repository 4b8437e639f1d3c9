/**
 * Loads one organisation's rows and maps them to the pure rules' inputs. Every function takes the
 * organisation id, so a query cannot return another organisation's rows.
 */
import type { OrganisationReader } from "./organisation-scope.server";
import { readTuples, tuplesOf } from "../../db/dialect";
import type { Organisation } from "../../db/schema";
import { timelineFromRow } from "./settings-columns";
import type { EquivalenceAssessment } from "../compliance/equivalence";
import type { ServiceProvider } from "../compliance/service-providers";
import type {
  Absence,
  Milestone,
  OrganisationSettings,
  PersonOverride,
  Qualification,
  QualificationRecord,
  RulesOfCombination,
  ScopeDecision,
  StaffMember,
  UnitResult,
} from "../compliance/types";

export interface StaffDetails extends StaffMember {
  email: string | null;
  managerRef: string | null;
}

export interface OrganisationData {
  organisation: Organisation;
  settings: OrganisationSettings;
  staff: StaffDetails[];
  /** The same people by staff id (built once per load, reused by every page). */
  staffById: Map<number, StaffDetails>;
  decisions: ScopeDecision[];
  overrides: PersonOverride[];
  qualifications: Qualification[];
  records: QualificationRecord[];
  absences: Absence[];
  serviceProviders: ServiceProvider[];
  equivalences: EquivalenceAssessment[];
}

export async function getOrganisationById(reader: OrganisationReader): Promise<Organisation> {
  return reader.selectOrganisation().selectAll().executeTakeFirstOrThrow();
}

export async function loadMilestones(reader: OrganisationReader): Promise<Milestone[]> {
  const rows = await reader.selectFrom("milestones")
    .select(["name", "date", "measure", "target_pct"])
    .orderBy("position")
    .orderBy("date")
    .execute();
  return rows.map((m) => ({ name: m.name, date: m.date, measure: m.measure, targetPct: m.target_pct }));
}

export function settingsFromRow(org: Organisation, milestones: Milestone[]): OrganisationSettings {
  return { ...timelineFromRow(org), milestones: org.custom_milestones ? milestones : null };
}

export async function loadSettings(reader: OrganisationReader): Promise<{ organisation: Organisation; settings: OrganisationSettings }> {
  const organisation = await getOrganisationById(reader);
  return { organisation, settings: settingsFromRow(organisation, await loadMilestones(reader)) };
}

/** The catalogue an organisation sees: the shared entries and its own. */
export async function loadQualifications(reader: OrganisationReader): Promise<Qualification[]> {
  const rows = await reader.selectVisible("qualifications")
    .select(["id", "code", "title", "level", "recognised", "typical_months", "rules_of_combination"])
    .orderBy("level")
    .orderBy("title")
    .execute();
  return rows.map((q) => ({
    id: q.id,
    code: q.code,
    title: q.title,
    level: q.level,
    recognised: q.recognised === 1,
    typicalMonths: q.typical_months,
    rulesOfCombination: q.rules_of_combination ? (flattenRules(JSON.parse(q.rules_of_combination)) as RulesOfCombination) : null,
  }));
}

/** The catalogue JSON keeps pathways, exemptions and units beside `rulesOfCombination`; the rules take one object. */
function flattenRules(spec: Record<string, unknown>): RulesOfCombination {
  const roc = (spec.rulesOfCombination ?? spec) as Partial<RulesOfCombination>;
  return {
    minimumCredits: Number(roc.minimumCredits ?? 0),
    mandatoryGroup: roc.mandatoryGroup ?? { units: [], minimumCredits: 0 },
    optionalGroup: roc.optionalGroup ?? { minimumCredits: 0 },
    pathways: (spec.pathways ?? roc.pathways ?? []) as RulesOfCombination["pathways"],
    exemptions: (spec.exemptions ?? roc.exemptions ?? []) as RulesOfCombination["exemptions"],
    units: ((spec.units ?? roc.units ?? []) as RulesOfCombination["units"]).map((u) => ({
      unitRef: u.unitRef,
      title: u.title,
      level: u.level,
      credits: u.credits,
      group: u.group,
    })),
  };
}

export function staffFromRow(s: {
  id: number; employee_ref: string; first_name: string | null; last_name: string | null; job_title: string;
  department: string | null; employer: string | null; start_date: string | null; role_start_date: string | null;
  end_date: string | null; on_probation: number; probation_end_date?: string | null; email: string | null; manager_ref: string | null;
}): StaffDetails {
  return {
    id: s.id,
    employeeRef: s.employee_ref,
    firstName: s.first_name,
    lastName: s.last_name,
    jobTitle: s.job_title,
    department: s.department,
    employer: s.employer,
    startDate: s.start_date,
    roleStartDate: s.role_start_date,
    endDate: s.end_date,
    onProbation: s.on_probation === 1,
    probationEndDate: s.probation_end_date ?? null,
    email: s.email,
    managerRef: s.manager_ref,
  };
}

/** The tables `loadOrganisationData` reads (besides the organisation's own row): a write that touches none of them
 * leaves an organisation's evaluation as it was (see app/models/compliance.server.ts). */
export const EVALUATED_TABLES = ["staff", "scope_decisions", "person_overrides", "qualifications", "qualification_records", "unit_results", "absences", "milestones", "service_providers", "equivalence_assessments", "equivalence_top_ups"] as const;
export type EvaluatedTable = (typeof EVALUATED_TABLES)[number];

/**
 * The organisation's people, read in the shape the rules and pages take: the columns they read, as one JSON array
 * of values per person (`tuplesOf`, decision 0062), each mapped straight into its StaffDetails (no row object from
 * the driver first, no column nobody reads).
 */
export async function loadStaff(reader: OrganisationReader): Promise<StaffDetails[]> {
  const row = await reader.selectFrom("staff")
    .select((eb) =>
      tuplesOf(reader.dialect, [
        eb.ref("id"),
        eb.ref("employee_ref"),
        eb.ref("first_name"),
        eb.ref("last_name"),
        eb.ref("job_title"),
        eb.ref("department"),
        eb.ref("employer"),
        eb.ref("start_date"),
        eb.ref("role_start_date"),
        eb.ref("end_date"),
        eb.ref("on_probation"),
        eb.ref("probation_end_date"),
        eb.ref("email"),
        eb.ref("manager_ref"),
      ]).as("rows"),
    )
    .executeTakeFirstOrThrow();
  const rows = readTuples(row.rows);
  const staff = new Array<StaffDetails>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    staff[i] = {
      id: r[0],
      employeeRef: r[1],
      firstName: r[2],
      lastName: r[3],
      jobTitle: r[4],
      department: r[5],
      employer: r[6],
      startDate: r[7],
      roleStartDate: r[8],
      endDate: r[9],
      onProbation: r[10] === 1,
      probationEndDate: r[11],
      email: r[12],
      managerRef: r[13],
    };
  }
  return staff;
}

export async function loadDecisions(reader: OrganisationReader): Promise<ScopeDecision[]> {
  return reader.selectFrom("scope_decisions")
    .select(["job_title as jobTitle", "category", "time_managing_pct as timeManagingPct", "rationale", "decided_by as decidedBy", "decided_on as decidedOn", "review_date as reviewDate"])
    .execute();
}

export async function loadOverrides(reader: OrganisationReader): Promise<PersonOverride[]> {
  return reader.selectFrom("person_overrides")
    .select(["staff_id as staffId", "category", "rationale", "decided_by as decidedBy", "decided_on as decidedOn"])
    .execute();
}

/** Qualification records with their unit results (unit_results is read with them: they change together), both read
 * as JSON values per row like the people (decision 0062). */
export async function loadRecords(reader: OrganisationReader): Promise<QualificationRecord[]> {
  const [recordRow, unitRow] = await Promise.all([
    reader.selectFrom("qualification_records")
      .select((eb) =>
        tuplesOf(reader.dialect, [
          eb.ref("id"),
          eb.ref("staff_id"),
          eb.ref("qualification_id"),
          eb.ref("provider"),
          eb.ref("status"),
          eb.ref("enrolled_on"),
          eb.ref("started_on"),
          eb.ref("expected_completion"),
          eb.ref("achieved_on"),
          eb.ref("pathway"),
        ]).as("rows"),
      )
      .executeTakeFirstOrThrow(),
    reader.selectFrom("unit_results")
      .select((eb) => tuplesOf(reader.dialect, [eb.ref("record_id"), eb.ref("unit_ref"), eb.ref("result")]).as("rows"))
      .executeTakeFirstOrThrow(),
  ]);
  const unitsByRecord = new Map<number, UnitResult[]>();
  for (const [recordId, unitRef, result] of readTuples(unitRow.rows)) {
    const list = unitsByRecord.get(recordId);
    if (list) list.push({ unitRef, result });
    else unitsByRecord.set(recordId, [{ unitRef, result }]);
  }
  const none: UnitResult[] = [];
  const rows = readTuples(recordRow.rows);
  const records = new Array<QualificationRecord>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    records[i] = {
      id: r[0],
      staffId: r[1],
      qualificationId: r[2],
      provider: r[3],
      status: r[4],
      enrolledOn: r[5],
      startedOn: r[6],
      expectedCompletion: r[7],
      achievedOn: r[8],
      pathway: r[9],
      unitResults: unitsByRecord.get(r[0]) ?? none,
    };
  }
  return records;
}

export async function loadAbsences(reader: OrganisationReader): Promise<Absence[]> {
  return reader.selectFrom("absences")
    .select(["staff_id as staffId", "kind", "from_date as from", "to_date as to"])
    .execute();
}

/** The parts of OrganisationData that come from one table or a few that change together. */
export type OrganisationDataPart = "settings" | "staff" | "decisions" | "overrides" | "qualifications" | "records" | "absences" | "serviceProviders" | "equivalences";

/**
 * What organisation_changes records for a write: the parts of the evaluated data it changed, and "other" when it
 * wrote any other table (conduct, audits' subjects, imports staged…), which readers of those tables (the conduct
 * summary) take as a reason to read again.
 */
export type ChangedPart = OrganisationDataPart | "other";

/** Which parts a write to `table` makes stale (the organisations row and milestones are the settings). */
export function partsChangedBy(table: string): ChangedPart[] {
  switch (table) {
    case "organisations":
    case "milestones":
      return ["settings"];
    case "staff":
      return ["staff"];
    case "scope_decisions":
      return ["decisions"];
    case "person_overrides":
      return ["overrides"];
    case "qualifications":
      return ["qualifications"];
    case "qualification_records":
    case "unit_results":
      return ["records"];
    case "absences":
      return ["absences"];
    case "service_providers":
      return ["serviceProviders"];
    case "equivalence_assessments":
    case "equivalence_top_ups":
      return ["equivalences"];
    default:
      return ["other"];
  }
}

export async function loadOrganisationData(reader: OrganisationReader): Promise<OrganisationData> {
  return reloadOrganisationData(reader, null, new Set());
}

/**
 * `previous` with the `stale` parts read again (every part when `previous` is null). Parts not stale are shared
 * with `previous`, never copied; treat both as read-only.
 */
export async function reloadOrganisationData(reader: OrganisationReader, previous: OrganisationData | null, stale: ReadonlySet<OrganisationDataPart>): Promise<OrganisationData> {
  const need = (part: OrganisationDataPart) => previous === null || stale.has(part);
  const [settings, staff, decisions, overrides, qualifications, records, absences, serviceProviders, equivalences] = await Promise.all([
    need("settings") ? loadSettings(reader) : null,
    need("staff") ? loadStaff(reader) : null,
    need("decisions") ? loadDecisions(reader) : null,
    need("overrides") ? loadOverrides(reader) : null,
    need("qualifications") ? loadQualifications(reader) : null,
    need("records") ? loadRecords(reader) : null,
    need("absences") ? loadAbsences(reader) : null,
    need("serviceProviders") ? loadServiceProviders(reader) : null,
    need("equivalences") ? loadEquivalences(reader) : null,
  ]);
  const staffList = staff ?? previous!.staff;
  return {
    organisation: settings?.organisation ?? previous!.organisation,
    settings: settings?.settings ?? previous!.settings,
    staff: staffList,
    staffById: staff ? new Map(staffList.map((s) => [s.id, s])) : previous!.staffById,
    decisions: decisions ?? previous!.decisions,
    overrides: overrides ?? previous!.overrides,
    qualifications: qualifications ?? previous!.qualifications,
    records: records ?? previous!.records,
    absences: absences ?? previous!.absences,
    serviceProviders: serviceProviders ?? previous!.serviceProviders,
    equivalences: equivalences ?? previous!.equivalences,
  };
}


/** The service-provider register as the rules read it. */
export async function loadServiceProviders(reader: OrganisationReader): Promise<ServiceProvider[]> {
  const rows = await reader.selectFrom("service_providers").select(["name", "comprehensive"]).execute();
  return rows.map((p) => ({ name: p.name, comprehensive: p.comprehensive === 1 }));
}

/** Equivalence assessments with their top-up units in order. */
export async function loadEquivalences(reader: OrganisationReader): Promise<EquivalenceAssessment[]> {
  const [assessments, topUps] = await Promise.all([
    reader.selectFrom("equivalence_assessments")
      .select(["id", "staff_id", "qualification_id", "assessed_by", "assessed_on", "evidence_ref", "tqt_hours", "outcome"])
      .execute(),
    reader.selectFrom("equivalence_top_ups")
      .select(["assessment_id", "unit", "completed_on"])
      .orderBy("assessment_id")
      .orderBy("position")
      .execute(),
  ]);
  const byAssessment = new Map<number, Array<{ unit: string; completedOn: string | null }>>();
  for (const t of topUps) {
    const list = byAssessment.get(t.assessment_id) ?? [];
    list.push({ unit: t.unit, completedOn: t.completed_on });
    byAssessment.set(t.assessment_id, list);
  }
  return assessments.map((a) => ({
    id: a.id,
    staffId: a.staff_id,
    qualificationId: a.qualification_id,
    assessedBy: a.assessed_by,
    assessedOn: a.assessed_on,
    evidenceRef: a.evidence_ref,
    tqtHours: a.tqt_hours,
    outcome: a.outcome,
    topUps: byAssessment.get(a.id) ?? [],
  }));
}
