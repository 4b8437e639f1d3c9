/**
 * Conduct evidence imports (docs/conduct.md): code-of-conduct acknowledgements, supervision / one-to-one /
 * appraisal meetings and training completions. Each kind is a definition (the table it writes, the columns that
 * identify a row, the columns a later file may change, and how a file row becomes a row of that table); one
 * planner and the shared undo serve all three. People are matched by employee reference, the code version by its
 * text, courses by title or code; the checks are the conduct rules the forms use (app/conduct/records.ts).
 * A row already recorded is unchanged; a row with a changed date (acknowledgement) or expiry (training) updates it.
 */
import type { ConductSource } from "../db/schema";
import { acknowledgementDateProblem, completionDateProblems, meetingDateProblem, normaliseText, POLICY_KIND_LABELS } from "../app/conduct";
import { listPolicyVersions } from "../app/models/conduct/policies.server";
import { closeRecommendations, trainingCourses } from "../app/models/conduct/training.server";
import type { OrganisationReader, OrganisationWriter } from "../app/models/organisation-scope.server";
import { diffFields, insertUpdatePlan, progressTicker, type ApplyContext, type Plan } from "./plan";
import type { ConductRecord, Prepared } from "./prepare";
import { chunks, insertChanges, type ChangeRecord } from "./store";
import type { ConductImportKind as ConductKind } from "./kinds";
import type { FieldChange, FieldValue, PreviewChange, RowError } from "./types";
import { cutCell } from "./values";

export type ConductTable = "conduct_acknowledgements" | "supervision_meetings" | "training_completions";
export type ConductEntity = "conduct_acknowledgement" | "supervision_meeting" | "training_completion";

type Values = Record<string, string | number | null>;

/** How a row is told about a problem: the file's header for a canonical field. */
interface Env {
  today: string;
  column(field: string): string;
}

interface Resolved {
  /** The row's columns besides staff_id and the bookkeeping ones. */
  values: Values;
  /** What the preview says the row is, e.g. "Code of conduct 2026". */
  what: string;
  /** The fields shown in the preview (canonical field → value as stored or named). */
  shown: Record<string, FieldValue>;
}

export interface ConductKindDefinition<C = unknown> {
  kind: ConductKind;
  table: ConductTable;
  entity: ConductEntity;
  noun: readonly [one: string, many: string];
  /** The table's columns (without id and organisation_id), in insert order. */
  columns: readonly string[];
  /** Columns besides staff_id that identify a row (the table's unique key). */
  key: readonly string[];
  /** Columns a later file may change on a row it matches, and the field each comes from. */
  updatable: readonly { column: string; field: string }[];
  load(db: OrganisationReader): Promise<C>;
  resolve(rec: ConductRecord, c: C, env: Env): Resolved | RowError[];
  /** What recording these rows sets off, in the same transaction (a completed course closes its skills-audit recommendation). */
  afterInsert?(w: OrganisationWriter, rows: readonly StoredRow[], today: string): Promise<void>;
}

const BOOKKEEPING = ["source", "recorded_by", "created_at"] as const;

const acknowledgements: ConductKindDefinition<{ versions: Map<string, { id: number; version: string; approvedOn: string }>; listed: string }> = {
  kind: "acknowledgements",
  table: "conduct_acknowledgements",
  entity: "conduct_acknowledgement",
  noun: ["code of conduct acknowledgement", "code of conduct acknowledgements"],
  columns: ["staff_id", "policy_version_id", "acknowledged_on", ...BOOKKEEPING],
  key: ["policy_version_id"],
  updatable: [{ column: "acknowledged_on", field: "acknowledged_on" }],
  async load(db) {
    const codes = (await listPolicyVersions(db)).filter((v) => v.kind === "code_of_conduct");
    return {
      versions: new Map(codes.map((v) => [versionKey(v.version), { id: v.id, version: v.version, approvedOn: v.approvedOn }])),
      listed: codes.map((v) => v.version).join(", "),
    };
  },
  resolve(rec, c, env) {
    const text = String(rec.version);
    const code = c.versions.get(versionKey(text));
    if (!code) {
      const known = c.listed ? `the versions recorded are: ${c.listed}` : "none is recorded yet";
      return [{ row: rec.row, column: env.column("version"), value: text, message: `'${cutCell(text)}' is not a version of this organisation's ${POLICY_KIND_LABELS.code_of_conduct.toLowerCase()} (${known}); record it first (npm run cli -- policy add --kind code_of_conduct …).` }];
    }
    const on = String(rec.acknowledged_on);
    const problem = acknowledgementDateProblem(code, on, env.today);
    if (problem) return [{ row: rec.row, column: env.column("acknowledged_on"), value: on, message: `${problem}.` }];
    return { values: { policy_version_id: code.id, acknowledged_on: on }, what: `${POLICY_KIND_LABELS.code_of_conduct} ${code.version}`, shown: { version: code.version, acknowledged_on: on } };
  },
};

