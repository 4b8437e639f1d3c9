/**
 * Staff imports: upsert by employee reference within the organisation. In full mode the file is the whole
 * workforce: active people missing from it get a leaving date (the import date), never deletion. Existing
 * staff are loaded into a Map once, the diff is computed in memory, and the writes are multi-row statements.
 */
import type { Staff } from "../db/schema";
import type { Prepared, StaffRecord } from "./prepare";
import { diffFields, orderedPreview, progressTicker, type ApplyContext, type Plan } from "./plan";
import type { OrganisationReader, OrganisationWriter } from "../app/models/organisation-scope.server";
import { batchSizeFor, chunks, insertChanges, type ChangeRecord } from "./store";
import type { FieldChange, ImportMode, PreviewChange } from "./types";
import { normaliseJobTitle } from "../app/compliance/job-title";
import { staffFromRow, type StaffDetails } from "../app/models/organisation-data.server";

/** Staff columns a file can set (job_title_normalised follows job_title). */
export const STAFF_FIELDS = [
  "first_name",
  "last_name",
  "email",
  "job_title",
  "department",
  "location",
  "manager_ref",
  "employer",
  "fte",
  "start_date",
  "role_start_date",
  "end_date",
  "on_probation",
  "probation_end_date",
] as const;

/** Every staff column, in table order, for full-row change records. */
const STAFF_COLUMNS = [
  "id",
  "organisation_id",
  "employee_ref",
  "first_name",
  "last_name",
  "email",
  "job_title",
  "job_title_normalised",
  "department",
  "location",
  "manager_ref",
  "employer",
  "fte",
  "start_date",
  "role_start_date",
  "end_date",
  "on_probation",
  "probation_end_date",
  "created_at",
  "updated_at",
] as const satisfies readonly (keyof Staff)[];

/** A row the import adds; `values.id` is 0 until the apply sets the database's id. */
interface Insert {
  row: number;
  values: Staff;
}

interface Update {
  row: number;
  before: Staff;
  after: Staff;
  fields: FieldChange[];
}

/** Share of active staff above which a full import's leavers earn a warning. */
const LEAVER_WARNING_SHARE = 0.2;

function isActive(s: Staff, today: string): boolean {
  return s.end_date === null || s.end_date > today;
}

const COLUMN_PREFIXES = STAFF_COLUMNS.map((c, i) => `${i === 0 ? "{" : ","}${JSON.stringify(c)}:`);

/**
 * The full row as its change record stores it: exactly `JSON.stringify` of the row's columns in table order (a
 * column without a value left out, as JSON.stringify leaves out undefined), written straight to text instead of
 * through a copy of the row (100,000 of them in a large import).
 */
function fullRowJson(s: Staff): string {
  let out = `${COLUMN_PREFIXES[0]}${JSON.stringify(s.id)}`;
  for (let i = 1; i < STAFF_COLUMNS.length; i++) {
    const v = (s as Record<string, unknown>)[STAFF_COLUMNS[i]];
    if (v !== undefined) out += COLUMN_PREFIXES[i] + (v === null ? "null" : JSON.stringify(v));
  }
  return `${out}}`;
}

