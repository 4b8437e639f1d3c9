/**
 * Where to send someone after signing in: only a place on this site. The target must be a path; parsed as a URL
 * against the site's origin it must keep that origin, and any control character (tab, newline, NUL, DEL…) refuses it
 * outright, since browsers drop some of them while parsing (`/\t/evil.example` is `//evil.example` to a browser).
 */
const SITE = "http://site.invalid";
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to === "" || to.length > 2000) return fallback;
  if (CONTROL.test(to)) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.includes("\\")) return fallback;
  let url: URL;
  try {
    url = new URL(to, SITE);
  } catch {
    return fallback;
  }
  if (url.origin !== SITE) return fallback;
  const target = `${url.pathname}${url.search}${url.hash}`;
  // What we send must parse back to the same place (no scheme-relative result after normalisation).
  return target.startsWith("//") ? fallback : target;
}
