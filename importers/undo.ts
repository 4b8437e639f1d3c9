/**
 * Undo of the organisation's most recent applied import, from its change set: inserted rows are deleted,
 * updated rows (and their unit results) are put back exactly as they were, in one transaction. Refused
 * when a later import has been applied, or when a row the import wrote has been changed since (undoing
 * would silently throw that later change away).
 */
import type { QualificationRecordRow, ScopeDecisionRow, Staff } from "../db/schema";
import type { OrganisationReader, OrganisationScope } from "../app/models/organisation-scope.server";
import { CONDUCT_DEFINITIONS, conductDefinitionOf, conductTableOf, type ConductEntity } from "./conduct";
import type { RecordWithUnits, UnitRow } from "./enrolments";
import { upsertStaffRows } from "./staff";
import { batchSizeFor, chunks, nowIso } from "./store";
import type { ChangeEntity } from "./types";

export type UndoResult =
  | { ok: true; importRunId: number; deleted: number; restored: number; message: string }
  | { ok: false; importRunId: number; message: string };

interface ChangeRow {
  entity: ChangeEntity;
  entity_id: number;
  action: "insert" | "update" | "leaver";
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const MAX_CONFLICTS_LISTED = 5;

function sameRow(current: Record<string, unknown>, expected: Record<string, unknown>): string[] {
  const differing: string[] = [];
  for (const [k, v] of Object.entries(expected)) {
    if (k === "units") continue;
    if ((current[k] ?? null) !== (v ?? null)) differing.push(k);
  }
  return differing;
}

function sameUnits(current: readonly UnitRow[], expected: readonly UnitRow[]): boolean {
  if (current.length !== expected.length) return false;
  const key = (u: UnitRow) => `${u.id}\u0000${u.unit_ref}\u0000${u.result}\u0000${u.achieved_on ?? ""}`;
  const a = current.map(key).sort();
  const b = expected.map(key).sort();
  return a.every((x, i) => x === b[i]);
}

async function selectByIds<T>(ids: readonly number[], load: (batch: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const batch of chunks(ids, 500)) out.push(...(await load(batch)));
  return out;
}

function label(change: ChangeRow, current?: Record<string, unknown>): string {
  const row = (change.after ?? change.before ?? {}) as Record<string, unknown>;
  if (change.entity === "staff") return `staff ${String(row.employee_ref ?? current?.employee_ref ?? change.entity_id)}`;
  if (change.entity === "scope_decision") return `the decision for '${String(row.job_title ?? change.entity_id)}'`;
  if (change.entity === "qualification_record") return `qualification record ${change.entity_id}`;
  return `${conductDefinitionOf(change.entity as ConductEntity).noun[0]} ${change.entity_id}`;
}

/**
 * A person the import added is recorded by id alone (decision 0071): the row is as the import wrote it while its
 * updated_at is still the run's time. Earlier records carry their reference and time, or the whole row (0066).
 */
function addedPersonAsWritten(change: { entity: string; action: string }, runTime: string): Record<string, unknown> | null {
  return change.entity === "staff" && change.action === "insert" ? { updated_at: runTime } : null;
}

interface UndoState {
  ok: true;
  run: { kind: string; file_name: string };
  staffChanges: ChangeRow[];
  recordChanges: ChangeRow[];
  decisionChanges: ChangeRow[];
  staffNow: Map<number, Staff>;
  recordsNow: Map<number, QualificationRecordRow>;
  decisionsNow: Map<number, ScopeDecisionRow>;
  /** Conduct evidence (acknowledgements, meetings, completions): their changes and current rows. */
  conductChanges: ChangeRow[];
  conductNow: Map<string, Record<string, unknown>>;
}

const conductKey = (entity: string, id: number) => `${entity}:${id}`;

/** Everything undo checks before writing: the run exists, was applied, is the latest, and nothing it wrote has changed since. */
async function checkUndo(trx: OrganisationReader, importRunId: number): Promise<UndoState | { ok: false; importRunId: number; message: string }> {
  const fail = (message: string) => ({ ok: false as const, importRunId, message });
  {
    const run = await trx.selectFrom("import_runs").selectAll().where("id", "=", importRunId).executeTakeFirst();
    if (!run) return fail(`There is no import ${importRunId} in this organisation.`);
    if (run.status === "undone") return fail(`Import ${importRunId} was already undone (${run.undone_at ?? "earlier"} by ${run.undone_by ?? "someone"}).`);
    if (run.status !== "applied") return fail(`Import ${importRunId} was rejected, so it changed nothing and there is nothing to undo.`);
    const later = await trx
      .selectFrom("import_runs")
      .select(["id", "kind", "file_name", "created_at"])
      .where("status", "=", "applied")
      .where("id", ">", importRunId)
      .orderBy("id", "desc")
      .executeTakeFirst();
    if (later) {
      return fail(
        `Only the most recent import can be undone: import ${later.id} (${later.kind}, '${later.file_name}', ${later.created_at}) was applied after this one. Undo that one first.`,
      );
    }

    const changes: ChangeRow[] = (
      await trx.selectFromChild("import_changes").selectAll().where("import_run_id", "=", importRunId).orderBy("id").execute()
    ).map((c) => ({
      entity: c.entity,
      entity_id: c.entity_id,
      action: c.action,
      before: c.before_json ? (JSON.parse(c.before_json) as Record<string, unknown>) : null,
      after: c.after_json ? (JSON.parse(c.after_json) as Record<string, unknown>) : addedPersonAsWritten(c, run.created_at),
    }));
    const of = (entity: ChangeRow["entity"]) => changes.filter((c) => c.entity === entity);
    const staffChanges = of("staff");
    const recordChanges = of("qualification_record");
    const decisionChanges = of("scope_decision");
    const conductChanges = changes.filter((c) => conductTableOf(c.entity) !== undefined);

    // Current state of every row the import wrote, looked up by primary key (selectWhereIn keeps SQLite off the
    // organisation's index).
    const staffNow = new Map<number, Staff>();
    for (const s of await selectByIds(
      staffChanges.map((c) => c.entity_id),
      (ids) => trx.selectWhereIn("staff", "id", ids).selectAll().execute(),
    ))
      staffNow.set(s.id, s);
    const recordsNow = new Map<number, QualificationRecordRow>();
    for (const r of await selectByIds(
      recordChanges.map((c) => c.entity_id),
      (ids) => trx.selectWhereIn("qualification_records", "id", ids).selectAll().execute(),
    ))
      recordsNow.set(r.id, r);
    const unitsNow = new Map<number, UnitRow[]>();
    for (const u of await selectByIds(
      recordChanges.map((c) => c.entity_id),
      (ids) => trx.selectWhereIn("unit_results", "record_id", ids).selectAll().execute(),
    )) {
      const list = unitsNow.get(u.record_id);
      if (list) list.push(u);
      else unitsNow.set(u.record_id, [u]);
    }
    const decisionsNow = new Map<number, ScopeDecisionRow>();
    for (const d of await selectByIds(
      decisionChanges.map((c) => c.entity_id),
      (ids) => trx.selectWhereIn("scope_decisions", "id", ids).selectAll().execute(),
    ))
      decisionsNow.set(d.id, d);
    const conductNow = new Map<string, Record<string, unknown>>();
    for (const entity of new Set(conductChanges.map((c) => c.entity))) {
      const table = conductTableOf(entity)!;
      const ids = conductChanges.filter((c) => c.entity === entity).map((c) => c.entity_id);
      for (const r of await selectByIds(ids, (batch) => trx.selectWhereIn(table, "id", batch).selectAll().execute())) {
        conductNow.set(conductKey(entity, r.id), r as Record<string, unknown>);
      }
    }

    // Refuse if anything the import wrote has changed since.
    const conflicts: string[] = [];
    for (const c of changes) {
      const current: Record<string, unknown> | undefined =
        c.entity === "staff"
          ? staffNow.get(c.entity_id)
          : c.entity === "qualification_record"
            ? recordsNow.get(c.entity_id)
            : c.entity === "scope_decision"
              ? decisionsNow.get(c.entity_id)
              : conductNow.get(conductKey(c.entity, c.entity_id));
      if (!current) {
        if (c.action !== "insert") conflicts.push(`${label(c)} has been deleted since`);
        continue;
      }
      const differing = sameRow(current, c.after ?? {});
      if (c.entity === "qualification_record" && !sameUnits(unitsNow.get(c.entity_id) ?? [], ((c.after as RecordWithUnits | null)?.units ?? []) as UnitRow[])) {
        differing.push("unit results");
      }
      if (differing.length > 0) conflicts.push(`${label(c, current)} has been changed since (${differing.join(", ")})`);
    }
    // People this import added who have gained records, overrides or absences since would lose them.
    const insertedStaff = staffChanges.filter((c) => c.action === "insert" && staffNow.has(c.entity_id)).map((c) => c.entity_id);
    if (insertedStaff.length > 0) {
      for (const [table, what] of [
        ["qualification_records", "qualification records"],
        ["person_overrides", "a scope override"],
        ["absences", "absences"],
        ["conduct_acknowledgements", "code of conduct acknowledgements"],
        ["supervision_meetings", "supervision or appraisal records"],
        ["training_completions", "training completions"],
      ] as const) {
        const rows = await selectByIds(insertedStaff, (ids) =>
          trx.selectWhereIn(table, "staff_id", ids).select("staff_id").distinct().execute(),
        );
        for (const r of rows) conflicts.push(`staff ${staffNow.get(r.staff_id)?.employee_ref ?? r.staff_id}, added by this import, now has ${what}`);
      }
    }
    if (conflicts.length > 0) {
      const listed = conflicts.slice(0, MAX_CONFLICTS_LISTED).join("; ");
      const more = conflicts.length > MAX_CONFLICTS_LISTED ? ` (and ${conflicts.length - MAX_CONFLICTS_LISTED} more)` : "";
      return fail(`Import ${importRunId} cannot be undone without losing later changes: ${listed}${more}.`);
    }
    return { ok: true, run, staffChanges, recordChanges, decisionChanges, staffNow, recordsNow, decisionsNow, conductChanges, conductNow };
  }
}

/** Undoes one applied import in the scope's organisation, as the scope's actor, in one `scope.write`. */
export async function undoLastImport(scope: OrganisationScope, importRunId: number): Promise<UndoResult> {
  const actor = scope.actor.name;

  const outcome = await scope.writeOrRefuse(async (w, refuse: (refusal: UndoResult) => never): Promise<UndoResult> => {
    const state = await checkUndo(w, importRunId);
    // Nothing written: leave (rolling back the revision bump) with the reason.
    if (!state.ok) refuse(state);
    const { run, staffChanges, recordChanges, decisionChanges, staffNow, recordsNow, decisionsNow, conductChanges, conductNow } = state;

    // Put everything back.
    let deleted = 0;
    let restored = 0;
    const deleteIds = (cs: ChangeRow[], present: Map<number, unknown>) => cs.filter((c) => c.action === "insert" && present.has(c.entity_id)).map((c) => c.entity_id);
    const restoreRows = <T>(cs: ChangeRow[]) => cs.filter((c) => c.action !== "insert").map((c) => c.before as unknown as T);

    const recordIds = deleteIds(recordChanges, recordsNow);
    for (const ids of chunks(recordIds, 500)) {
      await w.deleteWhereIn("unit_results", "record_id", ids).execute();
      await w.deleteWhereIn("qualification_records", "id", ids).execute();
    }
    for (const before of restoreRows<RecordWithUnits>(recordChanges)) {
      const { units, id, organisation_id: _organisation, ...values } = before;
      await w.updateTable("qualification_records").set(values).where("id", "=", id).execute();
      await w.deleteWhereIn("unit_results", "record_id", [id]).execute();
      if (units.length > 0) await w.insertInto("unit_results", units.map(({ organisation_id: _o, ...unit }) => unit)).execute();
      restored++;
    }
    deleted += recordIds.length;

    const decisionIds = deleteIds(decisionChanges, decisionsNow);
    for (const ids of chunks(decisionIds, 500)) await w.deleteWhereIn("scope_decisions", "id", ids).execute();
    for (const before of restoreRows<ScopeDecisionRow>(decisionChanges)) {
      const { id, organisation_id: _organisation, ...values } = before;
      await w.updateTable("scope_decisions").set(values).where("id", "=", id).execute();
      restored++;
    }
    deleted += decisionIds.length;

    for (const def of Object.values(CONDUCT_DEFINITIONS)) {
      const mine = conductChanges.filter((c) => c.entity === def.entity);
      const ids = mine.filter((c) => c.action === "insert" && conductNow.has(conductKey(c.entity, c.entity_id))).map((c) => c.entity_id);
      for (const batch of chunks(ids, 500)) await w.deleteWhereIn(def.table, "id", batch).execute();
      deleted += ids.length;
      const cols = ["id", ...def.columns];
      const before = restoreRows<Record<string, unknown>>(mine);
      if (before.length > 0) await w.upsertRowsById(def.table, cols, before.map((r) => cols.map((c) => r[c] ?? null)));
      restored += before.length;
    }

    const staffIds = deleteIds(staffChanges, staffNow);
    for (const ids of chunks(staffIds, 500)) await w.deleteWhereIn("staff", "id", ids).execute();
    const staffRows = restoreRows<Staff>(staffChanges);
    for (const batch of chunks(staffRows, batchSizeFor(19))) await upsertStaffRows(w, batch);
    restored += staffRows.length;
    deleted += staffIds.length;

    const at = nowIso();
    await w.updateTable("import_runs").set({ status: "undone", undone_at: at, undone_by: actor }).where("id", "=", importRunId).execute();
    const message = `Undid import ${importRunId} (${run.kind}, '${run.file_name}'): ${deleted} added row${deleted === 1 ? "" : "s"} removed, ${restored} row${restored === 1 ? "" : "s"} restored.`;
    await w.audit({
      action: "import.undo",
      entity: "import_run",
      entityId: importRunId,
      summary: message,
      after: { deleted, restored },
    });
    return { ok: true, importRunId, deleted, restored, message };
  });
  return "refused" in outcome ? outcome.refused : outcome.done;
}

export type UndoPreview =
  | { ok: true; importRunId: number; removes: number; restores: number; leavers: number; message: string }
  | { ok: false; importRunId: number; message: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const NOUNS: Record<ChangeRow["entity"], readonly [string, string]> = {
  staff: ["person", "people"],
  qualification_record: ["qualification record", "qualification records"],
  scope_decision: ["scope decision", "scope decisions"],
  conduct_acknowledgement: CONDUCT_DEFINITIONS.acknowledgements.noun,
  supervision_meeting: CONDUCT_DEFINITIONS.supervisions.noun,
  training_completion: CONDUCT_DEFINITIONS.training.noun,
};

/**
 * What undoing an import would do, for the confirmation step: the same checks as the undo itself (so a refusal
 * is known before the user confirms), and what it would remove and put back. Writes nothing.
 */
export async function previewUndo(scope: OrganisationReader, importRunId: number): Promise<UndoPreview> {
  const state = await checkUndo(scope, importRunId);
  if (!state.ok) return state;
  const all = [...state.staffChanges, ...state.recordChanges, ...state.decisionChanges, ...state.conductChanges];
  const removes: string[] = [];
  const restores: string[] = [];
  for (const entity of Object.keys(NOUNS) as ChangeRow["entity"][]) {
    const [one, many] = NOUNS[entity];
    const inserted = all.filter((c) => c.entity === entity && c.action === "insert").length;
    const changed = all.filter((c) => c.entity === entity && c.action !== "insert").length;
    if (inserted > 0) removes.push(plural(inserted, one, many));
    if (changed > 0) restores.push(plural(changed, one, many));
  }
  const leavers = all.filter((c) => c.action === "leaver").length;
  const removeCount = all.filter((c) => c.action === "insert").length;
  const parts: string[] = [];
  if (removes.length > 0) parts.push(`remove the ${removes.join(" and ")} it added`);
  if (restores.length > 0) parts.push(`put the ${restores.join(" and ")} it changed back as they were before`);
  const leaverNote = leavers > 0 ? ` ${plural(leavers, "person it marked as a leaver becomes", "people it marked as leavers become")} current staff again.` : "";
  const what = parts.length > 0 ? parts.join(", and ") : "change nothing (the import added and changed nothing)";
  return {
    ok: true,
    importRunId,
    removes: removeCount,
    restores: all.length - removeCount,
    leavers,
    message: `Undoing import ${importRunId} (${state.run.kind}, '${state.run.file_name}') will ${what}.${leaverNote} Nothing else changes.`,
  };
}
