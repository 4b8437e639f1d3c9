// Who is in scope: a person-level override beats the job-title decision; no decision = unmapped (rule 2).

import { StaffIdMap } from "./staff-id-map";
import type { Category, PersonOverride, RequiredLevel, ScopeDecision, ScopeResult, StaffMember } from "./types";

import { normaliseJobTitle } from "./job-title";

export { normaliseJobTitle };

/** Executive → Level 5, manager → Level 4, everyone else → none. */
export function requiredLevelFor(category: Category | "unmapped"): RequiredLevel | null {
  if (category === "senior_executive") return 5;
  if (category === "senior_manager") return 4;
  return null;
}

export interface ScopeIndex {
  byTitle: Map<string, ScopeDecision>;
  byStaffId: StaffIdMap<PersonOverride>;
  /** Raw job title → scope, so 100,000 people sharing a few hundred titles normalise each once. */
  rawTitleCache: Map<string, ScopeResult>;
}

/** Indexes decisions by normalised job title (a later duplicate wins) and overrides by person. */
export function buildScopeIndex(decisions: readonly ScopeDecision[], overrides: readonly PersonOverride[]): ScopeIndex {
  const byTitle = new Map<string, ScopeDecision>();
  for (const d of decisions) byTitle.set(normaliseJobTitle(d.jobTitle), d);
  const byStaffId = StaffIdMap.fromEntries(overrides.map((o) => [o.staffId, o] as const));
  return { byTitle, byStaffId, rawTitleCache: new Map() };
}

export function scopeOf(person: Pick<StaffMember, "id" | "jobTitle">, index: ScopeIndex): ScopeResult {
  const override = index.byStaffId.size > 0 ? index.byStaffId.get(person.id) : undefined;
  if (override) {
    return {
      category: override.category,
      requiredLevel: requiredLevelFor(override.category),
      source: "override",
      decision: null,
      override,
    };
  }
  // Shared between everyone with the same raw title: callers must not modify it.
  let scope = index.rawTitleCache.get(person.jobTitle);
  if (scope === undefined) {
    scope = scopeFromDecision(index.byTitle.get(normaliseJobTitle(person.jobTitle)) ?? null);
    index.rawTitleCache.set(person.jobTitle, scope);
  }
  return scope;
}

function scopeFromDecision(decision: ScopeDecision | null): ScopeResult {
  if (decision) {
    return {
      category: decision.category,
      requiredLevel: requiredLevelFor(decision.category),
      source: "job_title",
      decision,
      override: null,
    };
  }
  return { category: "unmapped", requiredLevel: null, source: "none", decision: null, override: null };
}
