/**
 * Role imports: one scope decision per normalised job title, created or updated. A changed decision is
 * recorded as decided by the importing person on the import date; an unchanged one keeps its history.
 */
import type { ScopeDecisionRow } from "../db/schema";
import { diffFields, insertUpdatePlan, progressTicker, type ApplyContext, type Plan } from "./plan";
import type { Prepared, RoleRecord } from "./prepare";
import type { OrganisationReader } from "../app/models/organisation-scope.server";
import { batchSizeFor, chunks, insertChanges, type ChangeRecord } from "./store";
import type { FieldChange, PreviewChange, RowError } from "./types";
import { rationaleRequiredFor } from "../app/compliance/scope-consistency";
import { CATEGORY_LABELS } from "../app/compliance/status";

export const DECISION_FIELDS = ["category", "time_managing_pct", "rationale", "review_date"] as const;
const PREVIEW_FIELDS = ["category", "time_managing_pct", "rationale", "review_date", "decided_by", "decided_on"] as const;

const DECISION_COLUMNS = [
  "id",
  "organisation_id",
  "job_title",
  "job_title_normalised",
  "category",
  "time_managing_pct",
  "rationale",
  "decided_by",
  "decided_on",
  "review_date",
] as const satisfies readonly (keyof ScopeDecisionRow)[];

export function decisionRow(r: Omit<ScopeDecisionRow, "id">, id: number): ScopeDecisionRow {
  const out: Record<string, unknown> = {};
  for (const c of DECISION_COLUMNS) out[c] = c === "id" ? id : (r as Record<string, unknown>)[c];
  return out as unknown as ScopeDecisionRow;
}

function withoutOrganisation<T extends { organisation_id?: unknown }>(row: T): Omit<T, "organisation_id"> {
  const { organisation_id: _organisation, ...rest } = row;
  return rest;
}

interface Item {
  row: number;
  before: ScopeDecisionRow | null;
  after: Omit<ScopeDecisionRow, "id">;
  fields: FieldChange[];
}

export async function planRoles(
  db: OrganisationReader,
  prepared: Prepared<"roles">,
  opts: { organisationId: number; actor: string; today: string },
): Promise<Plan> {
  const { organisationId, actor, today } = opts;
  const existing = await db.selectFrom("scope_decisions").selectAll().execute();
  const byTitle = new Map(existing.map((d) => [d.job_title_normalised, d]));
  const fields = DECISION_FIELDS.filter((f) => prepared.providedFields.has(f));
  const items: Item[] = [];
  const errors: RowError[] = [];
  let unchanged = 0;
  const rationaleColumn = prepared.resolved.mapping.rationale ?? "rationale";
  /** Senior manager and executive decisions need a rationale (what the decision would store, file or existing). */
  const missingRationale = (row: number, after: { category: ScopeDecisionRow["category"]; rationale: string | null }): boolean => {
    if (!rationaleRequiredFor(after.category) || (after.rationale ?? "").trim() !== "") return false;
    errors.push({
      row,
      column: rationaleColumn,
      value: after.rationale ?? "",
      message: `A ${CATEGORY_LABELS[after.category]} decision needs a rationale: say why the role is in scope (the regulator may ask).`,
    });
    return true;
  };

  for (const rec of prepared.records as RoleRecord[]) {
    const before = byTitle.get(rec.job_title_normalised) ?? null;
    if (!before) {
      const after: Omit<ScopeDecisionRow, "id"> = {
        organisation_id: organisationId,
        job_title: rec.job_title,
        job_title_normalised: rec.job_title_normalised,
        category: rec.category,
        time_managing_pct: rec.time_managing_pct ?? null,
        rationale: rec.rationale ?? null,
        decided_by: actor,
        decided_on: today,
        review_date: rec.review_date ?? null,
      };
      if (missingRationale(rec.row, after)) continue;
      items.push({ row: rec.row, before, after, fields: diffFields({}, after, PREVIEW_FIELDS) });
      continue;
    }
    const after: Record<string, unknown> = { ...before };
    delete after.id;
    for (const f of fields) after[f] = rec[f] ?? null;
    const changed = diffFields(before, after, fields);
    if (missingRationale(rec.row, after as { category: ScopeDecisionRow["category"]; rationale: string | null })) continue;
    if (changed.length === 0) {
      unchanged++;
      continue;
    }
    after.decided_by = actor;
    after.decided_on = today;
    items.push({ row: rec.row, before, after: after as Omit<ScopeDecisionRow, "id">, fields: diffFields(before, after, PREVIEW_FIELDS) });
  }

  const inserts = items.filter((i) => !i.before);
  const updates = items.filter((i) => i.before);
  const change = (action: "insert" | "update", i: Item): PreviewChange => ({
    action,
    entity: "scope_decision",
    key: i.after.job_title,
    jobTitle: i.after.job_title,
    row: i.row,
    fields: i.fields,
  });
  return insertUpdatePlan({ inserts, updates, unchanged, errors, change, apply: (ctx) => applyRoles(ctx, inserts, updates) });
}

async function applyRoles(ctx: ApplyContext, inserts: Item[], updates: Item[]): Promise<void> {
  const { w } = ctx;
  const tick = progressTicker(ctx, inserts.length + updates.length);
  const changes: ChangeRecord[] = [];
  for (const batch of chunks(inserts, batchSizeFor(DECISION_COLUMNS.length))) {
    const returned = await w.insertInto("scope_decisions", batch.map((i) => withoutOrganisation(i.after))).returning(["id", "job_title_normalised"]).execute();
    const ids = new Map(returned.map((r) => [r.job_title_normalised, r.id]));
    for (const i of batch) {
      const id = ids.get(i.after.job_title_normalised)!;
      changes.push({ entity: "scope_decision", entityId: id, action: "insert", before: null, after: decisionRow(i.after, id) });
    }
    tick(batch.length);
  }
  for (const i of updates) {
    const before = i.before!;
    const row = decisionRow(i.after, before.id);
    const { id: _id, organisation_id: _organisation, ...values } = row;
    await w.updateTable("scope_decisions").set(values).where("id", "=", before.id).execute();
    changes.push({ entity: "scope_decision", entityId: before.id, action: "update", before: decisionRow(before, before.id), after: row });
    tick(1);
  }
  await insertChanges(w, ctx.importRunId, changes);
}
