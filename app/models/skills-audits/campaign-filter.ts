/** Who a campaign includes, as stored (`filter_json`) and as the pages describe it. Plain module: pages use it too. */
import { CATEGORY_LABELS } from "../../compliance/status";
import { EMPTY_FILTER, isAuditCategory, type ParticipantFilter } from "../../skills";

export function parseFilter(json: string | null | undefined): ParticipantFilter {
  try {
    const f = JSON.parse(json ?? "{}") as Partial<ParticipantFilter>;
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
    return {
      categories: strings(f.categories).filter(isAuditCategory),
      departments: strings(f.departments),
      employers: strings(f.employers),
      refs: strings(f.refs),
    };
  } catch {
    return EMPTY_FILTER;
  }
}

export function describeFilter(f: ParticipantFilter): string {
  const parts: string[] = [];
  if (f.categories.length) parts.push(`category: ${f.categories.map((c) => CATEGORY_LABELS[c]).join(", ")}`);
  if (f.departments.length) parts.push(`department: ${f.departments.join(", ")}`);
  if (f.employers.length) parts.push(`employer: ${f.employers.map((e) => e || "Direct").join(", ")}`);
  const base = parts.length ? parts.join("; ") : f.refs.length ? "" : "everyone in post with a target category";
  const refs = f.refs.length ? `${f.refs.length} listed employee ref${f.refs.length === 1 ? "" : "s"}` : "";
  return [base, refs].filter(Boolean).join(" plus ");
}

/** A campaign, framework or upload id from the URL: digits only, else NaN (which finds nothing). */
export function idFrom(param: string | undefined): number {
  return param && /^\d{1,12}$/.test(param) ? Number(param) : NaN;
}
