/** The one helper every loader and action uses to check who may do what, and in which organisation. */
import { getDb } from "./db.server";
import { requireUser } from "./session.server";
import { memoisedForRequest } from "./request-memo.server";
import { can, type Permission } from "./permissions";
import type { Organisation, User } from "../../db/schema";
import { openOrganisationScope, type OrganisationScope } from "../models/organisation-scope.server";

export interface OrgAccess {
  user: User;
  organisation: Organisation;
  /** The only way into this organisation's data for the rest of the request. */
  scope: OrganisationScope;
}

/** Organisations a user may see: every one for an admin, their memberships otherwise. */
export async function organisationsFor(user: User): Promise<Organisation[]> {
  const db = getDb();
  if (user.role === "admin") return db.selectFrom("organisations").selectAll().orderBy("name").execute();
  return db
    .selectFrom("organisations")
    .innerJoin("memberships", "memberships.organisation_id", "organisations.id")
    .selectAll("organisations")
    .where("memberships.user_id", "=", user.id)
    .orderBy("organisations.name")
    .execute();
}

/**
 * Signed-in user with `permission` in the organisation `slug`. A non-member gets 404 (the organisation's
 * existence is not revealed); a member without the permission gets 403. The organisation is looked up once per
 * reading request (request-memo.server.ts).
 */
export async function requireOrgPermission(request: Request, slug: string | undefined, permission: Permission): Promise<OrgAccess> {
  const user = await requireUser(request);
  const db = getDb();
  const organisation = await memoisedForRequest(`organisation:${user.id}:${user.role}:${slug ?? ""}`, () => {
    let query = db.selectFrom("organisations").selectAll("organisations").where("organisations.slug", "=", slug ?? "");
    if (user.role !== "admin") {
      query = query
        .innerJoin("memberships", "memberships.organisation_id", "organisations.id")
        .where("memberships.user_id", "=", user.id);
    }
    return query.executeTakeFirst();
  });
  if (!organisation) throw new Response("Not found", { status: 404 });
  if (!can(user.role, permission)) throw new Response("Forbidden", { status: 403 });
  const today = new Date().toISOString().slice(0, 10);
  return { user, organisation, scope: openOrganisationScope(db, organisation, { userId: user.id, name: user.email }, today) };
}

/** For pages outside an organisation (portfolio, users). */
export async function requirePermission(request: Request, permission: Permission): Promise<User> {
  const user = await requireUser(request);
  if (!can(user.role, permission)) throw new Response("Forbidden", { status: 403 });
  return user;
}
