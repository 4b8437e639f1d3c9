/**
 * Contractor assurance. The direction: take steps to secure the same competence and conduct from service
 * providers. Our model: the contract carries competence and conduct clauses, and the provider sends an assurance
 * return every so many months (default 12); the next is due that long after the last (or now, if none yet).
 */
import { addDays, addMonths, formatDateLong } from "../compliance/dates";
import type { IsoDate } from "../compliance/types";

export interface ProviderAssuranceInput {
  name: string;
  competenceClause: boolean;
  conductClause: boolean;
  assuranceMonths: number;
  /** Dates assurance returns were received. */
  returns: readonly IsoDate[];
}

export type AssuranceState = "current" | "due_soon" | "overdue" | "none_received";

export interface ProviderAssurance {
  state: AssuranceState;
  clauses: "both" | "competence_only" | "conduct_only" | "none";
  lastReturnOn: IsoDate | null;
  nextDueOn: IsoDate | null;
  reasons: string[];
}

export const ASSURANCE_SOON_DAYS = 30;

export function providerAssurance(p: ProviderAssuranceInput, asOf: IsoDate): ProviderAssurance {
  const clauses = p.competenceClause && p.conductClause ? "both" : p.competenceClause ? "competence_only" : p.conductClause ? "conduct_only" : "none";
  const reasons: string[] = [];
  if (clauses === "none") reasons.push(`The contract with ${p.name} has no competence or conduct clauses.`);
  else if (clauses === "competence_only") reasons.push(`The contract with ${p.name} has a competence clause but no conduct clause.`);
  else if (clauses === "conduct_only") reasons.push(`The contract with ${p.name} has a conduct clause but no competence clause.`);
  const last = p.returns.filter((d) => d <= asOf).reduce<IsoDate | null>((m, d) => (m === null || d > m ? d : m), null);
  if (!last) {
    reasons.push(`No assurance return received from ${p.name} yet.`);
    return { state: "none_received", clauses, lastReturnOn: null, nextDueOn: null, reasons };
  }
  const nextDueOn = addMonths(last, p.assuranceMonths);
  if (nextDueOn < asOf) {
    reasons.push(`Assurance return overdue: the last arrived ${formatDateLong(last)}, the next was due by ${formatDateLong(nextDueOn)}.`);
    return { state: "overdue", clauses, lastReturnOn: last, nextDueOn, reasons };
  }
  const soon = nextDueOn <= addDays(asOf, ASSURANCE_SOON_DAYS);
  reasons.push(`Last assurance return ${formatDateLong(last)}; next due by ${formatDateLong(nextDueOn)}.`);
  return { state: soon ? "due_soon" : "current", clauses, lastReturnOn: last, nextDueOn, reasons };
}
