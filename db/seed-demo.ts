/**
 * Demo data: two organisations (Riverside Homes, 12,000 homes, ~600 staff; Oakfield Housing
 * Co-operative, 800 homes, ~120 staff), their scope decisions, qualification records, absences and
 * the demo users (password `demo-password`).
 *
 * Deterministic: a seeded PRNG (mulberry32) drives every choice and every date is absolute, so two
 * runs produce identical rows. All writes happen in one transaction; each organisation's data is written through
 * its organisation scope (`scope.write`, joining that transaction), like every other writer of organisation data.
 */
import type { Kysely, Transaction } from "kysely";
import { DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS } from "./demo-data";
import { openOrganisationScope, type OrganisationScope } from "../app/models/organisation-scope.server";
import { hashPassword } from "./password";
import { planOrganisation } from "./demo/organisation-plan";
import { seedOrganisation } from "./demo/write-organisation";
import { seedDemoAudits } from "./demo/skills-audits";
import { seedDemoIntakes } from "./demo/course-intakes";
import { seedDemoConduct } from "./demo/conduct";
import type { Database } from "./schema";

export interface DemoSeedOptions {
  /**
   * The date the demo is "as of" (default 2026-11-23). Only stamps `created_at` / `updated_at`;
   * every business date in the data is absolute, so the data is the same whatever the real clock says.
   */
  today?: string;
}

export interface DemoSeedSummary {
  organisations: Array<{ slug: string; id: number; staff: number; records: number }>;
  users: number;
}

export const DEMO_TODAY = "2026-11-23";

/** Seeds the demo only when the `organisations` table is empty (checked inside the transaction). */
export async function seedDemoIfEmpty(
  db: Kysely<Database>,
  opts: DemoSeedOptions = {},
): Promise<{ seeded: boolean; summary?: DemoSeedSummary }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("organisations").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
    if (Number(row?.n ?? 0) > 0) return { seeded: false };
    const summary = await seedInto(trx, opts);
    return { seeded: true, summary };
  });
}

/** Seeds the demo unconditionally (fails if the demo organisations' slugs already exist). */
export async function seedDemo(db: Kysely<Database>, opts: DemoSeedOptions = {}): Promise<DemoSeedSummary> {
  return db.transaction().execute((trx) => seedInto(trx, opts));
}

const SEED_ACTOR = { userId: null, name: "seed" } as const;
const SEED_UNAUDITED = "the demo seed creates the organisation's starting data; nobody changed anything";

async function seedInto(trx: Transaction<Database>, opts: DemoSeedOptions): Promise<DemoSeedSummary> {
  const today = opts.today ?? DEMO_TODAY;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`today must be YYYY-MM-DD, got ${today}`);
  const stamp = `${today}T09:00:00.000Z`;

  const qualificationIds = new Map<string, number>();
  for (const q of await trx.selectFrom("qualifications").select(["id", "code"]).where("organisation_id", "is", null).execute()) {
    if (q.code) qualificationIds.set(q.code, q.id);
  }
  const qualificationId = (code: string): number => {
    const id = qualificationIds.get(code);
    if (id === undefined) throw new Error(`qualification ${code} missing from the shared catalogue (run the migrations first)`);
    return id;
  };

  const summary: DemoSeedSummary = { organisations: [], users: 0 };
  const scopes = new Map<string, OrganisationScope>();

  for (const [index, org] of DEMO_ORGANISATIONS.entries()) {
    const plan = planOrganisation(org, index);
    const { id: organisationId } = await trx
      .insertInto("organisations")
      .values({ slug: org.slug, name: org.name, homes_owned: org.homesOwned, created_at: stamp })
      .returning("id")
      .executeTakeFirstOrThrow();
    const organisation = await trx.selectFrom("organisations").selectAll().where("id", "=", organisationId).executeTakeFirstOrThrow();
    const scope = openOrganisationScope(trx, organisation, SEED_ACTOR, today);
    scopes.set(org.slug, scope);
    await scope.write((w) => seedOrganisation(w, plan, { index, stamp, qualificationId }), { unaudited: SEED_UNAUDITED });
    summary.organisations.push({ slug: org.slug, id: organisationId, staff: plan.people.length, records: plan.records.length });
  }

  // Course intakes for the workforce development plan (db/demo/course-intakes.ts).
  await seedDemoIntakes(scopes, { stamp, unaudited: SEED_UNAUDITED });

  // Users (kept if they already exist, e.g. an admin created from the command line) and memberships.
  // One hash for the shared, public demo password: scrypt is deliberately slow.
  const passwordHash = hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    await trx
      .insertInto("users")
      .values({ email: u.email, name: u.name, role: u.role, password_hash: passwordHash, created_at: stamp })
      .onConflict((oc) => oc.column("email").doNothing())
      .execute();
    const { id: userId } = await trx.selectFrom("users").select("id").where("email", "=", u.email).executeTakeFirstOrThrow();
    for (const slug of u.memberships) {
      await scopes
        .get(slug)!
        .write((w) => w.insertInto("memberships", { user_id: userId, created_at: stamp }).onConflict((oc) => oc.columns(["user_id", "organisation_id"]).doNothing()).execute(), { unaudited: SEED_UNAUDITED });
    }
    summary.users += 1;
  }
  await seedDemoAudits([...scopes.values()], { today, unaudited: SEED_UNAUDITED });
  // Policies, code acknowledgements, supervision and training (db/demo/conduct.ts).
  await seedDemoConduct([...scopes.values()], { today, unaudited: SEED_UNAUDITED });
  return summary;
}
