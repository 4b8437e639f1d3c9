/** Creating organisations (CLI and admin). Settings start at the defaults of the rules. */
import { z } from "zod";
import type { DB } from "../../db/connection";
import type { Organisation } from "../../db/schema";
import { recordAudit, type Actor } from "./audit.server";
import { invalid, ok, type Result } from "./result";
import { transactionResult } from "./transaction-result.server";

export const organisationInputSchema = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "Use 2–63 lower-case letters, digits and hyphens, starting with a letter or digit"),
  name: z.string().trim().min(1, "Enter the organisation's name").max(200),
  homesOwned: z.coerce.number().int("Homes owned must be a whole number").min(0).max(10_000_000),
  inForceDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD")
    .optional(),
});

export type OrganisationInput = z.infer<typeof organisationInputSchema>;

/** Creates the organisation at the rules' default settings; a slug already taken is refused on the slug field. */
export async function createOrganisation(db: DB, input: OrganisationInput, actor: Actor): Promise<Result<Organisation>> {
  return transactionResult(db, (trx) => insertOrganisation(trx, input, actor));
}

/** The body of createOrganisation, for callers that already hold a transaction. */
export async function insertOrganisation(trx: DB, input: OrganisationInput, actor: Actor): Promise<Result<Organisation>> {
  {
    const existing = await trx.selectFrom("organisations").select("id").where("slug", "=", input.slug).executeTakeFirst();
    if (existing) return invalid({ slug: `An organisation with the slug "${input.slug}" already exists` });
    const organisation = await trx
      .insertInto("organisations")
      .values({ slug: input.slug, name: input.name, homes_owned: input.homesOwned, ...(input.inForceDate ? { in_force_date: input.inForceDate } : {}) })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      organisationId: organisation.id,
      action: "organisation.create",
      entity: "organisation",
      entityId: organisation.id,
      summary: `Created organisation ${organisation.name} (${organisation.homes_owned} homes)`,
      after: organisation,
    });
    return ok(organisation);
  }
}

export async function getOrganisationBySlug(db: DB, slug: string): Promise<Organisation | undefined> {
  return db.selectFrom("organisations").selectAll().where("slug", "=", slug).executeTakeFirst();
}
