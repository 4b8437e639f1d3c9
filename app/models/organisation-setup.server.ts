/**
 * An administrator sets up a new organisation from the web: the organisation and its first users in one
 * transaction. A first user whose email already has an account (a consultant who works for several landlords)
 * becomes a member instead of getting a second account.
 */
import { z } from "zod";
import type { DB } from "../../db/connection";
import type { Organisation } from "../../db/schema";
import type { Actor } from "./audit.server";
import { todayIso } from "./compliance.server";
import { grantAccess } from "./memberships.server";
import { openOrganisationScope } from "./organisation-scope.server";
import { DuplicateOrganisationError, insertOrganisation, organisationInputSchema } from "./organisations.server";
import { insertUser } from "./users.server";

export const FIRST_USER_ROLES = ["hr", "consultant", "executive"] as const;

export const firstUserSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(320),
  name: z.string().trim().max(200),
  role: z.enum(FIRST_USER_ROLES, { errorMap: () => ({ message: "Choose hr, consultant or executive" }) }),
});
export type FirstUser = z.infer<typeof firstUserSchema>;

export interface SetupResult {
  organisation: Organisation;
  created: Array<{ email: string; name: string; role: string; token: string }>;
  joined: Array<{ email: string; name: string; role: string }>;
}

export class FirstUserError extends Error {
  constructor(
    readonly row: number,
    readonly field: "email" | "name" | "role",
    message: string,
  ) {
    super(message);
  }
}

export async function createOrganisationWithUsers(
  db: DB,
  input: { organisation: z.infer<typeof organisationInputSchema>; users: FirstUser[] },
  actor: Actor,
): Promise<SetupResult> {
  const seen = new Set<string>();
  input.users.forEach((user, index) => {
    if (seen.has(user.email)) throw new FirstUserError(index + 1, "email", `${user.email} is listed twice`);
    seen.add(user.email);
  });
  return db.transaction().execute(async (trx) => {
    const existingSlug = await trx.selectFrom("organisations").select("id").where("slug", "=", input.organisation.slug).executeTakeFirst();
    if (existingSlug) throw new DuplicateOrganisationError(`An organisation with the slug "${input.organisation.slug}" already exists`);
    const organisation = await insertOrganisation(trx, input.organisation, actor);
    const result: SetupResult = { organisation, created: [], joined: [] };
    for (const [index, user] of input.users.entries()) {
      const existing = await trx.selectFrom("users").select(["id", "name", "role", "email"]).where("email", "=", user.email).executeTakeFirst();
      if (existing) {
        if (existing.role === "admin") throw new FirstUserError(index + 1, "email", `${user.email} is an administrator, who sees every organisation already`);
        await grantAccess(openOrganisationScope(trx, organisation, actor, todayIso()), existing);
        result.joined.push({ email: existing.email, name: existing.name, role: existing.role });
        continue;
      }
      if (user.name === "") throw new FirstUserError(index + 1, "name", `Enter the name of ${user.email}`);
      const { token } = await insertUser(trx, { ...user, organisationIds: [organisation.id] }, actor);
      result.created.push({ email: user.email, name: user.name, role: user.role, token });
    }
    return result;
  });
}
