// Which people a change to the rules' inputs can change. One person's evaluation (status, RAG, dates, reasons,
// timelines) reads only: their own staff row, records, equivalence assessments, absences and override; the
// decision for their job title; and what everyone shares (settings, the catalogue, the service-provider register).
// So after a write, everyone else keeps what was derived for them, and only these people are evaluated again.

import { normaliseJobTitle } from "./job-title";
import type { ComplianceContextInput } from "./context";
import type { StaffMember } from "./types";

export interface EvaluationInputs extends ComplianceContextInput {
  staff: readonly StaffMember[];
}

/**
 * The staff ids whose evaluation may differ between `before` and `after` (people added, removed or changed, and
 * those whose job-title decision, override, records, equivalences or absences changed), or null when something
 * everyone shares changed (settings, catalogue, register): then everyone is evaluated again. Inputs that are the
 * same object on both sides are not compared.
 */
export function affectedPeople(before: EvaluationInputs, after: EvaluationInputs): Set<number> | null {
  if (!same(before.settings, after.settings)) return null;
  if (!same(before.qualifications, after.qualifications)) return null;
  if (!same(before.serviceProviders ?? [], after.serviceProviders ?? [])) return null;

  const ids = new Set<number>();
  if (before.staff !== after.staff) {
    const previous = new Map<number, StaffMember>();
    for (const s of before.staff) previous.set(s.id, s);
    for (const s of after.staff) {
      const was = previous.get(s.id);
      if (!was || !same(was, s)) ids.add(s.id);
      previous.delete(s.id);
    }
    for (const id of previous.keys()) ids.add(id);
  }
  if (before.decisions !== after.decisions) {
    const titles = changedKeys(before.decisions, after.decisions, (d) => normaliseJobTitle(d.jobTitle));
    if (titles.size > 0) {
      const byTitle = staffByTitle(after.staff);
      for (const title of titles) for (const id of byTitle.get(title) ?? []) ids.add(id);
    }
  }
  if (before.overrides !== after.overrides) for (const id of changedKeys(before.overrides, after.overrides, (o) => o.staffId)) ids.add(id);
  if (before.records !== after.records) for (const id of changedGroups(before.records, after.records)) ids.add(id);
  if (before.absences !== after.absences) for (const id of changedGroups(before.absences, after.absences)) ids.add(id);
  if ((before.equivalences ?? []) !== (after.equivalences ?? [])) for (const id of changedGroups(before.equivalences ?? [], after.equivalences ?? [])) ids.add(id);
  return ids;
}

const titleIndexes = new WeakMap<readonly StaffMember[], Map<string, number[]>>();

/** Staff ids by normalised job title, kept per staff list (the same array while the staff are not reloaded). */
export function staffByTitle(staff: readonly StaffMember[]): Map<string, number[]> {
  let index = titleIndexes.get(staff);
  if (!index) {
    index = new Map();
    const normalised = new Map<string, string>();
    for (const s of staff) {
      let key = normalised.get(s.jobTitle);
      if (key === undefined) normalised.set(s.jobTitle, (key = normaliseJobTitle(s.jobTitle)));
      const list = index.get(key);
      if (list) list.push(s.id);
      else index.set(key, [s.id]);
    }
    titleIndexes.set(staff, index);
  }
  return index;
}

/** Keys whose item differs (a later item with the same key wins, as the scope index reads them). */
function changedKeys<T, K>(before: readonly T[], after: readonly T[], keyOf: (item: T) => K): Set<K> {
  const was = new Map<K, T>();
  for (const item of before) was.set(keyOf(item), item);
  const now = new Map<K, T>();
  for (const item of after) now.set(keyOf(item), item);
  const changed = new Set<K>();
  for (const [key, item] of now) if (!was.has(key) || !same(was.get(key), item)) changed.add(key);
  for (const key of was.keys()) if (!now.has(key)) changed.add(key);
  return changed;
}

/** Staff ids whose list of items (in order) differs. */
function changedGroups<T extends { staffId: number }>(before: readonly T[], after: readonly T[]): Set<number> {
  const group = (items: readonly T[]) => {
    const map = new Map<number, T[]>();
    for (const item of items) {
      const list = map.get(item.staffId);
      if (list) list.push(item);
      else map.set(item.staffId, [item]);
    }
    return map;
  };
  const was = group(before);
  const now = group(after);
  const changed = new Set<number>();
  for (const [id, list] of now) if (!same(was.get(id), list)) changed.add(id);
  for (const id of was.keys()) if (!now.has(id)) changed.add(id);
  return changed;
}

/** Structural equality of plain data (primitives, arrays, plain objects; undefined and a missing key are equal). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k in ra) if (!same(ra[k], rb[k])) return false;
  for (const k in rb) if (!(k in ra) && rb[k] !== undefined) return false;
  return true;
}
