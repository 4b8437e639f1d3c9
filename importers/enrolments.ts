/**
 * Enrolment imports: people are matched by employee reference (unknown = row error), qualifications by
 * catalogue title, code or Ofqual number. A row updates the person's existing record for that
 * qualification instead of adding a duplicate. `units_achieved` replaces the record's unit results
 * (result 'pass'); the old ones go into the change set so undo restores them.
 *
 * Every record a row would write (new, or changed; the stored values stand in for columns the file does not
 * have) must pass the record rules the person page's form uses (app/compliance/record-rules.ts), so an import
 * refuses exactly what the form refuses, each broken rule a row error naming its column and value. An achieved
 * record needs its achieved date and certificate reference (docs/compliance-rules.md, "Imported achievements").
 */
import type { QualificationRecordRow, QualificationRow } from "../db/schema";
import { QUALIFICATION_RECORD_COLUMNS } from "../db/schema";
import { unknownQualification, type EnrolmentRecord, type Prepared } from "./prepare";
import { diffFields, fieldValue, insertUpdatePlan, progressTicker, type ApplyContext, type Plan } from "./plan";
import type { OrganisationReader } from "../app/models/organisation-scope.server";
import { batchSizeFor, chunks, insertChanges, type ChangeRecord } from "./store";
import type { FieldChange, PreviewChange, RowError } from "./types";
import { ofqualKey, qualificationKey } from "./values";
import { qualificationRecordErrors } from "../app/compliance/record-rules";
import { pathwayNamesOf } from "../app/compliance/rules-of-combination";

export const RECORD_FIELDS = [
  "provider",
  "status",
  "enrolled_on",
  "started_on",
  "expected_completion",
  "achieved_on",
  "certificate_ref",
  "pathway",
] as const;

const RECORD_COLUMNS = QUALIFICATION_RECORD_COLUMNS;

export interface UnitRow {
  id: number;
  organisation_id: number;
  record_id: number;
  unit_ref: string;
  result: "pass" | "refer" | "fail" | "exempt";
  achieved_on: string | null;
}

/** A qualification record with its unit results, as stored in the change set. */
export type RecordWithUnits = QualificationRecordRow & { units: UnitRow[] };

interface Item {
  rec: EnrolmentRecord;
  qualification: QualificationRow;
  before: QualificationRecordRow | null;
  /** The record's values after the import (no id yet for inserts). */
  after: Omit<QualificationRecordRow, "id">;
  /** Unit refs to set, or undefined when the file has no units column. */
  units: string[] | undefined;
  beforeUnits: UnitRow[];
  fields: FieldChange[];
}

export function recordRow(r: Omit<QualificationRecordRow, "id">, id: number): QualificationRecordRow {
  const out: Record<string, unknown> = {};
  for (const c of RECORD_COLUMNS) out[c] = c === "id" ? id : (r as Record<string, unknown>)[c];
  return out as unknown as QualificationRecordRow;
}

/** The shared catalogue plus this organisation's own qualifications (never another organisation's). */
export async function loadCatalogue(db: OrganisationReader): Promise<QualificationRow[]> {
  return db.selectVisible("qualifications").selectAll().execute();
}

/** Catalogue look-up: this organisation's own qualifications win over the shared catalogue on the same key. */
export function catalogueIndex(rows: readonly QualificationRow[]): (text: string) => QualificationRow | undefined {
  const byKey = new Map<string, QualificationRow>();
  const sorted = [...rows].sort((a, b) => (a.organisation_id === null ? 0 : 1) - (b.organisation_id === null ? 0 : 1));
  for (const q of sorted) {
    byKey.set(`t:${qualificationKey(q.title)}`, q);
    if (q.code) byKey.set(`c:${qualificationKey(q.code)}`, q);
    if (q.ofqual_number) byKey.set(`o:${ofqualKey(q.ofqual_number)}`, q);
  }
  return (text) =>
    byKey.get(`t:${qualificationKey(text)}`) ?? byKey.get(`c:${qualificationKey(text)}`) ?? (ofqualKey(text) ? byKey.get(`o:${ofqualKey(text)}`) : undefined);
}

function unitsText(units: readonly { unit_ref: string; result?: string }[]): string | null {
  if (units.length === 0) return null;
  return units.map((u) => (u.result && u.result !== "pass" ? `${u.unit_ref} (${u.result})` : u.unit_ref)).join(";");
}

