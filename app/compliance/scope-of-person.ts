// A person's scope with its reason: the job-title decision or individual override (app/compliance/scope.ts),
// then the service-provider register (a contractor of a non-comprehensive provider needs no qualification).
// Shared by the status, the trend and the planner so they never disagree about who needs what.

import type { ComplianceContext } from "./context";
import { formatDateLong } from "./dates";
import { scopeOf } from "./scope";
import { exemptingProvider, providerExemptionReason, providerScope } from "./service-providers";
import type { IsoDate, RequiredLevel, ScopeResult, StaffMember } from "./types";

function decidedText(decidedOn: IsoDate | null): string {
  return decidedOn ? `, decided ${formatDateLong(decidedOn)}` : "";
}

/** "Level 4 required (Neighbourhood Manager, decided 3 Mar 2026)" and its siblings. */
export function scopeReason(scope: ScopeResult, jobTitle: string): string {
  const title = jobTitle.trim().replace(/\s+/g, " ");
  if (scope.source === "none") return `Decision needed: no scope decision for the job title "${title}"`;
  const basis =
    scope.source === "override"
      ? `individual decision: ${scope.override!.rationale}${decidedText(scope.override!.decidedOn)}`
      : `${title}${decidedText(scope.decision!.decidedOn)}`;
  if (scope.requiredLevel != null) return `Level ${scope.requiredLevel} required (${basis})`;
  if (scope.category === "frontline") {
    return `No qualification required: frontline role (${basis}); competence and conduct duties apply`;
  }
  return `No qualification required: out of scope (${basis})`;
}

type ScopeWithReasons = { scope: ScopeResult; reasons: string[] };

/**
 * The person's scope and its reason. A contractor whose provider is registered as not comprehensive keeps the
 * category of the role but needs no qualification, with the reason saying why (the override too cannot make
 * the law reach them).
 */
export function scopeAndReasons(person: StaffMember, ctx: ComplianceContext): ScopeWithReasons {
  const decided = decidedScopeAndReasons(person, ctx);
  const level = decided.scope.requiredLevel;
  if (level == null || ctx.providers.size === 0) return decided;
  const provider = exemptingProvider(ctx.providers, person.employer);
  if (!provider) return decided;
  const key = `${provider.name}\u0000${decided.scope.source === "override" ? `#${person.id}` : person.jobTitle}`;
  let entry = ctx.caches.scopeByProviderAndTitle.get(key);
  if (entry === undefined) {
    entry = {
      scope: providerScope(decided.scope),
      reasons: Object.freeze([`${providerExemptionReason(provider, level)}. ${decided.reasons[0]}`]) as string[],
    };
    ctx.caches.scopeByProviderAndTitle.set(key, entry);
  }
  return entry;
}

// Everyone with the same raw job title (and no override) shares one scope and one reasons array, found with
// a single look-up; the array is frozen (read reasons, never modify them).
function decidedScopeAndReasons(person: StaffMember, ctx: ComplianceContext): ScopeWithReasons {
  if (ctx.scope.byStaffId.size > 0 && ctx.scope.byStaffId.has(person.id)) {
    const scope = scopeOf(person, ctx.scope);
    return { scope, reasons: [scopeReason(scope, person.jobTitle)] };
  }
  const cache = ctx.caches.scopeByTitle;
  let entry = cache.get(person.jobTitle);
  if (entry === undefined) {
    const scope = scopeOf(person, ctx.scope);
    entry = { scope, reasons: Object.freeze([scopeReason(scope, person.jobTitle)]) as string[] };
    cache.set(person.jobTitle, entry);
  }
  return entry;
}

/** The level this person needs, the register of service providers included (null: none). */
export function requiredLevelOf(person: Pick<StaffMember, "id" | "jobTitle" | "employer">, ctx: ComplianceContext): RequiredLevel | null {
  const level = scopeOf(person, ctx.scope).requiredLevel;
  if (level == null || ctx.providers.size === 0) return level;
  return exemptingProvider(ctx.providers, person.employer) ? null : level;
}
