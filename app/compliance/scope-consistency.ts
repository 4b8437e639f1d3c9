// Scope consistency checks: job-title decisions that contradict their own evidence (the Standard's edges).
// A senior manager or executive is someone who manages housing services, usually for 50% or more of their
// time; below that, the role is in scope only where managing housing is an important and substantial part of
// it, and the rationale must say so. A frontline or out-of-scope decision at 50% or more contradicts itself.
// Manager-level decisions always need a rationale.

import type { Category } from "./types";

export type ScopeCheckCode = "manager_under_half_time" | "not_manager_at_half_time" | "manager_without_rationale";

export interface ScopeCheck {
  code: ScopeCheckCode;
  message: string;
}

export interface DecisionEvidence {
  category: Category;
  /** Percentage of time managing housing services; null when not recorded. */
  timeManagingPct: number | null;
  rationale: string | null;
}

/** The share of time at or above which a role is treated as managing housing services. */
export const MANAGING_TIME_THRESHOLD_PCT = 50;

const MANAGER_LEVEL: ReadonlySet<Category> = new Set<Category>(["senior_executive", "senior_manager"]);

export function isManagerLevel(category: Category): boolean {
  return MANAGER_LEVEL.has(category);
}

/** A rationale that explains an under-50% role says housing management is an important and substantial part of it. */
export function explainsImportantAndSubstantial(rationale: string | null): boolean {
  if (!rationale) return false;
  const text = rationale.toLowerCase();
  return /\bimportant\b/.test(text) && /\bsubstantial(ly)?\b/.test(text);
}

function hasText(value: string | null): boolean {
  return value != null && value.trim() !== "";
}

/** Every check the decision fails, in a fixed order; empty when it is consistent. */
export function scopeConsistencyChecks(decision: DecisionEvidence): ScopeCheck[] {
  const checks: ScopeCheck[] = [];
  const pct = decision.timeManagingPct;
  const manager = isManagerLevel(decision.category);
  if (manager && !hasText(decision.rationale)) {
    checks.push({
      code: "manager_without_rationale",
      message: "A senior manager or executive decision needs a rationale: the regulator may ask why the role is in scope.",
    });
  }
  if (manager && pct != null && pct < MANAGING_TIME_THRESHOLD_PCT && !explainsImportantAndSubstantial(decision.rationale)) {
    checks.push({
      code: "manager_under_half_time",
      message: `Only ${pct}% of time managing housing services: say in the rationale why managing housing is an important and substantial part of the role.`,
    });
  }
  if (!manager && pct != null && pct >= MANAGING_TIME_THRESHOLD_PCT) {
    const what = decision.category === "frontline" ? "Frontline" : "Out of scope";
    checks.push({
      code: "not_manager_at_half_time",
      message: `${what}, yet ${pct}% of time managing housing services: a role managing housing for half its time or more is usually a senior manager or executive.`,
    });
  }
  return checks;
}

/** Whether a category requires a rationale on every form and import. */
export function rationaleRequiredFor(category: Category): boolean {
  return isManagerLevel(category);
}
