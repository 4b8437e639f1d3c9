/** An organisation's scope for tests that call models directly, as the routes and the CLI open it. */
import type { DB } from "../../db/connection";
import { openOrganisationScope, type OrganisationScope } from "../../app/models/organisation-scope.server";

export async function organisationScope(db: DB, organisationId: number, options: { actor?: string; today?: string } = {}): Promise<OrganisationScope> {
  const organisation = await db.selectFrom("organisations").selectAll().where("id", "=", organisationId).executeTakeFirstOrThrow();
  return openOrganisationScope(db, organisation, { userId: null, name: options.actor ?? "test" }, options.today ?? new Date().toISOString().slice(0, 10));
}