function sameUnits(before: readonly UnitRow[], after: readonly string[]): boolean {
  if (before.length !== after.length) return false;
  const a = before.map((u) => `${u.unit_ref}\u0000${u.result}\u0000${u.achieved_on ?? ""}`).sort();
  const b = after.map((u) => `${u}\u0000pass\u0000`).sort();
  return a.every((x, i) => x === b[i]);
}

export async function planEnrolments(
  db: OrganisationReader,
  prepared: Prepared<"enrolments">,
  opts: { organisationId: number; today: string; now: string },
): Promise<Plan> {
  const { organisationId, today, now } = opts;
  const errors: RowError[] = [];
  const refHeader = prepared.detected.mapping.employee_ref ?? "employee_ref";
  const qualHeader = prepared.detected.mapping.qualification ?? "qualification";

  const staff = await db.selectFrom("staff").select(["id", "employee_ref"]).execute();
  const staffByRef = new Map(staff.map((s) => [s.employee_ref, s.id]));
  const findQualification = catalogueIndex(await loadCatalogue(db));
  const existing = await db.selectFrom("qualification_records").selectAll().execute();
  const byPair = new Map<string, QualificationRecordRow>();
  for (const r of existing) {
    const key = `${r.staff_id}:${r.qualification_id}`;
    const seen = byPair.get(key);
    if (!seen || r.id > seen.id) byPair.set(key, r); // several by hand: the newest is updated
  }
  const unitsProvided = prepared.providedFields.has("units_achieved");
  // Unit results are loaded whether or not the file has units: the change set keeps a record's full state.
  const unitsByRecord = new Map<number, UnitRow[]>();
  const units = await db.selectFrom("unit_results").selectAll().orderBy("id").execute();
  for (const u of units) {
    const list = unitsByRecord.get(u.record_id);
    if (list) list.push(u);
    else unitsByRecord.set(u.record_id, [u]);
  }

  const fields = RECORD_FIELDS.filter((f) => prepared.providedFields.has(f));
  const items: Item[] = [];
  const firstRowOfPair = new Map<string, number>();
  let unchanged = 0;
  for (const rec of prepared.records as EnrolmentRecord[]) {
    const staffId = staffByRef.get(rec.employee_ref);
    const qualification = findQualification(rec.qualification);
    if (staffId === undefined) {
      errors.push({
        row: rec.row,
        column: refHeader,
        value: rec.employee_ref,
        message: `No staff member has employee reference ${rec.employee_ref} in this organisation (import the staff file first).`,
      });
    }
    if (!qualification) errors.push({ row: rec.row, column: qualHeader, value: rec.qualification, message: unknownQualification(rec.qualification) });
    if (staffId === undefined || !qualification) continue;
    const pair = `${staffId}:${qualification.id}`;
    const firstRow = firstRowOfPair.get(pair);
    if (firstRow !== undefined) {
      errors.push({
        row: rec.row,
        column: qualHeader,
        value: rec.qualification,
        message: `${rec.employee_ref} already has a row for ${qualification.title} in this file (row ${firstRow}); give each person one row per qualification.`,
      });
      continue;
    }
    firstRowOfPair.set(pair, rec.row);

    const before = byPair.get(pair) ?? null;
    const base: Omit<QualificationRecordRow, "id"> = before
      ? { ...before }
      : {
          organisation_id: organisationId,
          staff_id: staffId,
          qualification_id: qualification.id,
          provider: null,
          status: rec.status,
          enrolled_on: null,
          started_on: null,
          expected_completion: null,
          achieved_on: null,
          certificate_ref: null,
          evidence_verified_by: null,
          evidence_verified_on: null,
          pathway: null,
          created_at: now,
          updated_at: now,
        };
    const after = { ...base } as Record<string, unknown>;
    if (before) delete after.id;
    for (const f of fields) after[f] = rec[f] ?? null;
    const beforeUnits = before ? (unitsByRecord.get(before.id) ?? []) : [];
    const units = unitsProvided ? (rec.units_achieved ?? []) : undefined;
    const changed: FieldChange[] = before ? diffFields(before, after, fields) : diffFields({}, after, RECORD_FIELDS);
    const unitsChanged = units !== undefined && !sameUnits(beforeUnits, units);
    if (unitsChanged) changed.push({ field: "units_achieved", before: unitsText(beforeUnits), after: unitsText(units.map((u) => ({ unit_ref: u }))) });
    if (before && changed.length === 0) {
      unchanged++;
      continue;
    }
    if (before) after.updated_at = now;
    const broken = recordRuleErrors(rec, qualification, after, today, (field) => prepared.detected.mapping[field] ?? field, (field) => prepared.providedFields.has(field));
    if (broken.length > 0) {
      errors.push(...broken);
      continue;
    }
    items.push({
      rec,
      qualification,
      before,
      after: after as Omit<QualificationRecordRow, "id">,
      units: unitsChanged || !before ? units : undefined,
      beforeUnits,
      fields: changed,
    });
  }

  const inserts = items.filter((i) => !i.before);
  const updates = items.filter((i) => i.before);
  const change = (action: "insert" | "update", i: Item): PreviewChange => ({
    action,
    entity: "qualification_record",
    key: `${i.rec.employee_ref} · ${i.qualification.title}`,
    employeeRef: i.rec.employee_ref,
    qualification: i.qualification.title,
    row: i.rec.row,
    fields: i.fields.map((f) => ({ ...f, before: fieldValue(f.before), after: fieldValue(f.after) })),
  });
  return insertUpdatePlan({ inserts, updates, unchanged, errors, change, apply: (ctx) => applyEnrolments(ctx, inserts, updates) });
}

