/**
 * Memberships: which users may open an organisation. A membership row belongs to its organisation (it has an
 * `organisation_id`), so it is written like any other organisation data: through that organisation's scope, with
 * the event in that organisation's audit trail ("membership.add" / "membership.remove") and its revision moved.
 * The account itself (users, sessions) belongs to no organisation and is written in users.server.ts.
 *
 * See docs/decisions/0021-memberships-on-the-scope.md.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { todayIso } from "./compliance.server";
import { openOrganisationScope, type Actor, type OrganisationScope } from "./organisation-scope.server";

export interface Member {
  id: number;
  email: string;
  role: string;
}

/** Gives `user` access to the scope's organisation (a membership they already have stays as it is). */
export async function grantAccess(scope: OrganisationScope, user: Member): Promise<void> {
  await scope.write(async (w) => {
    await w
      .insertInto("memberships", { user_id: user.id })
      .onConflict((oc) => oc.columns(["user_id", "organisation_id"]).doNothing())
      .execute();
    await w.audit({
      action: "membership.add",
      entity: "membership",
      entityId: user.id,
      summary: `Gave ${user.email} (${user.role}) access to ${scope.organisation.name}`,
      after: { userId: user.id, organisationId: scope.organisation.id },
    });
  });
}

/** Takes `user`'s access to the scope's organisation away. */
export async function withdrawAccess(scope: OrganisationScope, user: Member): Promise<void> {
  await scope.write(async (w) => {
    await w.deleteFrom("memberships").where("user_id", "=", user.id).execute();
    await w.audit({
      action: "membership.remove",
      entity: "membership",
      entityId: user.id,
      summary: `Took ${user.email}'s access to ${scope.organisation.name} away`,
      before: { userId: user.id, organisationId: scope.organisation.id },
    });
  });
}

/** The organisations `user` may open now (ids, ascending). */
export async function membershipsOf(db: Kysely<Database>, userId: number): Promise<number[]> {
  const rows = await db.selectFrom("memberships").select("organisation_id").where("user_id", "=", userId).orderBy("organisation_id").execute();
  return rows.map((r) => r.organisation_id);
}

/**
 * Makes `organisationIds` the organisations `user` may open: grants those added and withdraws those dropped, each
 * through its organisation's scope and inside the caller's transaction (kept memberships are not touched).
 */
export async function setMemberships(trx: Transaction<Database>, user: Member, organisationIds: readonly number[], actor: Actor): Promise<void> {
  const before = new Set(await membershipsOf(trx, user.id));
  const after = new Set(organisationIds);
  const changed = [...new Set([...before, ...after])].filter((id) => before.has(id) !== after.has(id));
  if (changed.length === 0) return;
  const organisations = await trx.selectFrom("organisations").selectAll().where("id", "in", changed).orderBy("id").execute();
  if (organisations.length !== changed.length) throw new Error(`No organisation with id ${changed.find((id) => !organisations.some((o) => o.id === id))}`);
  const today = todayIso();
  for (const organisation of organisations) {
    const scope = openOrganisationScope(trx, organisation, actor, today);
    if (after.has(organisation.id)) await grantAccess(scope, user);
    else await withdrawAccess(scope, user);
  }
}
