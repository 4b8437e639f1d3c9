/**
 * The success banner after a redirect ("Imported staff.csv: 12 added…") travels in the URL, signed with the session
 * secret: a link with any other `?notice=` text shows no banner, so nobody can put their words on our page.
 */
import crypto from "node:crypto";
import { appEnv } from "./env.server";

const MAX_NOTICE = 500;

function signature(text: string): string {
  return crypto.createHmac("sha256", appEnv().sessionSecret).update(`notice:${text}`).digest("base64url").slice(0, 22);
}

/** `path` with the notice and its signature added to the query string. */
export function withNotice(path: string, text: string): string {
  const notice = text.slice(0, MAX_NOTICE);
  return `${path}${path.includes("?") ? "&" : "?"}notice=${encodeURIComponent(notice)}&ns=${signature(notice)}`;
}

/** The notice of this URL when its signature is ours, else null. */
export function noticeFrom(url: URL | string): string | null {
  const params = (typeof url === "string" ? new URL(url) : url).searchParams;
  const notice = params.get("notice");
  const given = params.get("ns");
  if (!notice || !given || notice.length > MAX_NOTICE) return null;
  const expected = Buffer.from(signature(notice));
  const actual = Buffer.from(given);
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected) ? notice : null;
}
