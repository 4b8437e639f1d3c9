/**
 * Loads one organisation's rows and maps them to the pure rules' inputs. Every function takes the
 * organisation id, so a query cannot return another organisation's rows.
 */
import type { DB } from "../../db/connection";
import type { Organisation } from "../../db/schema";
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
  location: string | null;
  managerRef: string | null;
  fte: number | null;
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
}

export async function getOrganisationById(db: DB, organisationId: number): Promise<Organisation> {
  return db.selectFrom("organisations").selectAll().where("id", "=", organisationId).executeTakeFirstOrThrow();
}

export async function loadMilestones(db: DB, organisationId: number): Promise<Milestone[]> {
  const rows = await db
    .selectFrom("milestones")
    .select(["name", "date", "measure", "target_pct"])
    .where("organisation_id", "=", organisationId)
    .orderBy("position")
    .orderBy("date")
    .execute();
  return rows.map((m) => ({ name: m.name, date: m.date, measure: m.measure, targetPct: m.target_pct }));
}

export function settingsFromRow(org: Organisation, milestones: Milestone[]): OrganisationSettings {
  return {
    homesOwned: org.homes_owned,
    inForceDate: org.in_force_date,
    transitionYearsOverride: org.transition_years_override,
    qualifiedDeadlineOverride: org.qualified_deadline_override,
    milestones: org.custom_milestones ? milestones : null,
    graceMonths: org.grace_months,
    probationGraceMonths: org.probation_grace_months,
    lateJoinerMonths: org.late_joiner_months,
    courseMonthsLevel4: org.course_months_level4,
    courseMonthsLevel5: org.course_months_level5,
    absencesPauseClocks: org.absences_pause_clocks === 1,
    otherAbsencePausesClocks: org.other_absence_pauses_clocks === 1,
    dateOrder: org.date_order,
    workingTowardsStartMonths: org.working_towards_start_months,
  };
}

export async function loadSettings(db: DB, organisationId: number): Promise<{ organisation: Organisation; settings: OrganisationSettings }> {
  const organisation = await getOrganisationById(db, organisationId);
  return { organisation, settings: settingsFromRow(organisation, await loadMilestones(db, organisationId)) };
}

/** The catalogue an organisation sees: the shared entries and its own. */
export async function loadQualifications(db: DB, organisationId: number): Promise<Qualification[]> {
  const rows = await db
    .selectFrom("qualifications")
    .select(["id", "code", "title", "level", "recognised", "typical_months", "rules_of_combination"])
    .where((eb) => eb.or([eb("organisation_id", "is", null), eb("organisation_id", "=", organisationId)]))
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
  end_date: string | null; on_probation: number; probation_end_date?: string | null; email: string | null; location: string | null; manager_ref: string | null; fte: number | null;
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
    location: s.location,
    managerRef: s.manager_ref,
    fte: s.fte,
  };
}

export async function loadOrganisationData(db: DB, organisationId: number): Promise<OrganisationData> {
  const { organisation, settings } = await loadSettings(db, organisationId);
  const [staffRows, decisionRows, overrideRows, qualifications, recordRows, unitRows, absenceRows] = await Promise.all([
    db.selectFrom("staff").selectAll().where("organisation_id", "=", organisationId).execute(),
    db.selectFrom("scope_decisions").selectAll().where("organisation_id", "=", organisationId).execute(),
    db.selectFrom("person_overrides").selectAll().where("organisation_id", "=", organisationId).execute(),
    loadQualifications(db, organisationId),
    db.selectFrom("qualification_records").selectAll().where("organisation_id", "=", organisationId).execute(),
    db.selectFrom("unit_results").select(["record_id", "unit_ref", "result"]).where("organisation_id", "=", organisationId).execute(),
    db.selectFrom("absences").selectAll().where("organisation_id", "=", organisationId).execute(),
  ]);
  const unitsByRecord = new Map<number, UnitResult[]>();
  for (const u of unitRows) {
    const list = unitsByRecord.get(u.record_id) ?? [];
    list.push({ unitRef: u.unit_ref, result: u.result });
    unitsByRecord.set(u.record_id, list);
  }
  const staff = staffRows.map(staffFromRow);
  return {
    organisation,
    settings,
    staff,
    staffById: new Map(staff.map((s) => [s.id, s])),
    decisions: decisionRows.map((d) => ({
      jobTitle: d.job_title,
      category: d.category,
      timeManagingPct: d.time_managing_pct,
      rationale: d.rationale,
      decidedBy: d.decided_by,
      decidedOn: d.decided_on,
      reviewDate: d.review_date,
    })),
    overrides: overrideRows.map((o) => ({
      staffId: o.staff_id,
      category: o.category,
      rationale: o.rationale,
      decidedBy: o.decided_by,
      decidedOn: o.decided_on,
    })),
    qualifications,
    records: recordRows.map((r) => ({
      id: r.id,
      staffId: r.staff_id,
      qualificationId: r.qualification_id,
      provider: r.provider,
      status: r.status,
      enrolledOn: r.enrolled_on,
      startedOn: r.started_on,
      expectedCompletion: r.expected_completion,
      achievedOn: r.achieved_on,
      pathway: r.pathway,
      unitResults: unitsByRecord.get(r.id) ?? [],
    })),
    absences: absenceRows.map((a) => ({ staffId: a.staff_id, kind: a.kind, from: a.from_date, to: a.to_date })),
  };
}
