/** Checks a password with throttling per account and per address; failures get one generic message. */
import { getDb } from "./db.server";
import { dummyPasswordHash, verifyPassword } from "../../db/password";

export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
const GENERIC_FAILURE = "The email address or password is not right.";

export type SignInOutcome = { ok: true; userId: number } | { ok: false; status: 401 | 429; message: string };

export async function signIn(emailInput: string, password: string, address: string, now = new Date()): Promise<SignInOutcome> {
  const db = getDb();
  const email = emailInput.trim().toLowerCase();
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000).toISOString();
  const failures = async (column: "email" | "address", value: string) =>
    Number(
      (
        await db
          .selectFrom("sign_in_attempts")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where(column, "=", value)
          .where("succeeded", "=", 0)
          .where("at", ">", since)
          .executeTakeFirstOrThrow()
      ).n,
    );
  if ((await failures("email", email)) >= MAX_FAILURES_PER_ACCOUNT || (await failures("address", address)) >= MAX_FAILURES_PER_ADDRESS) {
    return { ok: false, status: 429, message: `Too many sign-in attempts. Wait ${THROTTLE_WINDOW_MINUTES} minutes and try again.` };
  }
  const user = await db.selectFrom("users").select(["id", "password_hash"]).where("email", "=", email).executeTakeFirst();
  // Always one scrypt: against the account's hash, or a dummy one when there is no such account (or no password yet).
  const matches = verifyPassword(password, user?.password_hash ?? dummyPasswordHash());
  const ok = !!user?.password_hash && matches;
  await db.insertInto("sign_in_attempts").values({ email, address, at: now.toISOString(), succeeded: ok ? 1 : 0 }).execute();
  if (!ok || !user) return { ok: false, status: 401, message: GENERIC_FAILURE };
  // A successful sign-in clears that account's failure count.
  await db.deleteFrom("sign_in_attempts").where("email", "=", email).where("succeeded", "=", 0).execute();
  return { ok: true, userId: user.id };
}
