/**
 * The service-provider register: contractors, whether each gives a comprehensive housing management service
 * (its staff then need the qualification as employees do), contract reference and review date. A staff member's
 * `employer` is matched to a provider by name (app/compliance/service-providers.ts). Commands: `(scope, input) → Result`.
 */
import type { ServiceProviderInput } from "../../compliance/edge-forms";
import { normaliseProviderName } from "../../compliance/service-providers";
import type { OrganisationReader, OrganisationScope } from "../organisation-scope.server";
import { conflict, notFound, ok, type Result } from "../result";

export interface ServiceProviderRow {
  id: number;
  name: string;
  comprehensive: boolean;
  contractRef: string | null;
  reviewDate: string | null;
  note: string | null;
  /** Active staff whose employer names this provider. */
  activeStaff: number;
  reviewOverdue: boolean;
  /** Contractor assurance (conduct): the contract's clauses and months between assurance returns. */
  competenceClause: boolean;
  conductClause: boolean;
  assuranceMonths: number;
}

export interface UnregisteredEmployer {
  employer: string;
  activeStaff: number;
}

export interface ServiceProviderRegister {
  providers: ServiceProviderRow[];
  /** Employers named in the staff file that are not in the register (their staff are treated as the job title says). */
  unregistered: UnregisteredEmployer[];
}

/** Active on `asOf`: started (or no start) and not left. */
async function activeStaffByEmployer(scope: OrganisationReader, asOf: string): Promise<Map<string, { employer: string; count: number }>> {
  const rows = await scope
    .selectFrom("staff")
    .select((eb) => ["employer", eb.fn.countAll<number>().as("count")])
    .where("employer", "is not", null)
    .where((eb) => eb.or([eb("start_date", "is", null), eb("start_date", "<=", asOf)]))
    .where((eb) => eb.or([eb("end_date", "is", null), eb("end_date", ">", asOf)]))
    .groupBy("employer")
    .execute();
  const out = new Map<string, { employer: string; count: number }>();
  for (const r of rows) {
    if (r.employer == null || r.employer.trim() === "") continue;
    const key = normaliseProviderName(r.employer);
    const entry = out.get(key) ?? { employer: r.employer.trim().replace(/\s+/g, " "), count: 0 };
    entry.count += Number(r.count);
    out.set(key, entry);
  }
  return out;
}

export async function serviceProviderRegister(scope: OrganisationReader, asOf: string): Promise<ServiceProviderRegister> {
  const [rows, byEmployer] = await Promise.all([
    scope.selectFrom("service_providers").select(["id", "name", "name_normalised", "comprehensive", "contract_ref", "review_date", "note", "competence_clause", "conduct_clause", "assurance_months"]).orderBy("name").execute(),
    activeStaffByEmployer(scope, asOf),
  ]);
  const registered = new Set(rows.map((r) => r.name_normalised));
  return {
    providers: rows.map((r) => ({
      id: r.id,
      name: r.name,
      comprehensive: r.comprehensive === 1,
      contractRef: r.contract_ref,
      reviewDate: r.review_date,
      note: r.note,
      activeStaff: byEmployer.get(r.name_normalised)?.count ?? 0,
      reviewOverdue: r.review_date != null && r.review_date < asOf,
      competenceClause: r.competence_clause === 1,
      conductClause: r.conduct_clause === 1,
      assuranceMonths: r.assurance_months,
    })),
    unregistered: [...byEmployer.entries()]
      .filter(([key]) => !registered.has(key))
      .map(([, v]) => ({ employer: v.employer, activeStaff: v.count }))
      .sort((a, b) => b.activeStaff - a.activeStaff || a.employer.localeCompare(b.employer)),
  };
}

const yesNo = (v: boolean) => (v ? "comprehensive" : "not comprehensive");

/** Adds a provider, or changes one (`provider_id`); a second provider of the same name is refused. */
export async function saveServiceProvider(scope: OrganisationScope, input: ServiceProviderInput): Promise<Result<{ id: number; name: string }>> {
  const nameNormalised = normaliseProviderName(input.name);
  const values = {
    name: input.name.trim().replace(/\s+/g, " "),
    name_normalised: nameNormalised,
    comprehensive: input.comprehensive ? 1 : 0,
    contract_ref: input.contract_ref,
    review_date: input.review_date,
    note: input.note,
  };
  const clash = await scope.selectFrom("service_providers").select(["id"]).where("name_normalised", "=", nameNormalised).executeTakeFirst();
  if (clash && clash.id !== input.provider_id) return conflict(`${values.name} is already in the register: change that entry instead`);
  if (input.provider_id == null) {
    return scope.write(async (w) => {
      const row = await w.insertInto("service_providers", values).returningAll().executeTakeFirstOrThrow();
      await w.audit({
        action: "service_provider.create",
        entity: "service_provider",
        entityId: row.id,
        summary: `Added the service provider ${row.name} (${yesNo(input.comprehensive)})`,
        before: null,
        after: row,
      });
      return ok({ id: row.id, name: row.name });
    });
  }
  const before = await scope.selectFrom("service_providers").selectAll().where("id", "=", input.provider_id).executeTakeFirst();
  if (!before) return notFound("No such service provider");
  return scope.write(async (w) => {
    const after = await w
      .updateTable("service_providers")
      .set({ ...values, updated_at: new Date().toISOString() })
      .where("id", "=", before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await w.audit({
      action: "service_provider.update",
      entity: "service_provider",
      entityId: before.id,
      summary: `Changed the service provider ${after.name} (${yesNo(input.comprehensive)})`,
      before,
      after,
    });
    return ok({ id: after.id, name: after.name });
  });
}

/** Removes a provider from the register: its staff are then treated as their job title says. */
export async function deleteServiceProvider(scope: OrganisationScope, input: { provider_id: number }): Promise<Result<{ name: string }>> {
  const before = await scope.selectFrom("service_providers").selectAll().where("id", "=", input.provider_id).executeTakeFirst();
  if (!before) return notFound("No such service provider");
  await scope.write(async (w) => {
    await w.deleteFrom("service_providers").where("id", "=", before.id).execute();
    await w.audit({ action: "service_provider.delete", entity: "service_provider", entityId: before.id, summary: `Removed the service provider ${before.name}`, before, after: null });
  });
  return ok({ name: before.name });
}
