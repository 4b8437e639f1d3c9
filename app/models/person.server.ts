/**
 * One person's page: scope, qualification records with unit progress, absences, personal dates, reasons and
 * change history; and the writes HR makes there (override, records, unit results, absences). Every query is
 * limited to the organisation; every write is one transaction with its audit event.
 */
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/connection";
import type { Database } from "../../db/schema";
import type { AbsenceRow, CategoryValue, QualificationRecordRow, RecordStatusValue, Staff } from "../../db/schema";
import { scopeOf } from "../compliance/scope";
import { CATEGORY_LABELS } from "../compliance/status";
import { assessUnitProgress, normaliseUnitRef, type UnitProgress } from "../compliance/rules-of-combination";
import type { PersonCompliance, Qualification, RulesOfCombination, ScopeDecision } from "../compliance/types";
import { recordAudit, type Actor } from "./audit.server";
import { evaluateOrganisation } from "./compliance.server";
import { loadQualifications, staffFromRow } from "./organisation-data.server";

export type UnitResultValue = "pass" | "refer" | "fail" | "exempt";
export type AbsenceKind = AbsenceRow["kind"];

export const ABSENCE_KIND_LABELS: Record<AbsenceKind, string> = {
  parental: "Maternity, adoption or shared parental leave",
  long_term_sickness: "Long-term sickness",
  other: "Other",
};

import { RECORD_STATUS_LABELS } from "./record-status-labels";
export { RECORD_STATUS_LABELS };

export const UNIT_RESULT_LABELS: Record<UnitResultValue, string> = { pass: "Pass", refer: "Refer", fail: "Fail", exempt: "Exempt" };

export async function findStaffByRef(db: DB, organisationId: number, employeeRef: string): Promise<Staff | undefined> {
  return db.selectFrom("staff").selectAll().where("organisation_id", "=", organisationId).where("employee_ref", "=", employeeRef).executeTakeFirst();
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
export async function organisationCatalogue(db: DB, organisationId: number): Promise<{ entries: CatalogueEntry[]; byId: Map<number, Qualification> }> {
  const qualifications = await loadQualifications(db, organisationId);
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
  source: "change" | "import";
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

export async function personHistory(db: DB, organisationId: number, staffId: number, recordIds: number[], absenceIds: number[]): Promise<HistoryEntry[]> {
  const id = String(staffId);
  const audits = await db
    .selectFrom("audit_events")
    .select(["at", "actor", "summary"])
    .where("organisation_id", "=", organisationId)
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
  const imports = await db
    .selectFrom("import_changes")
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
    .where("import_runs.organisation_id", "=", organisationId)
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
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, HISTORY_LIMIT);
}

export async function loadPersonDetail(db: DB, organisationId: number, staff: Staff, asOf: string): Promise<PersonDetail> {
  const evaluated = await evaluateOrganisation(db, organisationId, asOf);
  const { measures, ctx, data } = evaluated;
  let compliance = measures.people.find((p) => p.staffId === staff.id);
  if (!compliance) throw new Error(`Person ${staff.id} was not evaluated`);
  const scope = scopeOf(staffFromRow(staff), ctx.scope);

  const [recordRows, unitRows, absences, catalogue] = await Promise.all([
    db.selectFrom("qualification_records").selectAll().where("organisation_id", "=", organisationId).where("staff_id", "=", staff.id).orderBy("id").execute(),
    db
      .selectFrom("unit_results")
      .innerJoin("qualification_records", "qualification_records.id", "unit_results.record_id")
      .select(["unit_results.id", "unit_results.record_id", "unit_results.unit_ref", "unit_results.result", "unit_results.achieved_on"])
      .where("unit_results.organisation_id", "=", organisationId)
      .where("qualification_records.staff_id", "=", staff.id)
      .orderBy("unit_results.id")
      .execute(),
    db.selectFrom("absences").selectAll().where("organisation_id", "=", organisationId).where("staff_id", "=", staff.id).orderBy("from_date", "desc").execute(),
    organisationCatalogue(db, organisationId),
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
    db,
    organisationId,
    staff.id,
    records.map((r) => r.id),
    absences.map((a) => a.id),
  );
  return {
    staff,
    compliance,
    scope: {
      category: scope.category,
      source: scope.source,
      decision: scope.decision,
      override: scope.override
        ? { category: scope.override.category, rationale: scope.override.rationale, decidedBy: scope.override.decidedBy, decidedOn: scope.override.decidedOn }
        : null,
    },
    records,
    absences,
    history,
    catalogue: catalogue.entries,
    absencesPauseClocks: data.settings.absencesPauseClocks,
  };
}

// ---------------------------------------------------------------------------------------------
// Writes

export class NotFoundError extends Error {}

function personLabel(staff: Staff): string {
  const name = [staff.first_name, staff.last_name].filter(Boolean).join(" ");
  return name ? `${name} (${staff.employee_ref})` : staff.employee_ref;
}

function now(): string {
  return new Date().toISOString();
}

export async function setPersonOverride(
  db: DB,
  actor: Actor,
  organisationId: number,
  staff: Staff,
  input: { category: CategoryValue; rationale: string },
  today: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("person_overrides").selectAll().where("organisation_id", "=", organisationId).where("staff_id", "=", staff.id).executeTakeFirst();
    const values = { category: input.category, rationale: input.rationale, decided_by: actor.name, decided_on: today };
    if (before) {
      await trx.updateTable("person_overrides").set(values).where("id", "=", before.id).execute();
    } else {
      await trx.insertInto("person_overrides").values({ organisation_id: organisationId, staff_id: staff.id, ...values }).execute();
    }
    await recordAudit(trx, actor, {
      organisationId,
      action: "person_override.set",
      entity: "person_override",
      entityId: staff.id,
      summary: `Set ${personLabel(staff)} to ${CATEGORY_LABELS[input.category]} (individual decision${before ? `, was ${CATEGORY_LABELS[before.category]}` : ""}): ${input.rationale}`,
      before: before ?? null,
      after: { staff_id: staff.id, ...values },
    });
  });
}