const supervisions: ConductKindDefinition<null> = {
  kind: "supervisions",
  table: "supervision_meetings",
  entity: "supervision_meeting",
  noun: ["meeting", "meetings"],
  columns: ["staff_id", "kind", "held_on", "note", ...BOOKKEEPING],
  key: ["kind", "held_on"],
  updatable: [],
  load: async () => null,
  resolve(rec, _c, env) {
    const heldOn = String(rec.held_on);
    const problem = meetingDateProblem(heldOn, env.today);
    if (problem) return [{ row: rec.row, column: env.column("held_on"), value: heldOn, message: `${problem}.` }];
    const kind = String(rec.kind);
    return { values: { kind, held_on: heldOn, note: null }, what: `${kind.replace(/_/g, " ")} ${heldOn}`, shown: { kind, held_on: heldOn } };
  },
};

interface CourseIndex {
  find(text: string): { id: number; title: string } | undefined;
  listed: string;
}

const training: ConductKindDefinition<CourseIndex> = {
  kind: "training",
  table: "training_completions",
  entity: "training_completion",
  noun: ["training completion", "training completions"],
  columns: ["staff_id", "course_id", "completed_on", "expires_on", ...BOOKKEEPING],
  key: ["course_id", "completed_on"],
  updatable: [{ column: "expires_on", field: "expires_on" }],
  async load(db) {
    const courses = await trainingCourses(db);
    const byTitle = new Map<string, (typeof courses)[number]>();
    const byCode = new Map<string, (typeof courses)[number]>();
    for (const c of courses) {
      if (!byTitle.has(normaliseText(c.title))) byTitle.set(normaliseText(c.title), c);
      if (c.code && !byCode.has(c.code.toUpperCase())) byCode.set(c.code.toUpperCase(), c);
    }
    const names = courses.slice(0, 12).map((c) => (c.code ? `${c.title} (${c.code})` : c.title));
    return {
      find: (text) => byCode.get(text.trim().toUpperCase()) ?? byTitle.get(normaliseText(text)),
      listed: names.join(", ") + (courses.length > names.length ? "…" : ""),
    };
  },
  resolve(rec, c, env) {
    const text = String(rec.course);
    const course = c.find(text);
    const errors: RowError[] = [];
    if (!course) {
      const known = c.listed ? `courses: ${c.listed}` : "the course list is empty";
      errors.push({ row: rec.row, column: env.column("course"), value: text, message: `'${cutCell(text)}' is not on this organisation's course list (${known}); use a course's title or code, or add it on the training page first.` });
    }
    const completedOn = String(rec.completed_on);
    const expiresOn = rec.expires_on == null ? null : String(rec.expires_on);
    const problems = completionDateProblems(completedOn, expiresOn, env.today);
    if (problems.completedOn) errors.push({ row: rec.row, column: env.column("completed_on"), value: completedOn, message: `${problems.completedOn}.` });
    if (problems.expiresOn) errors.push({ row: rec.row, column: env.column("expires_on"), value: expiresOn ?? "", message: `${problems.expiresOn}.` });
    if (errors.length > 0 || !course) return errors;
    const shown: Record<string, FieldValue> = { course: course.title, completed_on: completedOn };
    if (rec.expires_on !== undefined) shown.expires_on = expiresOn;
    return { values: { course_id: course.id, completed_on: completedOn, expires_on: expiresOn }, what: `${course.title} ${completedOn}`, shown };
  },
  async afterInsert(w, rows, today) {
    const written = rows.map((r) => ({ id: r.id, staffId: r.staff_id, courseId: Number(r.course_id), completedOn: String(r.completed_on), expiresOn: r.expires_on == null ? null : String(r.expires_on) }));
    await closeRecommendations(w, written, today);
  },
};

/** "Version 3", "v3" and "3" name the same version. */
function versionKey(text: string): string {
  return normaliseText(text).replace(/^(version|ver\.?|v)\s*(?=\d)/, "");
}

/** A definition whose look-up context is its own business. */
type AnyDefinition = ConductKindDefinition<unknown>;
const erase = <C>(d: ConductKindDefinition<C>): AnyDefinition => d as unknown as AnyDefinition;

export const CONDUCT_DEFINITIONS: Record<ConductKind, AnyDefinition> = {
  acknowledgements: erase(acknowledgements),
  supervisions: erase(supervisions),
  training: erase(training),
};

const ENTITY_TABLES: Record<ConductEntity, ConductTable> = {
  conduct_acknowledgement: "conduct_acknowledgements",
  supervision_meeting: "supervision_meetings",
  training_completion: "training_completions",
};

/** The conduct table an import change's entity lives in, or undefined for the other kinds' entities. */
export function conductTableOf(entity: string): ConductTable | undefined {
  return ENTITY_TABLES[entity as ConductEntity];
}

