/** An organisation's scope for tests that call models directly, as the routes and the CLI open it. */
import type { DB } from "../../db/connection";
import { openOrganisationScope, type Actor, type OrganisationScope } from "../../app/models/organisation-scope.server";

export async function organisationScope(db: DB, organisationId: number, options: { actor?: string | Actor; today?: string } = {}): Promise<OrganisationScope> {
  const organisation = await db.selectFrom("organisations").selectAll().where("id", "=", organisationId).executeTakeFirstOrThrow();
  const actor = typeof options.actor === "object" ? options.actor : { userId: null, name: options.actor ?? "test" };
  return openOrganisationScope(db, organisation, actor, options.today ?? new Date().toISOString().slice(0, 10));
}
