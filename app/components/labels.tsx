/** Words people read for the rules' values (presentation only; statuses themselves come from app/compliance). */
import type { ComplianceStatus, Rag } from "../compliance/types";
export { CATEGORY_LABELS } from "../compliance/status";

export const STATUS_LABELS: Record<ComplianceStatus, string> = {
  qualified: "Qualified",
  working_towards: "Working towards",
  not_enrolled: "Not enrolled",
  not_required: "Not required",
  decision_needed: "Decision needed",
  left: "Left",
  not_started: "Not started",
};

export const RAG_LABELS: Record<Rag, string> = { green: "Green", amber: "Amber", red: "Red", grey: "Grey" };

export const RAG_COLOURS: Record<Rag, string> = { green: "#1f7a3a", amber: "#b7791f", red: "#b3261e", grey: "#6b7480" };

export const STATUS_COLOURS = { qualified: "#1f7a3a", working_towards: "#0b6e99", not_enrolled: "#b3261e" } as const;

export const BREAKDOWNS = ["department", "category", "employer", "provider"] as const;
export type BreakdownKind = (typeof BREAKDOWNS)[number];
export const BREAKDOWN_LABELS: Record<BreakdownKind, string> = {
  department: "Department",
  category: "Category",
  employer: "Employer",
  provider: "Provider",
};

export function pct(value: number | null | undefined): string {
  return value == null ? "–" : `${value.toFixed(1).replace(/\.0$/, "")}%`;
}

export function RagBadge({ rag }: { rag: Rag }) {
  return <span className={`rag rag-${rag}`}>{RAG_LABELS[rag]}</span>;
}
