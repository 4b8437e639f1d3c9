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
import { insertOrganisation, organisationInputSchema } from "./organisations.server";
import { invalid, ok, type Result } from "./result";
import { transactionResult } from "./transaction-result.server";
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

/** The field error key of the first user at this position of the list given ("users.2.email"). */
export const firstUserField = (index: number, field: keyof FirstUser) => `users.${index}.${field}`;

/**
 * The organisation and its first users, in one transaction: a refused user (listed twice, an administrator, no
 * name for a new account) leaves nothing written, and is named by its position in `input.users`.
 */
export async function createOrganisationWithUsers(
  db: DB,
  input: { organisation: z.infer<typeof organisationInputSchema>; users: FirstUser[] },
  actor: Actor,
): Promise<Result<SetupResult>> {
  const seen = new Set<string>();
  for (const [index, user] of input.users.entries()) {
    if (seen.has(user.email)) return invalid({ [firstUserField(index, "email")]: `${user.email} is listed twice` });
    seen.add(user.email);
  }
  return transactionResult(db, async (trx) => {
    const inserted = await insertOrganisation(trx, input.organisation, actor);
    if (!inserted.ok) return inserted;
    const organisation = inserted.value;
    const result: SetupResult = { organisation, created: [], joined: [] };
    for (const [index, user] of input.users.entries()) {
      const existing = await trx.selectFrom("users").select(["id", "name", "role", "email"]).where("email", "=", user.email).executeTakeFirst();
      if (existing) {
        if (existing.role === "admin") return invalid({ [firstUserField(index, "email")]: `${user.email} is an administrator, who sees every organisation already` });
        await grantAccess(openOrganisationScope(trx, organisation, actor, todayIso()), existing);
        result.joined.push({ email: existing.email, name: existing.name, role: existing.role });
        continue;
      }
      if (user.name === "") return invalid({ [firstUserField(index, "name")]: `Enter the name of ${user.email}` });
      const created = await insertUser(trx, { ...user, organisationIds: [organisation.id] }, actor);
      if (!created.ok) return created;
      result.created.push({ email: user.email, name: user.name, role: user.role, token: created.value.token });
    }
    return ok(result);
  });
}
