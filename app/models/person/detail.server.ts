/**
 * One person's page, read through the organisation scope: who they are, their scope and status on a date, their
 * qualification records with unit progress, absences and change history. The writes made there live beside this
 * file (overrides, records, absences), one command each.
 */
import type { AbsenceRow, CategoryValue, RecordStatusValue, Staff } from "../../../db/schema";
import { scopeOf } from "../../compliance/scope";
import { assessUnitProgress, type UnitProgress } from "../../compliance/rules-of-combination";
import { formatDateLong } from "../../compliance/dates";
import type { PersonCompliance, Qualification, RulesOfCombination, ScopeDecision } from "../../compliance/types";
import type { UnitResult } from "../../compliance/record-rules";
import { evaluateOrganisation } from "../compliance.server";
import { loadQualifications, staffFromRow } from "../organisation-data.server";
import type { OrganisationReader } from "../organisation-scope.server";
import { notFound, ok, type Result } from "../result";

type UnitResultValue = UnitResult;

/** The person with this employee reference in this organisation (another organisation's is not found). */
export async function findPerson(scope: OrganisationReader, employeeRef: string | undefined): Promise<Result<Staff>> {
  const staff = employeeRef ? await scope.selectFrom("staff").selectAll().where("employee_ref", "=", employeeRef).executeTakeFirst() : undefined;
  return staff ? ok(staff) : notFound(`No person ${employeeRef ?? ""} in this organisation`);
}

export interface CatalogueEntry {
  id: number;
  code: string | null;
  title: string;
  level: number;
  recognised: boolean;
  pathways: string[];
  /** Units of the rules of combination plus the older units that exempt from them. */
  units: Array<{ unitRef: string; title: string; credits: number | null; exempting: boolean }>;
}

function catalogueEntry(q: Qualification): CatalogueEntry {
  const rules = q.rulesOfCombination;
  return {
    id: q.id,
    code: q.code,
    title: q.title,
    level: q.level,
    recognised: q.recognised,
    pathways: rules?.pathways.map((p) => p.name) ?? [],
    units: rules
      ? [
          ...rules.units.map((u) => ({ unitRef: u.unitRef, title: u.title, credits: u.credits, exempting: false })),
          ...rules.exemptions.map((e) => ({ unitRef: e.exemptedBy.unitRef, title: `${e.exemptedBy.title} (exempts ${e.unitRef})`, credits: null, exempting: true })),
        ]
      : [],
  };
}

/** The catalogue the organisation sees (shared entries and its own). */
export async function organisationCatalogue(scope: OrganisationReader): Promise<{ entries: CatalogueEntry[]; byId: Map<number, Qualification> }> {
  const qualifications = await loadQualifications(scope);
  return { entries: qualifications.map(catalogueEntry), byId: new Map(qualifications.map((q) => [q.id, q])) };
}

export interface PersonRecord {
  id: number;
  qualificationId: number;
  qualificationTitle: string;
  qualificationLevel: number;
  recognised: boolean;
  provider: string | null;
  status: RecordStatusValue;
  enrolledOn: string | null;
  startedOn: string | null;
  expectedCompletion: string | null;
  achievedOn: string | null;
  certificateRef: string | null;
  evidenceVerifiedBy: string | null;
  evidenceVerifiedOn: string | null;
  pathway: string | null;
  unitResults: Array<{ id: number; unitRef: string; result: UnitResultValue; achievedOn: string | null }>;
  /** Null when the qualification has no rules of combination. */
  progress: UnitProgress | null;
  /** The record that decides the person's status on the as-of date. */
  deciding: boolean;
}

export interface HistoryEntry {
  at: string;
  who: string;
  summary: string;
  source: "change" | "import" | "plan";
}

export interface PersonDetail {
  staff: Staff;
  compliance: PersonCompliance;
  scope: {
    category: PersonCompliance["category"];
    source: PersonCompliance["scopeSource"];
    decision: ScopeDecision | null;
    override: { category: CategoryValue; rationale: string; decidedBy: string | null; decidedOn: string | null } | null;
  };
  records: PersonRecord[];
  absences: AbsenceRow[];
  history: HistoryEntry[];
  catalogue: CatalogueEntry[];
  absencesPauseClocks: boolean;
}

