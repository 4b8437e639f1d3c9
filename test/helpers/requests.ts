/** Signed-in requests for loader and action tests, against the database installed with useAsAppDatabase. */
import type { DB } from "../../db/connection";
import { hashPassword } from "../../db/password";
import type { UserRole } from "../../db/schema";
import { createUserSession } from "../../app/utils/session.server";

export const TEST_ORIGIN = "http://localhost";

export async function createTestUser(db: DB, email: string, role: UserRole, organisationIds: number[] = [], password = "correct horse battery"): Promise<number> {
  const user = await db.insertInto("users").values({ email, name: email.split("@")[0], role, password_hash: hashPassword(password) }).returning("id").executeTakeFirstOrThrow();
  for (const organisationId of organisationIds) await db.insertInto("memberships").values({ user_id: user.id, organisation_id: organisationId }).execute();
  return user.id;
}

export async function createTestOrganisation(db: DB, slug: string, homes = 5000): Promise<number> {
  const row = await db.insertInto("organisations").values({ slug, name: `${slug} Homes`, homes_owned: homes }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/** A session cookie for the user, made by the real sign-in code. */
export async function sessionCookie(userId: number): Promise<string> {
  const response = await createUserSession(new Request(`${TEST_ORIGIN}/login`), userId, "/");
  const setCookie = response.headers.get("Set-Cookie") ?? "";
  return setCookie.split(";")[0];
}

export function getRequest(path: string, cookie?: string): Request {
  return new Request(`${TEST_ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

export function postRequest(path: string, form: Record<string, string | string[]>, cookie?: string): Request {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return new Request(`${TEST_ORIGIN}${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: TEST_ORIGIN, ...(cookie ? { Cookie: cookie } : {}) },
  });
}

type Unwrapped<T> = T extends { data: infer D; init: unknown } ? D : Exclude<T, Response>;

/**
 * Runs a loader or action and returns its data and status, or the Response it returned or threw (404, redirect…).
 * `data(...)` results are unwrapped.
 */
export async function call<T>(fn: () => Promise<T>): Promise<{ data?: Unwrapped<T>; status: number; response?: Response }> {
  try {
    const result = (await fn()) as unknown;
    if (result instanceof Response) return { response: result, status: result.status };
    if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
      const wrapped = result as { data: Unwrapped<T>; init?: ResponseInit | null };
      return { data: wrapped.data, status: wrapped.init?.status ?? 200 };
    }
    return { data: result as Unwrapped<T>, status: 200 };
  } catch (thrown) {
    if (thrown instanceof Response) return { response: thrown, status: thrown.status };
    throw thrown;
  }
}
