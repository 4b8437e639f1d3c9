// Suggestions for scope decisions: a starting point from common housing job titles and keywords. A person always
// confirms the decision (with a rationale); nothing here is ever applied automatically. Browser-safe, no I/O.

import { normaliseJobTitle } from "../compliance/scope";
import type { Category } from "../compliance/types";

export interface CommonHousingTitle {
  jobTitle: string;
  usualCategory: Category;
  note?: string;
}

/**
 * Common housing job titles and the category landlords usually give them (copied from
 * db/catalogue/housing-job-titles.csv; embedded so that nothing reads files at run time).
 */
export const COMMON_HOUSING_TITLES: readonly CommonHousingTitle[] = [
  { jobTitle: "Chief Executive", usualCategory: "senior_executive", note: "overall accountability for housing services" },
  { jobTitle: "Executive Director of Housing", usualCategory: "senior_executive" },
  { jobTitle: "Director of Housing Services", usualCategory: "senior_executive" },
  { jobTitle: "Director of Property Services", usualCategory: "senior_executive", note: "repairs and asset management are housing management services" },
  { jobTitle: "Director of Customer Experience", usualCategory: "senior_executive", note: "if customer services for tenants report to this role" },
  { jobTitle: "Head of Housing Management", usualCategory: "senior_executive" },
  { jobTitle: "Head of Neighbourhoods", usualCategory: "senior_executive" },
  { jobTitle: "Head of Repairs and Maintenance", usualCategory: "senior_executive" },
  { jobTitle: "Head of Asset Management", usualCategory: "senior_executive" },
  { jobTitle: "Head of Income", usualCategory: "senior_executive" },
  { jobTitle: "Head of Lettings", usualCategory: "senior_executive" },
  { jobTitle: "Assistant Director of Housing", usualCategory: "senior_executive" },
  { jobTitle: "Housing Services Manager", usualCategory: "senior_manager" },
  { jobTitle: "Neighbourhood Manager", usualCategory: "senior_manager" },
  { jobTitle: "Area Housing Manager", usualCategory: "senior_manager" },
  { jobTitle: "Tenancy Services Manager", usualCategory: "senior_manager" },
  { jobTitle: "Income Manager", usualCategory: "senior_manager" },
  { jobTitle: "Rent Recovery Manager", usualCategory: "senior_manager" },
  { jobTitle: "Lettings Manager", usualCategory: "senior_manager" },
  { jobTitle: "Voids Manager", usualCategory: "senior_manager" },
  { jobTitle: "Repairs Manager", usualCategory: "senior_manager" },
  { jobTitle: "Responsive Repairs Manager", usualCategory: "senior_manager" },
  { jobTitle: "Planned Maintenance Manager", usualCategory: "senior_manager" },
  { jobTitle: "Asset Manager", usualCategory: "senior_manager" },
  { jobTitle: "Building Safety Manager", usualCategory: "senior_manager" },
  { jobTitle: "Compliance Manager", usualCategory: "senior_manager", note: "gas / electrical / fire safety compliance for tenants' homes" },
  { jobTitle: "Estate Services Manager", usualCategory: "senior_manager" },
  { jobTitle: "Supported Housing Manager", usualCategory: "senior_manager" },
  { jobTitle: "Sheltered Housing Manager", usualCategory: "senior_manager" },
  { jobTitle: "Customer Services Manager", usualCategory: "senior_manager", note: "contact centre for tenants" },
  { jobTitle: "Anti-Social Behaviour Manager", usualCategory: "senior_manager" },
  { jobTitle: "Resident Engagement Manager", usualCategory: "senior_manager" },
  { jobTitle: "Damp and Mould Manager", usualCategory: "senior_manager" },
  { jobTitle: "Housing Officer", usualCategory: "frontline" },
  { jobTitle: "Neighbourhood Officer", usualCategory: "frontline" },
  { jobTitle: "Tenancy Sustainment Officer", usualCategory: "frontline" },
  { jobTitle: "Income Officer", usualCategory: "frontline" },
  { jobTitle: "Lettings Officer", usualCategory: "frontline" },
  { jobTitle: "Voids Surveyor", usualCategory: "frontline" },
  { jobTitle: "Repairs Surveyor", usualCategory: "frontline" },
  { jobTitle: "Repairs Team Leader", usualCategory: "frontline", note: "team leaders are usually not senior managers; decide case by case" },
  { jobTitle: "Customer Services Advisor", usualCategory: "frontline" },
  { jobTitle: "Multi-Trade Operative", usualCategory: "frontline" },
  { jobTitle: "Gas Engineer", usualCategory: "frontline" },
  { jobTitle: "Estate Caretaker", usualCategory: "frontline" },
  { jobTitle: "Scheme Manager", usualCategory: "frontline", note: "despite the title usually a front-line sheltered scheme role" },
  { jobTitle: "Resident Engagement Officer", usualCategory: "frontline" },
  { jobTitle: "Finance Manager", usualCategory: "out_of_scope", note: "back-office" },
  { jobTitle: "HR Business Partner", usualCategory: "out_of_scope", note: "back-office" },
  { jobTitle: "Head of People", usualCategory: "out_of_scope", note: "back-office" },
  { jobTitle: "IT Service Desk Analyst", usualCategory: "out_of_scope", note: "back-office" },
  { jobTitle: "Payroll Officer", usualCategory: "out_of_scope", note: "back-office" },
  { jobTitle: "Development Manager", usualCategory: "out_of_scope", note: "new-build development is not housing management" },
  { jobTitle: "Company Secretary", usualCategory: "out_of_scope" },
  { jobTitle: "Chief Financial Officer", usualCategory: "out_of_scope", note: "unless also responsible for housing services day to day" },
];

