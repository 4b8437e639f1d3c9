/** The organisation scope an import, undo or mapping-profile command runs in, when the caller has not opened one. */
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { openOrganisationScope, type Actor, type OrganisationScope } from "../app/models/organisation-scope.server";
import { ImportUsageError } from "./types";

export async function scopeOf(
  opts: { db: Kysely<Database>; organisationId: number; scope?: OrganisationScope },
  actor: Actor,
  today = new Date().toISOString().slice(0, 10),
): Promise<OrganisationScope> {
  if (opts.scope) {
    if (opts.scope.organisationId !== opts.organisationId) throw new ImportUsageError("The scope given is another organisation's.");
    return opts.scope;
  }
  const organisation = await opts.db.selectFrom("organisations").selectAll().where("id", "=", opts.organisationId).executeTakeFirst();
  if (!organisation) throw new ImportUsageError(`There is no organisation with id ${opts.organisationId}.`);
  return openOrganisationScope(opts.db, organisation, actor, today);
}
