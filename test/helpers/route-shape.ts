/**
 * The shape of a product URL, so a crawler visits a few representatives of each route instead of every person:
 * the organisation slug and every segment that is an identifier (numbers, employee references, tokens) become
 * placeholders, and query strings keep their parameter names but not their values.
 */
export function routeShape(url: string): string {
  const parsed = new URL(url, "http://x");
  const segments = parsed.pathname.split("/").map((segment, index, all) => {
    if (index > 0 && all[index - 1] === "orgs") return ":slug";
    if (/^\d+$/.test(segment)) return ":n";
    if (/\d/.test(segment) && !/\.(csv|pdf)$/.test(segment)) return ":id";
    if (segment.length >= 20) return ":token";
    return segment;
  });
  const keys = [...new Set([...parsed.searchParams.keys()])].sort();
  return segments.join("/") + (keys.length ? `?${keys.join("&")}` : "");
}
