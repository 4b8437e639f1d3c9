// Money and head-counts of a plan for the board: cost by quarter (of the intake start, when the place is
// paid for) and by provider. Pure.

import type { PlannedAssignment } from "./types";

const QUARTER_LABELS = ["Jan–Mar", "Apr–Jun", "Jul–Sep", "Oct–Dec"];

export interface QuarterCost {
  /** "2027-Q1" (calendar quarters, so nobody has to guess which financial year is meant). */
  key: string;
  label: string;
  learners: number;
  costPence: number;
}

export interface ProviderCost {
  provider: string;
  learners: number;
  topUps: number;
  costPence: number;
}

export function quarterOf(date: string): { key: string; label: string } {
  const year = date.slice(0, 4);
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  return { key: `${year}-Q${q + 1}`, label: `${QUARTER_LABELS[q]} ${year}` };
}

export function costByQuarter(assignments: readonly PlannedAssignment[]): QuarterCost[] {
  const map = new Map<string, QuarterCost>();
  for (const a of assignments) {
    const { key, label } = quarterOf(a.start);
    const row = map.get(key) ?? { key, label, learners: 0, costPence: 0 };
    row.learners += 1;
    row.costPence += a.costPence;
    map.set(key, row);
  }
  return [...map.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

export function costByProvider(assignments: readonly PlannedAssignment[]): ProviderCost[] {
  const map = new Map<string, ProviderCost>();
  for (const a of assignments) {
    const row = map.get(a.provider) ?? { provider: a.provider, learners: 0, topUps: 0, costPence: 0 };
    row.learners += 1;
    if (a.kind === "top_up") row.topUps += 1;
    row.costPence += a.costPence;
    map.set(a.provider, row);
  }
  return [...map.values()].sort((a, b) => b.costPence - a.costPence || (a.provider < b.provider ? -1 : 1));
}

/** £1,234 (whole pounds) or £1,234.56 when there are pence. */
export function formatPounds(pence: number): string {
  const negative = pence < 0;
  const abs = Math.abs(Math.round(pence));
  const pounds = Math.floor(abs / 100);
  const rest = abs % 100;
  const text = `£${pounds.toLocaleString("en-GB")}${rest ? `.${String(rest).padStart(2, "0")}` : ""}`;
  return negative ? `-${text}` : text;
}

/** Pounds for a form field: "1250" or "1250.50". */
export function poundsInput(pence: number): string {
  const rest = pence % 100;
  return rest ? (pence / 100).toFixed(2) : String(pence / 100);
}

/** Parses "£1,250", "1250.5", "1 250.00" into pence; null when it is not an amount. */
export function parsePounds(text: string): number | null {
  const clean = text.replace(/[£,\s]/g, "");
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(clean)) return null;
  const [whole, frac = ""] = clean.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}
