/** Server-side sessions: the signed cookie holds only a random id; the row in `sessions` is the truth, so sign-out really ends it. */
import crypto from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { getDb } from "./db.server";
import { appEnv } from "./env.server";
import { memoisedForRequest } from "./request-memo.server";
import type { User } from "../../db/schema";

export const SESSION_HOURS = 12;

const sessionCookie = () =>
  createCookie("__cc_session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secrets: [appEnv().sessionSecret],
    maxAge: SESSION_HOURS * 3600,
  });

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

/** The row key of a session: the SHA-256 of the id in the cookie, so the database never holds a usable session id. */
export function sessionKey(id: string): string {
  return crypto.createHash("sha256").update(id).digest("hex");
}

/** The stored key of the session the request's cookie names (null without a valid signed cookie). */
async function sessionIdFrom(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value !== "" ? sessionKey(value) : null;
}

/** The signed-in user, looked up once per reading request (request-memo.server.ts: the layout and the page share it). */
export async function getSessionUser(request: Request): Promise<User | null> {
  const id = await sessionIdFrom(request);
  if (!id) return null;
  return memoisedForRequest(`session:${id}`, () => sessionUser(id));
}

async function sessionUser(id: string): Promise<User | null> {
  const db = getDb();
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("users")
    .select("sessions.expires_at")
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  if (row.expires_at <= new Date().toISOString()) {
    await db.deleteFrom("sessions").where("id", "=", id).execute();
    return null;
  }
  const { expires_at: _expires, ...user } = row;
  return user;
}

/** Starts a new session (a fresh id at every sign-in, so a planted id is never promoted) and redirects. */
export async function createUserSession(request: Request, userId: number, redirectTo: string): Promise<Response> {
  const db = getDb();
  const previous = await sessionIdFrom(request);
  if (previous) await db.deleteFrom("sessions").where("id", "=", previous).execute();
  const id = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600 * 1000).toISOString();
  await db.insertInto("sessions").values({ id: sessionKey(id), user_id: userId, expires_at: expiresAt }).execute();
  await db.deleteFrom("sessions").where("expires_at", "<=", new Date().toISOString()).execute();
  return redirect(redirectTo, {
    headers: { "Set-Cookie": await sessionCookie().serialize(id, { secure: isHttps(request) }) },
  });
}

export async function destroyUserSession(request: Request): Promise<Response> {
  const id = await sessionIdFrom(request);
  if (id) await getDb().deleteFrom("sessions").where("id", "=", id).execute();
  return redirect("/login", {
    headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0, secure: isHttps(request) }) },
  });
}

export async function requireUser(request: Request): Promise<User> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}