const HISTORY_LIMIT = 200;

function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (!before || !after) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => k !== "updated_at" && k !== "created_at" && JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}

function parseJson(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function personHistory(
  scope: OrganisationReader,
  staffId: number,
  recordIds: number[],
  absenceIds: number[],
  qualificationTitle: (id: number) => string | undefined = () => undefined,
): Promise<HistoryEntry[]> {
  const id = String(staffId);
  const audits = await scope
    .selectAuditEvents()
    .select(["at", "actor", "summary"])
    .where((eb) => {
      const clauses = [
        eb.and([eb("entity", "=", "staff"), eb("entity_id", "=", id)]),
        eb.and([eb("entity", "=", "person_override"), eb("entity_id", "=", id)]),
      ];
      if (recordIds.length > 0) clauses.push(eb.and([eb("entity", "=", "qualification_record"), eb("entity_id", "in", recordIds.map(String))]));
      if (absenceIds.length > 0) clauses.push(eb.and([eb("entity", "=", "absence"), eb("entity_id", "in", absenceIds.map(String))]));
      return eb.or(clauses);
    })
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(HISTORY_LIMIT)
    .execute();
  const imports = await scope
    .selectFromChild("import_changes")
    .innerJoin("import_runs", "import_runs.id", "import_changes.import_run_id")
    .select([
      "import_changes.entity",
      "import_changes.action",
      "import_changes.before_json",
      "import_changes.after_json",
      "import_runs.created_at",
      "import_runs.actor",
      "import_runs.file_name",
      "import_runs.kind",
      "import_runs.status",
    ])
    .where((eb) => {
      const clauses = [eb.and([eb("import_changes.entity", "=", "staff"), eb("import_changes.entity_id", "=", staffId)])];
      if (recordIds.length > 0) clauses.push(eb.and([eb("import_changes.entity", "=", "qualification_record"), eb("import_changes.entity_id", "in", recordIds)]));
      return eb.or(clauses);
    })
    .orderBy("import_runs.created_at", "desc")
    .limit(HISTORY_LIMIT)
    .execute();
  const entries: HistoryEntry[] = audits.map((a) => ({ at: a.at, who: a.actor, summary: a.summary, source: "change" }));
  for (const c of imports) {
    const what = c.entity === "staff" ? "staff details" : "qualification record";
    const verb = c.action === "insert" ? "added" : c.action === "leaver" ? "marked as a leaver" : "updated";
    const fields = c.action === "update" ? changedFields(parseJson(c.before_json), parseJson(c.after_json)) : [];
    const undone = c.status === "undone" ? " (import since undone)" : "";
    entries.push({
      at: c.created_at,
      who: c.actor,
      summary: `${c.kind} import "${c.file_name}": ${what} ${verb}${fields.length ? ` (${fields.join(", ")})` : ""}${undone}`,
      source: "import",
    });
  }
  // Enrolments created by accepting the workforce plan (kept on the plan run, so an undone one still shows).
  const planned = await scope
    .selectFromChild("plan_run_records")
    .innerJoin("plan_runs", "plan_runs.id", "plan_run_records.plan_run_id")
    .select(["plan_run_records.row_json", "plan_runs.id as run_id", "plan_runs.accepted_at", "plan_runs.actor", "plan_runs.as_of", "plan_runs.status", "plan_runs.undone_at", "plan_runs.undone_by"])
    .where("plan_run_records.staff_id", "=", staffId)
    .orderBy("plan_runs.accepted_at", "desc")
    .limit(HISTORY_LIMIT)
    .execute();
  for (const p of planned) {
    const row = parseJson(p.row_json) ?? {};
    const title = typeof row.qualification_id === "number" ? qualificationTitle(row.qualification_id) : undefined;
    const provider = typeof row.provider === "string" && row.provider ? ` with ${row.provider}` : "";
    const start = typeof row.enrolled_on === "string" ? `, enrolled on ${formatDateLong(row.enrolled_on)}` : "";
    const undone = p.status === "undone" ? ` (plan acceptance since undone${p.undone_by ? ` by ${p.undone_by}` : ""})` : "";
    entries.push({
      at: p.accepted_at,
      who: p.actor,
      summary: `Enrolment created by accepting the workforce plan (plan as of ${formatDateLong(p.as_of)}): ${title ?? "qualification record"}${provider}${start}${undone}`,
      source: "plan",
    });
  }
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, HISTORY_LIMIT);
}