export interface RoleSuggestion {
  category: Category;
  /** "common_title": exact (normalised) match on the list above; "keyword": a keyword rule. */
  source: "common_title" | "keyword";
  /** The common title matched, or the keyword that matched. */
  basis: string;
  note: string | null;
  /** Plain words for the page, e.g. "common housing title" or "the title contains \"manager\"". */
  explanation: string;
}

const BY_NORMALISED_TITLE: ReadonlyMap<string, CommonHousingTitle> = new Map(
  COMMON_HOUSING_TITLES.map((t) => [normaliseJobTitle(t.jobTitle), t]),
);

/** Keyword rules, first match wins. Back-office words come first so "Finance Director" is not an executive in scope. */
const KEYWORD_RULES: ReadonlyArray<{ category: Category; keywords: readonly string[] }> = [
  {
    category: "out_of_scope",
    keywords: ["finance", "financial", "payroll", "accountant", "accounts", "hr", "human resources", "recruitment", "it", "ict", "digital", "software", "developer", "legal", "company secretary", "marketing"],
  },
  { category: "senior_executive", keywords: ["chief executive", "chief operating officer", "director", "head of"] },
  { category: "senior_manager", keywords: ["manager"] },
  {
    category: "frontline",
    keywords: ["officer", "advisor", "adviser", "operative", "caretaker", "surveyor", "engineer", "worker", "assistant", "coordinator", "co-ordinator", "team leader", "supervisor", "technician", "inspector", "warden", "negotiator"],
  },
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const KEYWORD_PATTERNS = KEYWORD_RULES.map((rule) => ({
  category: rule.category,
  patterns: rule.keywords.map((k) => ({ keyword: k, pattern: new RegExp(`(^|[^a-z0-9])${escapeRegExp(k)}($|[^a-z0-9])`) })),
}));

/**
 * The usual category for a job title: an exact match on the common housing titles, else the first keyword rule
 * that matches ("director"/"head of" → senior executive, "manager" → senior manager, "officer"/"advisor"/
 * "operative" → frontline), else null. Only ever shown as "Suggested: …".
 */
export function suggestCategory(jobTitle: string): RoleSuggestion | null {
  const normalised = normaliseJobTitle(jobTitle);
  if (!normalised) return null;
  const common = BY_NORMALISED_TITLE.get(normalised);
  if (common) {
    return { category: common.usualCategory, source: "common_title", basis: common.jobTitle, note: common.note ?? null, explanation: "common housing title" };
  }
  for (const rule of KEYWORD_PATTERNS) {
    for (const { keyword, pattern } of rule.patterns) {
      if (pattern.test(normalised)) {
        return { category: rule.category, source: "keyword", basis: keyword, note: null, explanation: `the title contains "${keyword}"` };
      }
    }
  }
  return null;
}