export async function planStaff(
  db: OrganisationReader,
  prepared: Prepared<"staff">,
  opts: { organisationId: number; mode: ImportMode; today: string; now: string },
): Promise<Plan> {
  const { organisationId, mode, today, now } = opts;
  const existing = await db.selectFrom("staff").selectAll().orderBy("id").execute();
  const byRef = new Map<string, Staff>();
  for (const s of existing) byRef.set(s.employee_ref, s);

  const fields = STAFF_FIELDS.filter((f) => prepared.providedFields.has(f));
  const normalised = new Map<string, string>(); // a few hundred titles shared by thousands of people
  const normalise = (title: string): string => {
    let n = normalised.get(title);
    if (n === undefined) {
      n = normaliseJobTitle(title);
      normalised.set(title, n);
    }
    return n;
  };
  const inserts: Insert[] = [];
  const updates: Update[] = [];
  const leavers: Update[] = [];
  let unchanged = 0;

  for (const rec of prepared.records as StaffRecord[]) {
    const current = byRef.get(rec.employee_ref);
    if (!current) {
      const values: Staff = {
        id: 0,
        organisation_id: organisationId,
        employee_ref: rec.employee_ref,
        first_name: rec.first_name ?? null,
        last_name: rec.last_name ?? null,
        email: rec.email ?? null,
        job_title: rec.job_title,
        job_title_normalised: normalise(rec.job_title),
        department: rec.department ?? null,
        location: rec.location ?? null,
        manager_ref: rec.manager_ref ?? null,
        employer: rec.employer ?? null,
        fte: rec.fte ?? null,
        start_date: rec.start_date ?? null,
        role_start_date: rec.role_start_date ?? null,
        end_date: rec.end_date ?? null,
        on_probation: rec.on_probation ?? 0,
        probation_end_date: rec.probation_end_date ?? null,
        created_at: now,
        updated_at: now,
      };
      inserts.push({ row: rec.row, values });
      continue;
    }
    let after: Staff | null = null;
    for (const f of fields) {
      const next = f === "on_probation" ? (rec.on_probation ?? 0) : (rec[f] ?? null);
      if (current[f] !== next) {
        after ??= { ...current };
        (after as Record<string, unknown>)[f] = next;
      }
    }
    // Clearing the probation flag must not shrink the 9-month grace: with no probation end date in the file or
    // on record, the import date is recorded as the day probation ended.
    if (after !== null && current.on_probation === 1 && after.on_probation === 0 && after.probation_end_date == null) {
      after.probation_end_date = today;
    }
    if (after === null) {
      unchanged++;
      continue;
    }
    after.job_title_normalised = normalise(after.job_title);
    after.updated_at = now;
    updates.push({ row: rec.row, before: current, after, fields: diffFields(current, after, STAFF_FIELDS) });
  }

  const warnings: string[] = [];
  if (mode === "full" && existing.length > 0) {
    const present = new Set<string>();
    for (const r of prepared.records as StaffRecord[]) present.add(r.employee_ref);
    for (const k of prepared.invalidKeys) present.add(k);
    let active = 0;
    for (const s of existing) {
      if (!isActive(s, today)) continue;
      active++;
      if (present.has(s.employee_ref)) continue;
      const after: Staff = { ...s, end_date: today, updated_at: now };
      leavers.push({ row: 0, before: s, after, fields: [{ field: "end_date", before: s.end_date, after: today }] });
    }
    leavers.sort((a, b) => (a.before.employee_ref < b.before.employee_ref ? -1 : a.before.employee_ref > b.before.employee_ref ? 1 : 0));
    if (leavers.length >= 3 && leavers.length > active * LEAVER_WARNING_SHARE) {
      warnings.push(
        `This full import would mark ${leavers.length} of ${active} active people as leavers (leaving date ${today}). If the file is not the whole workforce, import it in partial mode.`,
      );
    }
  }

  const staffChange = (action: PreviewChange["action"], u: Update): PreviewChange => ({
    action,
    entity: "staff",
    key: u.after.employee_ref,
    employeeRef: u.after.employee_ref,
    jobTitle: u.after.job_title,
    row: action === "leaver" ? null : u.row,
    fields: u.fields,
  });

  return {
    added: inserts.length,
    changed: updates.length,
    unchanged,
    leavers: leavers.length,
    errors: [],
    warnings,
    preview: (limit) =>
      orderedPreview(limit, [
        { count: leavers.length, at: (i) => staffChange("leaver", leavers[i]) },
        { count: updates.length, at: (i) => staffChange("update", updates[i]) },
        {
          count: inserts.length,
          at: (i) => {
            const v = inserts[i].values;
            return {
              action: "insert",
              entity: "staff",
              key: v.employee_ref,
              employeeRef: v.employee_ref,
              jobTitle: v.job_title,
              row: inserts[i].row,
              fields: diffFields({}, v, STAFF_FIELDS),
            };
          },
        },
      ]),
    apply: (ctx) => applyStaff(ctx, inserts, updates, leavers),
    staffAfter: () => {
      const rewritten = new Map<number, Staff>();
      for (const u of updates) rewritten.set(u.after.id, u.after);
      for (const u of leavers) rewritten.set(u.after.id, u.after);
      const people: StaffDetails[] = existing.map((s) => staffFromRow(rewritten.get(s.id) ?? s));
      let sorted = true;
      for (const i of inserts) {
        if (i.values.id === 0) throw new Error("staffAfter() is called after the apply");
        if (people.length > 0 && people[people.length - 1].id > i.values.id) sorted = false;
        people.push(staffFromRow(i.values));
      }
      // New ids follow the existing ones, so the list is usually in id order already.
      return sorted ? people : people.sort((a, b) => a.id - b.id);
    },
  };
}

/** Columns an import inserts: the id comes from the database and organisation_id from the scope. */
const INSERT_COLUMNS = STAFF_COLUMNS.filter((c) => c !== "id" && c !== "organisation_id");

async function applyStaff(
  ctx: ApplyContext,
  inserts: Insert[],
  updates: Update[],
  leavers: Update[],
): Promise<void> {
  const { w } = ctx;
  const tick = progressTicker(ctx, inserts.length + updates.length + leavers.length);
  const size = batchSizeFor(STAFF_COLUMNS.length);

  // Each batch's change records are written straight after it, so the change set is never all in memory.
  // An insert's record is the new row's id alone (decisions 0066, 0071): undo deletes the row, and refuses when it has
  // been rewritten since, comparing its updated_at with the run's time (every row this import writes carries it, and
  // every import that rewrites a row sets its own). The person's history says "added" and reads nothing else from it.
  // Updates and leavers keep their whole rows, before and after.
  for (const batch of chunks(inserts, size)) {
    const ids = await w.insertRowsWithIds("staff", INSERT_COLUMNS, batch.map((b) => b.values), "employee_ref");
    const changes: ChangeRecord[] = batch.map((b, i) => {
      b.values.id = ids[i];
      return { entity: "staff", entityId: ids[i], action: "insert", before: null, after: null };
    });
    await insertChanges(w, ctx.importRunId, changes);
    tick(batch.length);
  }

  const rewrites = [...updates.map((u) => ({ u, action: "update" as const })), ...leavers.map((u) => ({ u, action: "leaver" as const }))];
  for (const batch of chunks(rewrites, size)) {
    await upsertStaffRows(
      w,
      batch.map((b) => b.u.after),
    );
    const changes: ChangeRecord[] = batch.map((b) => ({
      entity: "staff",
      entityId: b.u.before.id,
      action: b.action,
      before: fullRowJson(b.u.before),
      after: fullRowJson(b.u.after),
    }));
    await insertChanges(w, ctx.importRunId, changes);
    tick(batch.length);
  }
}

/**
 * Rewrites whole staff rows by id in one statement (INSERT … ON CONFLICT(id) DO UPDATE) through the scope: never
 * rewrites `organisation_id`, and refuses (rolling the write back) an id that is another organisation's.
 */
export async function upsertStaffRows(w: OrganisationWriter, rows: readonly Staff[]): Promise<void> {
  await w.upsertRowsById("staff", STAFF_COLUMNS, rows);
}

export { STAFF_COLUMNS };
