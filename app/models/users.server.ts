/** User accounts: creation with a one-time set-password link (never a password sent around), roles, memberships. */
import { textForm } from "../utils/text-form";
import crypto from "node:crypto";
import { z } from "zod";
import type { Transaction } from "kysely";
import type { DB } from "../../db/connection";
import type { Database, User, UserRole } from "../../db/schema";
import { hashPassword } from "../../db/password";
import { recordAudit, type Actor } from "./audit.server";
import { membershipsOf, setMemberships } from "./memberships.server";
import { invalid, notFound, ok, type Result } from "./result";
import { transactionResult } from "./transaction-result.server";

export { USER_ROLES } from "./user-roles";
export const SET_PASSWORD_LINK_HOURS = 72;
export const MIN_PASSWORD_LENGTH = 12;

export const userInputSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(320),
  name: z.string().trim().min(1, "Enter the person's name").max(200),
  role: z.enum(["admin", "hr", "consultant", "executive"], { errorMap: () => ({ message: "Choose admin, hr, consultant or executive" }) }),
  organisationIds: z.array(z.number().int()).default([]),
});
export type UserInput = z.infer<typeof userInputSchema>;

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, "That password is too long");

/** The set-password form: the password twice. */
export const setPasswordForm = textForm({ password: passwordSchema, confirm: z.string() }).refine((v) => v.password === v.confirm, {
  message: "The two passwords do not match",
  path: ["confirm"],
});

const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("hex");

export const duplicateUserMessage = (email: string) => `A user with the email ${email} already exists`;
const userNotFound = "That user no longer exists";

/**
 * Creates the user and returns the one-time token for their set-password link (only its hash is stored). Their
 * memberships are written through each organisation's scope (memberships.server.ts). An email already in use is
 * refused on the email field.
 */
export async function createUser(db: DB, input: UserInput, actor: Actor): Promise<Result<{ user: User; token: string }>> {
  return transactionResult(db, (trx) => insertUser(trx, input, actor));
}

/** The body of createUser, for callers that already hold a transaction (creating an organisation with its users). */
export async function insertUser(trx: Transaction<Database>, input: UserInput, actor: Actor): Promise<Result<{ user: User; token: string }>> {
  {
    const existing = await trx.selectFrom("users").select("id").where("email", "=", input.email).executeTakeFirst();
    if (existing) return invalid({ email: duplicateUserMessage(input.email) });
    const token = crypto.randomBytes(24).toString("base64url");
    const user = await trx
      .insertInto("users")
      .values({
        email: input.email,
        name: input.name,
        role: input.role,
        password_hash: null,
        set_password_token_hash: sha256(token),
        set_password_expires_at: new Date(Date.now() + SET_PASSWORD_LINK_HOURS * 3600_000).toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      organisationId: null,
      action: "user.create",
      entity: "user",
      entityId: user.id,
      summary: `Created ${input.role} account for ${input.email}`,
      after: { email: user.email, name: user.name, role: user.role, organisationIds: input.organisationIds },
    });
    await setMemberships(trx, user, input.organisationIds, actor);
    return ok({ user, token });
  }
}

/** A fresh one-time link for a user (password reset); the old password stops working only when the new one is set. */
export async function issueSetPasswordToken(db: DB, userId: number, actor: Actor): Promise<Result<string>> {
  const token = crypto.randomBytes(24).toString("base64url");
  return transactionResult(db, async (trx) => {
    const updated = await trx
      .updateTable("users")
      .set({ set_password_token_hash: sha256(token), set_password_expires_at: new Date(Date.now() + SET_PASSWORD_LINK_HOURS * 3600_000).toISOString() })
      .where("id", "=", userId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return notFound(userNotFound);
    await recordAudit(trx, actor, { organisationId: null, action: "user.reset", entity: "user", entityId: userId, summary: "Issued a set-password link" });
    return ok(token);
  });
}

export async function userForSetPasswordToken(db: DB, token: string): Promise<User | undefined> {
  const user = await db.selectFrom("users").selectAll().where("set_password_token_hash", "=", sha256(token)).executeTakeFirst();
  if (!user || !user.set_password_expires_at || user.set_password_expires_at <= new Date().toISOString()) return undefined;
  return user;
}

/** Sets the password from a one-time link; the link is spent and every existing session of the user ends. */
export async function setPasswordWithToken(db: DB, token: string, password: string): Promise<User | undefined> {
  const user = await userForSetPasswordToken(db, token);
  if (!user) return undefined;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ password_hash: hashPassword(password), set_password_token_hash: null, set_password_expires_at: null })
      .where("id", "=", user.id)
      .execute();
    await trx.deleteFrom("sessions").where("user_id", "=", user.id).execute();
    await recordAudit(trx, { userId: user.id, name: user.email }, { organisationId: null, action: "user.set_password", entity: "user", entityId: user.id, summary: "Set their password" });
  });
  return user;
}

export function setPasswordPath(token: string): string {
  return `/set-password/${token}`;
}

export async function listUsersWithMemberships(db: DB) {
  const users = await db.selectFrom("users").select(["id", "email", "name", "role", "password_hash", "set_password_expires_at", "created_at"]).orderBy("email").execute();
  const memberships = await db
    .selectFrom("memberships")
    .innerJoin("organisations", "organisations.id", "memberships.organisation_id")
    .select(["memberships.user_id", "organisations.id", "organisations.slug", "organisations.name"])
    .execute();
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    hasPassword: u.password_hash != null,
    linkPending: u.set_password_expires_at != null && u.set_password_expires_at > new Date().toISOString(),
    createdAt: u.created_at,
    organisations: memberships.filter((m) => m.user_id === u.id).map((m) => ({ id: m.id, slug: m.slug, name: m.name })),
  }));
}

export async function changeUserRole(db: DB, userId: number, role: UserRole, organisationIds: number[], actor: Actor): Promise<Result<void>> {
  return transactionResult(db, async (trx) => {
    const before = await trx.selectFrom("users").select(["email", "role"]).where("id", "=", userId).executeTakeFirst();
    if (!before) return notFound(userNotFound);
    const beforeOrgs = await membershipsOf(trx, userId);
    await trx.updateTable("users").set({ role }).where("id", "=", userId).execute();
    await setMemberships(trx, { id: userId, email: before.email, role }, organisationIds, actor);
    // A change of role takes effect at once: the user signs in again.
    await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    await recordAudit(trx, actor, {
      organisationId: null,
      action: "user.update",
      entity: "user",
      entityId: userId,
      summary: `Changed ${before.email}: role ${before.role} → ${role}`,
      before: { role: before.role, organisationIds: beforeOrgs },
      after: { role, organisationIds },
    });
    return ok(undefined);
  });
}

export async function removeUser(db: DB, userId: number, actor: Actor): Promise<Result<void>> {
  return transactionResult(db, async (trx) => {
    const before = await trx.selectFrom("users").select(["id", "email", "name", "role"]).where("id", "=", userId).executeTakeFirst();
    if (!before) return notFound(userNotFound);
    // Each organisation's trail records the access going; the account then goes with its sessions.
    await setMemberships(trx, before, [], actor);
    await trx.deleteFrom("users").where("id", "=", userId).execute();
    await recordAudit(trx, actor, { organisationId: null, action: "user.remove", entity: "user", entityId: userId, summary: `Removed ${before.email}`, before });
    return ok(undefined);
  });
}