/**
 * The record rules of the form, on the record as the row would leave it; the pathway takes the catalogue's
 * spelling (as the form stores it). Each broken rule is an error on its column (the field's name when the file
 * has no such column, e.g. a missing certificate reference).
 */
function recordRuleErrors(
  rec: EnrolmentRecord,
  qualification: QualificationRow,
  after: Record<string, unknown>,
  today: string,
  columnOf: (field: string) => string,
  inFile: (field: string) => boolean,
): RowError[] {
  const pathways = { title: qualification.title, pathways: pathwayNamesOf(qualification.rules_of_combination) };
  const broken = qualificationRecordErrors(after as unknown as Parameters<typeof qualificationRecordErrors>[0], { today, qualification: pathways });
  const pathway = after.pathway as string | null;
  if (!broken.pathway && pathway) after.pathway = pathways.pathways.find((p) => p.toLowerCase() === pathway.toLowerCase()) ?? pathway;
  return Object.entries(broken).map(([field, message]) => ({
    row: rec.row,
    column: columnOf(field),
    value: after[field] == null ? "" : String(after[field]),
    message: `${rec.employee_ref} · ${qualification.title}: ${message}${inFile(field) ? "" : ` (the file has no ${field} column: add one)`}.`,
  }));
}

async function insertUnits(ctx: ApplyContext, recordId: number, refs: readonly string[]): Promise<UnitRow[]> {
  if (refs.length === 0) return [];
  const rows = await ctx.w
    .insertInto("unit_results", refs.map((unit_ref) => ({ record_id: recordId, unit_ref, result: "pass" as const, achieved_on: null })))
    .returning(["id", "organisation_id", "record_id", "unit_ref", "result", "achieved_on"])
    .execute();
  return rows.sort((a, b) => a.id - b.id);
}

async function applyEnrolments(ctx: ApplyContext, inserts: Item[], updates: Item[]): Promise<void> {
  const { w } = ctx;
  const tick = progressTicker(ctx, inserts.length + updates.length);
  const changes: ChangeRecord[] = [];

  for (const batch of chunks(inserts, batchSizeFor(RECORD_COLUMNS.length))) {
    const returned = await w
      .insertInto("qualification_records", batch.map(({ after: { organisation_id: _organisation, ...values } }) => values))
      .returning(["id", "staff_id", "qualification_id"])
      .execute();
    const ids = new Map(returned.map((r) => [`${r.staff_id}:${r.qualification_id}`, r.id]));
    for (const i of batch) {
      const id = ids.get(`${i.after.staff_id}:${i.after.qualification_id}`)!;
      const units = await insertUnits(ctx, id, i.units ?? []);
      const after: RecordWithUnits = { ...recordRow(i.after, id), units };
      changes.push({ entity: "qualification_record", entityId: id, action: "insert", before: null, after });
    }
    tick(batch.length);
  }

  for (const i of updates) {
    const before = i.before!;
    const row = recordRow(i.after, before.id);
    const { id: _id, organisation_id: _organisation, ...values } = row;
    await w.updateTable("qualification_records").set(values).where("id", "=", before.id).execute();
    let units = i.beforeUnits;
    if (i.units !== undefined) {
      await w.deleteFrom("unit_results").where("record_id", "=", before.id).execute();
      units = await insertUnits(ctx, before.id, i.units);
    }
    changes.push({
      entity: "qualification_record",
      entityId: before.id,
      action: "update",
      before: { ...recordRow(before, before.id), units: i.beforeUnits } satisfies RecordWithUnits,
      after: { ...row, units } satisfies RecordWithUnits,
    });
    tick(1);
  }
  await insertChanges(w, ctx.importRunId, changes);
}
