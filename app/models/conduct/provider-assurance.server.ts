/**
 * Contractor assurance on the one service-provider register (app/models/service-providers/register.server.ts):
 * whether each contract carries competence and conduct clauses, the assurance returns received, the next one due.
 * The state and its reasons come from the pure rule `providerAssurance` (app/conduct/providers.ts).
 */
import { plural } from "../../utils/plural";
import { z } from "zod";
import { formatDateLong } from "../../compliance/dates";
import { providerAssurance, type ProviderAssurance } from "../../conduct";
import type { OrganisationReader, OrganisationScope } from "../organisation-scope.server";
import { invalid, notFound, ok, type Result } from "../result";
import { serviceProviderRegister, type ServiceProviderRow } from "../service-providers/register.server";
import { optionalText, requiredDate } from "./inputs";
import { parseFields } from "../../utils/zod-field-errors";

export interface AssuranceReturnRow {
  id: number;
  receivedOn: string;
  summary: string | null;
  recordedBy: string;
}

export interface ProviderAssuranceRow {
  provider: ServiceProviderRow;
  assurance: ProviderAssurance;
  /** Newest first. */
  returns: AssuranceReturnRow[];
}

export interface ContractorAssurance {
  providers: ProviderAssuranceRow[];
  /** Providers whose contract lacks either clause, or whose return is overdue or has never come. */
  needingAction: number;
}

export async function contractorAssurance(scope: OrganisationReader, asOf: string): Promise<ContractorAssurance> {
  const [register, returns] = await Promise.all([
    serviceProviderRegister(scope, asOf),
    scope.selectFrom("provider_assurance_returns").selectAll().orderBy("received_on", "desc").orderBy("id", "desc").execute(),
  ]);
  const providers = register.providers.map((provider) => {
    const own = returns.filter((r) => r.provider_id === provider.id).map((r) => ({ id: r.id, receivedOn: r.received_on, summary: r.summary, recordedBy: r.recorded_by }));
    const assurance = providerAssurance(
      { name: provider.name, competenceClause: provider.competenceClause, conductClause: provider.conductClause, assuranceMonths: provider.assuranceMonths, returns: own.map((r) => r.receivedOn) },
      asOf,
    );
    return { provider, assurance, returns: own };
  });
  return { providers, needingAction: providers.filter((p) => needsAction(p.assurance)).length };
}

export function needsAction(a: ProviderAssurance): boolean {
  return a.clauses !== "both" || a.state === "overdue" || a.state === "none_received";
}

const providerId = z.coerce.number({ invalid_type_error: "Choose a service provider" }).int().positive("Choose a service provider");
const yes = z
  .string()
  .optional()
  .transform((v) => v === "yes" || v === "on" || v === "true");

export const clausesInputSchema = z.object({
  providerId,
  competenceClause: yes,
  conductClause: yes,
  assuranceMonths: z.coerce
    .number({ invalid_type_error: "Enter the months between returns as a whole number" })
    .int("Enter the months between returns as a whole number")
    .min(1, "Ask for a return at least every 1 month")
    .max(60, "Ask for a return at least every 60 months"),
});

async function findProvider(scope: OrganisationReader, id: number) {
  return scope.selectFrom("service_providers").select(["id", "name", "competence_clause", "conduct_clause", "assurance_months"]).where("id", "=", id).executeTakeFirst();
}

const clauseWords = (competence: boolean, conduct: boolean) =>
  competence && conduct ? "competence and conduct clauses" : competence ? "a competence clause only" : conduct ? "a conduct clause only" : "no competence or conduct clauses";

/** Records what the contract with a provider carries and how often it asks for an assurance return. */
export async function setProviderClauses(
  scope: OrganisationScope,
  input: Partial<Record<"providerId" | "competenceClause" | "conductClause" | "assuranceMonths", string>>,
): Promise<Result<{ name: string }>> {
  const parsed = parseFields(clausesInputSchema, input);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const c = parsed.value;
  const before = await findProvider(scope, c.providerId);
  if (!before) return notFound("No such service provider");
  const after = { competence_clause: c.competenceClause ? 1 : 0, conduct_clause: c.conductClause ? 1 : 0, assurance_months: c.assuranceMonths };
  await scope.write(async (w) => {
    await w.updateTable("service_providers").set({ ...after, updated_at: new Date().toISOString() }).where("id", "=", before.id).execute();
    await w.audit({
      action: "service_provider.assurance_terms",
      entity: "service_provider",
      entityId: before.id,
      summary: `The contract with ${before.name} carries ${clauseWords(c.competenceClause, c.conductClause)}; an assurance return every ${plural(c.assuranceMonths, "month")}`,
      before: { competence_clause: before.competence_clause, conduct_clause: before.conduct_clause, assurance_months: before.assurance_months },
      after,
    });
  });
  return ok({ name: before.name });
}

export const returnInputSchema = z.object({
  providerId,
  receivedOn: requiredDate("date the return was received"),
  summary: optionalText("summary", 2000),
});

/** Records an assurance return received from a provider. */
export async function recordAssuranceReturn(scope: OrganisationScope, input: Partial<Record<"providerId" | "receivedOn" | "summary", string>>): Promise<Result<{ name: string }>> {
  const parsed = parseFields(returnInputSchema, input);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const r = parsed.value;
  if (r.receivedOn > scope.today) return invalid({ receivedOn: "The date cannot be in the future" });
  const provider = await findProvider(scope, r.providerId);
  if (!provider) return invalid({ providerId: "Choose a service provider of this organisation" });
  await scope.write(async (w) => {
    const row = await w
      .insertInto("provider_assurance_returns", { provider_id: provider.id, received_on: r.receivedOn, summary: r.summary, recorded_by: scope.actor.name })
      .returningAll()
      .executeTakeFirstOrThrow();
    await w.audit({
      action: "service_provider.assurance_return",
      entity: "provider_assurance_return",
      entityId: row.id,
      summary: `Recorded the assurance return from ${provider.name} received ${formatDateLong(r.receivedOn)}`,
      after: row,
    });
  });
  return ok({ name: provider.name });
}

/** Removes an assurance return recorded in error. */
export async function removeAssuranceReturn(scope: OrganisationScope, input: { returnId: string }): Promise<Result<{ name: string }>> {
  const id = Number(input.returnId);
  const before = Number.isSafeInteger(id) && id > 0 ? await scope.selectFrom("provider_assurance_returns").selectAll().where("id", "=", id).executeTakeFirst() : undefined;
  if (!before) return notFound("No such assurance return");
  const provider = await findProvider(scope, before.provider_id);
  const name = provider?.name ?? "a service provider";
  await scope.write(async (w) => {
    await w.deleteFrom("provider_assurance_returns").where("id", "=", before.id).execute();
    await w.audit({
      action: "service_provider.assurance_return_remove",
      entity: "provider_assurance_return",
      entityId: before.id,
      summary: `Removed the assurance return from ${name} received ${formatDateLong(before.received_on)}`,
      before,
    });
  });
  return ok({ name });
}