export async function loadPersonDetail(scope: OrganisationReader, staff: Staff, asOf: string): Promise<PersonDetail> {
  const evaluated = await evaluateOrganisation(scope, asOf);
  const { measures, ctx, data } = evaluated;
  let compliance = measures.people.find((p) => p.staffId === staff.id);
  if (!compliance) throw new Error(`Person ${staff.id} was not evaluated`);
  const personScope = scopeOf(staffFromRow(staff), ctx.scope);

  const [recordRows, unitRows, absences, catalogue] = await Promise.all([
    scope.selectFrom("qualification_records").selectAll().where("staff_id", "=", staff.id).orderBy("id").execute(),
    scope
      .selectFrom("unit_results")
      .innerJoin("qualification_records", "qualification_records.id", "unit_results.record_id")
      .select(["unit_results.id", "unit_results.record_id", "unit_results.unit_ref", "unit_results.result", "unit_results.achieved_on"])
      .where("qualification_records.staff_id", "=", staff.id)
      .orderBy("unit_results.id")
      .execute(),
    scope.selectFrom("absences").selectAll().where("staff_id", "=", staff.id).orderBy("from_date", "desc").execute(),
    organisationCatalogue(scope),
  ]);
  const qualificationsById = new Map(data.qualifications.map((q) => [q.id, q]));
  for (const [id, q] of catalogue.byId) if (!qualificationsById.has(id)) qualificationsById.set(id, q);

  const records: PersonRecord[] = recordRows.map((r) => {
    const q = qualificationsById.get(r.qualification_id);
    const unitResults = unitRows.filter((u) => u.record_id === r.id).map((u) => ({ id: u.id, unitRef: u.unit_ref, result: u.result, achievedOn: u.achieved_on }));
    const rules: RulesOfCombination | null = q?.rulesOfCombination ?? null;
    return {
      id: r.id,
      qualificationId: r.qualification_id,
      qualificationTitle: q?.title ?? "Qualification not in the catalogue",
      qualificationLevel: q?.level ?? 0,
      recognised: q?.recognised ?? false,
      provider: r.provider,
      status: r.status,
      enrolledOn: r.enrolled_on,
      startedOn: r.started_on,
      expectedCompletion: r.expected_completion,
      achievedOn: r.achieved_on,
      certificateRef: r.certificate_ref,
      evidenceVerifiedBy: r.evidence_verified_by,
      evidenceVerifiedOn: r.evidence_verified_on,
      pathway: r.pathway,
      unitResults,
      progress: rules ? assessUnitProgress(rules, r.pathway, unitResults) : null,
      deciding: compliance!.decidingRecord?.id === r.id,
    };
  });
  const history = await personHistory(
    scope,
    staff.id,
    records.map((r) => r.id),
    absences.map((a) => a.id),
    (id) => qualificationsById.get(id)?.title,
  );
  return {
    staff,
    compliance,
    scope: {
      category: personScope.category,
      source: personScope.source,
      decision: personScope.decision,
      override: personScope.override
        ? { category: personScope.override.category, rationale: personScope.override.rationale, decidedBy: personScope.override.decidedBy, decidedOn: personScope.override.decidedOn }
        : null,
    },
    records,
    absences,
    history,
    catalogue: catalogue.entries,
    absencesPauseClocks: data.settings.absencesPauseClocks,
  };
}

