// Service providers (contractors). The qualification requirement reaches the staff of a provider that gives a
// comprehensive housing management service; for any other provider the landlord only takes steps to secure the
// same competence and conduct (the conduct side tracks those steps). A person's `employer` names their provider.

import type { ScopeResult } from "./types";

export interface ServiceProvider {
  name: string;
  /** Provides a comprehensive housing management service: its staff need the qualification as employees do. */
  comprehensive: boolean;
}

/** What a staff member's `employer` is matched on: trimmed, spaces collapsed, lower case. */
export function normaliseProviderName(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

export type ProviderIndex = ReadonlyMap<string, ServiceProvider>;

export function buildProviderIndex(providers: readonly ServiceProvider[]): ProviderIndex {
  return new Map(providers.map((p) => [normaliseProviderName(p.name), p] as const));
}

/**
 * The registered provider that takes this person out of the qualification requirement: their employer is a
 * provider recorded as not comprehensive. Employed directly, an employer not in the register, or a comprehensive
 * provider: null (the job-title decision applies as to anyone).
 */
export function exemptingProvider(index: ProviderIndex, employer: string | null): ServiceProvider | null {
  if (index.size === 0 || employer == null || employer.trim() === "") return null;
  const provider = index.get(normaliseProviderName(employer));
  return provider && !provider.comprehensive ? provider : null;
}

/** The scope of a contractor's staff member whose provider is not comprehensive: the category stays, no level is required. */
export function providerScope(scope: ScopeResult): ScopeResult {
  return { ...scope, requiredLevel: null };
}

/** "No qualification required: employed by Acme Repairs, a service provider without a comprehensive …". */
export function providerExemptionReason(provider: ServiceProvider, requiredLevel: number): string {
  return (
    `No qualification required: employed by ${provider.name}, a service provider that does not provide a comprehensive ` +
    `housing management service (the role would otherwise need Level ${requiredLevel}); the landlord takes steps to secure ` +
    `their competence and conduct through the contract`
  );
}