/** Returns false when there was no override to clear. */
export async function clearPersonOverride(db: DB, actor: Actor, organisationId: number, staff: Staff, reason: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("person_overrides").selectAll().where("organisation_id", "=", organisationId).where("staff_id", "=", staff.id).executeTakeFirst();
    if (!before) return false;
    await trx.deleteFrom("person_overrides").where("id", "=", before.id).execute();
    await recordAudit(trx, actor, {
      organisationId,
      action: "person_override.clear",
      entity: "person_override",
      entityId: staff.id,
      summary: `Cleared the individual decision for ${personLabel(staff)} (was ${CATEGORY_LABELS[before.category]}); the job-title decision applies again: ${reason}`,
      before,
      after: null,
    });
    return true;
  });
}

export interface RecordInput {
  qualification_id: number;
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
}

async function recordOfStaff(trx: Kysely<Database> | Transaction<Database>, organisationId: number, staffId: number, recordId: number): Promise<QualificationRecordRow | undefined> {
  return trx
    .selectFrom("qualification_records")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("staff_id", "=", staffId)
    .where("id", "=", recordId)
    .executeTakeFirst();
}

export async function addQualificationRecord(db: DB, actor: Actor, organisationId: number, staff: Staff, input: RecordInput, qualificationTitle: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const stamp = now();
    const row = await trx
      .insertInto("qualification_records")
      .values({ organisation_id: organisationId, staff_id: staff.id, ...input, created_at: stamp, updated_at: stamp })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      organisationId,
      action: "qualification_record.create",
      entity: "qualification_record",
      entityId: row.id,
      summary: `Added a qualification record for ${personLabel(staff)}: ${qualificationTitle} (${RECORD_STATUS_LABELS[input.status].toLowerCase()})`,
      before: null,
      after: row,
    });
    return row.id;
  });
}

