/** Who a campaign includes: filters (category, department, employer; empty = any) and/or a list of employee refs. */
import { isAuditCategory, type AuditCategory } from "./types";

export interface ParticipantFilter {
  categories: AuditCategory[];
  departments: string[];
  /** "" stands for people employed directly (no employer). */
  employers: string[];
  refs: string[];
}

export const EMPTY_FILTER: ParticipantFilter = { categories: [], departments: [], employers: [], refs: [] };

export interface Candidate {
  staffId: number;
  employeeRef: string;
  /** From the rules: senior_executive, senior_manager, frontline, out_of_scope or unmapped. */
  category: string;
  department: string | null;
  employer: string | null;
  /** In post today (not left, already started). */
  active: boolean;
}

export interface Selection {
  selected: Array<Candidate & { category: AuditCategory }>;
  unknownRefs: string[];
  /** Named refs whose category has no targets (out of scope, unmapped) or who are not in post. */
  notAuditable: Array<{ employeeRef: string; reason: string }>;
}

/** Refs typed or pasted: separated by commas, semicolons, spaces or new lines. */
export function parseRefs(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((r) => r.trim()).filter(Boolean))];
}

export function hasFilters(f: ParticipantFilter): boolean {
  return f.categories.length > 0 || f.departments.length > 0 || f.employers.length > 0;
}

/**
 * People matching every chosen filter (active, with a category that has targets), plus everyone named in the
 * list. With a list and no filters, only the people listed.
 */
export function selectParticipants(candidates: readonly Candidate[], filter: ParticipantFilter): Selection {
  const selected = new Map<number, Candidate & { category: AuditCategory }>();
  const byRef = new Map(candidates.map((c) => [c.employeeRef.toLowerCase(), c]));
  const useFilters = hasFilters(filter) || filter.refs.length === 0;
  if (useFilters) {
    for (const c of candidates) {
      if (!c.active || !isAuditCategory(c.category)) continue;
      if (filter.categories.length && !filter.categories.includes(c.category)) continue;
      if (filter.departments.length && !filter.departments.includes(c.department ?? "")) continue;
      if (filter.employers.length && !filter.employers.includes(c.employer ?? "")) continue;
      selected.set(c.staffId, c as Candidate & { category: AuditCategory });
    }
  }
  const unknownRefs: string[] = [];
  const notAuditable: Selection["notAuditable"] = [];
  for (const ref of filter.refs) {
    const c = byRef.get(ref.toLowerCase());
    if (!c) unknownRefs.push(ref);
    else if (!c.active) notAuditable.push({ employeeRef: c.employeeRef, reason: "is not in post" });
    else if (!isAuditCategory(c.category)) notAuditable.push({ employeeRef: c.employeeRef, reason: c.category === "unmapped" ? "has a job title with no scope decision" : "is out of scope" });
    else selected.set(c.staffId, c as Candidate & { category: AuditCategory });
  }
  return { selected: [...selected.values()].sort((a, b) => a.employeeRef.localeCompare(b.employeeRef)), unknownRefs, notAuditable };
}
