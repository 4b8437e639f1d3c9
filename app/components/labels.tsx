/** Words people read for the rules' values (presentation only; statuses themselves come from app/compliance). */
import type { ComplianceStatus, Rag } from "../compliance/types";
import { INTERNAL_TARGET_LABEL, LEGAL_TEST_LABEL, STATUTORY_LABELS, type StatutoryPosition } from "../compliance/statutory";
export { STATUTORY_LABELS, LEGAL_TEST_LABEL, INTERNAL_TARGET_LABEL, RAG_LABEL, MILESTONE_MEASURE_LABELS, milestoneKindLabel } from "../compliance/statutory";
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

const WHOLE_NUMBER = new Intl.NumberFormat("en-GB");

/** 12,345: one formatter for every call (`toLocaleString("en-GB")` builds one each time, about 40 µs: 8 ms for the
 * portfolio's 200 rows). */
export function wholeNumber(value: number): string {
  return WHOLE_NUMBER.format(value);
}

export function pct(value: number | null | undefined): string {
  return value == null ? "–" : `${value.toFixed(1).replace(/\.0$/, "")}%`;
}

export function RagBadge({ rag }: { rag: Rag }) {
  return <span className={`rag rag-${rag}`}>{RAG_LABELS[rag]}</span>;
}

/** The legal test for one person; "–" when nobody needs to comply (not required, undecided, left, not started). */
export function StatutoryBadge({ position }: { position: StatutoryPosition | null }) {
  if (!position) return <span className="statutory statutory-none">No test</span>;
  return <span className={`statutory statutory-${position}`}>{STATUTORY_LABELS[position]}</span>;
}

/** "The legal test" / "Internal target" tag beside a figure, so the two are never confused. */
export function JudgementTag({ kind }: { kind: "legal" | "target" }) {
  return <span className={`judgement-label judgement-${kind}`}>{kind === "legal" ? LEGAL_TEST_LABEL : INTERNAL_TARGET_LABEL}</span>;
}