export function conductDefinitionOf(entity: ConductEntity): AnyDefinition {
  return Object.values(CONDUCT_DEFINITIONS).find((d) => d.entity === entity)!;
}

type StoredRow = Values & { id: number; staff_id: number };

interface Item {
  row: number;
  employeeRef: string;
  what: string;
  before: StoredRow | null;
  after: Values;
  fields: FieldChange[];
}

const keyOf = (def: AnyDefinition, row: Values) => [row.staff_id, ...def.key.map((k) => row[k])].join("\u0000");

export async function planConduct(db: OrganisationReader, prepared: Prepared, opts: { today: string; now: string; actor: string }): Promise<Plan> {
  const def = CONDUCT_DEFINITIONS[prepared.kind as ConductKind];
  const env: Env = { today: opts.today, column: (field) => prepared.detected.mapping[field] ?? field };
  const staff = await db.selectFrom("staff").select(["id", "employee_ref"]).execute();
  const staffByRef = new Map(staff.map((s) => [s.employee_ref, s.id]));
  const context = await def.load(db);
  const existing = (await db.selectFrom(def.table).selectAll().execute()) as unknown as StoredRow[];
  const byKey = new Map(existing.map((r) => [keyOf(def, r), r]));
  const updatable = def.updatable.filter((u) => prepared.providedFields.has(u.field));

  const errors: RowError[] = [];
  const items: Item[] = [];
  const firstRowOf = new Map<string, number>();
  let unchanged = 0;
  for (const rec of prepared.records as ConductRecord[]) {
    const staffId = staffByRef.get(rec.employee_ref);
    if (staffId === undefined) {
      errors.push({
        row: rec.row,
        column: env.column("employee_ref"),
        value: rec.employee_ref,
        message: `No staff member has employee reference ${rec.employee_ref} in this organisation (import the staff file first).`,
      });
    }
    const resolved = def.resolve(rec, context, env);
    if (Array.isArray(resolved)) {
      errors.push(...resolved);
      continue;
    }
    if (staffId === undefined) continue;
    const after: Values = { staff_id: staffId, ...resolved.values, source: "import" satisfies ConductSource, recorded_by: opts.actor, created_at: opts.now };
    const key = keyOf(def, after);
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      errors.push({ row: rec.row, column: env.column("employee_ref"), value: rec.employee_ref, message: `${rec.employee_ref} already has a row for ${resolved.what} in this file (row ${first}).` });
      continue;
    }
    firstRowOf.set(key, rec.row);
    const before = byKey.get(key) ?? null;
    const shown = Object.entries(resolved.shown).map(([field, value]) => ({ field, before: null, after: value }));
    if (!before) {
      items.push({ row: rec.row, employeeRef: rec.employee_ref, what: resolved.what, before, after, fields: shown });
      continue;
    }
    const changed = diffFields(before, after, updatable.map((u) => u.column));
    if (changed.length === 0) {
      unchanged++;
      continue;
    }
    const kept: Values = { ...before };
    for (const u of updatable) kept[u.column] = after[u.column];
    items.push({ row: rec.row, employeeRef: rec.employee_ref, what: resolved.what, before, after: kept, fields: changed });
  }

  const inserts = items.filter((i) => !i.before);
  const updates = items.filter((i) => i.before);
  const change = (action: "insert" | "update", i: Item): PreviewChange => ({
    action,
    entity: def.entity,
    key: `${i.employeeRef} · ${i.what}`,
    employeeRef: i.employeeRef,
    row: i.row,
    fields: i.fields,
  });
  return insertUpdatePlan({ inserts, updates, unchanged, errors, change, apply: (ctx) => applyConduct(ctx, def, inserts, updates) });
}

async function applyConduct(ctx: ApplyContext, def: AnyDefinition, inserts: Item[], updates: Item[]): Promise<void> {
  const { w } = ctx;
  const tick = progressTicker(ctx, inserts.length + updates.length);
  const changes: ChangeRecord[] = [];
  const allColumns = ["id", "organisation_id", ...def.columns];
  for (const batch of chunks(inserts, 500)) {
    const rows = await w.insertRows<StoredRow>(def.table, def.columns, batch.map((i) => i.after), { returning: allColumns });
    for (const row of rows) changes.push({ entity: def.entity, entityId: row.id, action: "insert", before: null, after: row });
    await def.afterInsert?.(w, rows, ctx.today);
    tick(batch.length);
  }
  if (updates.length > 0) {
    const cols = ["id", ...def.columns];
    await w.upsertRowsById(def.table, cols, updates.map((i) => cols.map((c) => (c === "id" ? i.before!.id : i.after[c]))));
    for (const i of updates) changes.push({ entity: def.entity, entityId: i.before!.id, action: "update", before: i.before, after: { ...i.after, id: i.before!.id } });
    tick(updates.length);
  }
  await insertChanges(w, ctx.importRunId, changes);
}
