/** Trimmed, inner whitespace collapsed to one space, lower-cased: the key job-title decisions match on. */
export function normaliseJobTitle(title: string): string {
  return title.trim().replace(/\s+/g, " ").toLowerCase();
}
