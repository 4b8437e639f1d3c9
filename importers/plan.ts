/** What an import would do, computed in memory against the organisation's current rows, and how to apply it. */
import type { OrganisationWriter } from "../app/models/organisation-scope.server";
import type { StaffDetails } from "../app/models/organisation-data.server";
import type { FieldChange, FieldValue, PreviewChange, RowError } from "./types";

export interface ApplyContext {
  /** The organisation scope's writer: every write of the import goes through it, in its one transaction. */
  w: OrganisationWriter;
  importRunId: number;
  organisationId: number;
  actor: string;
  today: string;
  /** One timestamp for every row the import writes. */
  now: string;
  onProgress?: (done: number, total: number | null) => void;
}

export interface Plan {
  added: number;
  changed: number;
  unchanged: number;
  leavers: number;
  /** Problems only the database can show (unknown employee, unknown qualification…). */
  errors: RowError[];
  warnings: string[];
  /** Leavers first, then updates, then inserts, at most `limit`. */
  preview(limit: number): PreviewChange[];
  apply(ctx: ApplyContext): Promise<void>;
  /**
   * After `apply`: every person of the organisation as the rules read them, from the rows the plan already holds
   * (the people read before the apply, with the apply's inserts, updates and leavers), in id order. Staff imports
   * only; the snapshot after any other import reads the people from the database.
   */
  staffAfter?: () => StaffDetails[];
}

export function sameValue(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}

export function fieldValue(v: unknown): FieldValue {
  if (v === undefined || v === null) return null;
  if (typeof v === "number" || typeof v === "string") return v;
  return String(v);
}

/** Field-by-field differences over the given fields. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>, fields: readonly string[]): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of fields) {
    if (!sameValue(before[f], after[f])) out.push({ field: f, before: fieldValue(before[f]), after: fieldValue(after[f]) });
  }
  return out;
}

/** Leavers, then updates, then inserts, capped. */
export function orderedPreview(
  limit: number,
  groups: readonly { count: number; at: (i: number) => PreviewChange }[],
): PreviewChange[] {
  const out: PreviewChange[] = [];
  for (const g of groups) {
    for (let i = 0; i < g.count && out.length < limit; i++) out.push(g.at(i));
  }
  return out;
}

export function progressTicker(ctx: ApplyContext, total: number): (n: number) => void {
  let done = 0;
  let last = 0;
  ctx.onProgress?.(0, total);
  return (n: number) => {
    done += n;
    if (ctx.onProgress && (done - last >= 5_000 || done === total)) {
      last = done;
      ctx.onProgress(done, total);
    }
  };
}

/** The plan of an import that only inserts and updates (no leavers): updates shown before inserts. */
export function insertUpdatePlan<T>(p: {
  inserts: readonly T[];
  updates: readonly T[];
  unchanged: number;
  errors: RowError[];
  change: (action: "insert" | "update", item: T) => PreviewChange;
  apply: (ctx: ApplyContext) => Promise<void>;
}): Plan {
  return {
    added: p.inserts.length,
    changed: p.updates.length,
    unchanged: p.unchanged,
    leavers: 0,
    errors: p.errors,
    warnings: [],
    preview: (limit) =>
      orderedPreview(limit, [
        { count: p.updates.length, at: (n) => p.change("update", p.updates[n]) },
        { count: p.inserts.length, at: (n) => p.change("insert", p.inserts[n]) },
      ]),
    apply: p.apply,
  };
}