export async function updateQualificationRecord(
  db: DB,
  actor: Actor,
  organisationId: number,
  staff: Staff,
  recordId: number,
  input: Partial<RecordInput>,
  summary: (before: QualificationRecordRow) => string,
  action = "qualification_record.update",
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await recordOfStaff(trx, organisationId, staff.id, recordId);
    if (!before) throw new NotFoundError("No such record for this person");
    const after = await trx
      .updateTable("qualification_records")
      .set({ ...input, updated_at: now() })
      .where("id", "=", recordId)
      .where("organisation_id", "=", organisationId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { organisationId, action, entity: "qualification_record", entityId: recordId, summary: summary(before), before, after });
  });
}

export async function getRecordOfStaff(db: DB, organisationId: number, staffId: number, recordId: number): Promise<QualificationRecordRow | undefined> {
  return recordOfStaff(db, organisationId, staffId, recordId);
}

export async function addUnitResult(
  db: DB,
  actor: Actor,
  organisationId: number,
  staff: Staff,
  recordId: number,
  input: { unit_ref: string; result: UnitResultValue; achieved_on: string | null },
  unitTitle: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const record = await recordOfStaff(trx, organisationId, staff.id, recordId);
    if (!record) throw new NotFoundError("No such record for this person");
    const previous = await trx
      .selectFrom("unit_results")
      .selectAll()
      .where("organisation_id", "=", organisationId)
      .where("record_id", "=", recordId)
      .execute();
    const same = previous.filter((u) => normaliseUnitRef(u.unit_ref) === normaliseUnitRef(input.unit_ref));
    const row = await trx
      .insertInto("unit_results")
      .values({ organisation_id: organisationId, record_id: recordId, ...input })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.updateTable("qualification_records").set({ updated_at: now() }).where("id", "=", recordId).execute();
    await recordAudit(trx, actor, {
      organisationId,
      action: "unit_result.create",
      entity: "qualification_record",
      entityId: recordId,
      summary: `Recorded ${UNIT_RESULT_LABELS[input.result].toLowerCase()} for unit ${input.unit_ref} (${unitTitle}) for ${personLabel(staff)}`,
      before: { unit_results: same },
      after: { unit_results: [...same, row] },
    });
  });
}

export async function addAbsence(
  db: DB,
  actor: Actor,
  organisationId: number,
  staff: Staff,
  input: { kind: AbsenceKind; from_date: string; to_date: string | null; note: string | null },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto("absences").values({ organisation_id: organisationId, staff_id: staff.id, ...input }).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      organisationId,
      action: "absence.create",
      entity: "absence",
      entityId: row.id,
      summary: `Recorded an absence for ${personLabel(staff)}: ${ABSENCE_KIND_LABELS[input.kind].toLowerCase()} from ${input.from_date}${input.to_date ? ` to ${input.to_date}` : " (open)"}`,
      before: null,
      after: row,
    });
    return row.id;
  });
}

export async function getAbsenceOfStaff(db: DB, organisationId: number, staffId: number, absenceId: number): Promise<AbsenceRow | undefined> {
  return db.selectFrom("absences").selectAll().where("organisation_id", "=", organisationId).where("staff_id", "=", staffId).where("id", "=", absenceId).executeTakeFirst();
}

export async function endAbsence(db: DB, actor: Actor, organisationId: number, staff: Staff, absenceId: number, toDate: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("absences").selectAll().where("organisation_id", "=", organisationId).where("staff_id", "=", staff.id).where("id", "=", absenceId).executeTakeFirst();
    if (!before) throw new NotFoundError("No such absence for this person");
    const after = await trx.updateTable("absences").set({ to_date: toDate }).where("id", "=", absenceId).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      organisationId,
      action: "absence.end",
      entity: "absence",
      entityId: absenceId,
      summary: `Ended the absence of ${personLabel(staff)} from ${before.from_date} on ${toDate}`,
      before,
      after,
    });
  });
}
