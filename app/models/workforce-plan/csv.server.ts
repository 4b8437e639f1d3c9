/** The plan as a CSV: one row per person (planned, top-up, cannot meet their dates, kept). */
import { pluralNoun } from "../../utils/plural";
import type { WorkforcePlan } from "./building.server";
import { planRows, type PlanRow } from "./shaping.server";

export const PLAN_CSV_COLUMNS = [
  "employee_ref",
  "name",
  "job_title",
  "department",
  "required_level",
  "statutory",
  "qualify_by",
  "latest_start",
  "plan",
  "qualification",
  "pathway",
  "top_up",
  "intake",
  "provider",
  "start",
  "expected_completion",
  "cost",
  "finishes_by_qualify_by",
  "notes",
] as const;

const PLAN_LABELS: Record<PlanRow["state"], string> = { planned: "whole qualification", top_up: "top-up", unplanned: "cannot meet dates" };

/** Pounds with pence for spreadsheets ("1650.00"). */
function poundsCell(pence: number | null): string {
  return pence == null ? "" : (pence / 100).toFixed(2);
}

export function planCsvRows(plan: WorkforcePlan, rows: readonly PlanRow[] = planRows(plan)): string[][] {
  const out: string[][] = [];
  // The legal test on the as-of date (the plan's qualify-by dates are internal targets).
  const statutory = new Map(plan.picture.measures.people.map((p) => [p.staffId, p.statutory ?? ""]));
  for (const r of rows) {
    out.push([
      r.employeeRef,
      r.name,
      r.jobTitle,
      r.department ?? "",
      String(r.requiredLevel),
      statutory.get(r.staffId) ?? "",
      r.qualifyBy,
      r.latestStart,
      r.pinned ? `${PLAN_LABELS[r.state]} (pinned)` : PLAN_LABELS[r.state],
      r.qualificationTitle ?? "",
      r.pathway ?? "",
      r.creditsStillNeeded != null ? `${r.creditsStillNeeded} of ${r.creditsNeeded} ${pluralNoun(r.creditsNeeded ?? 0, "credit")}: ${r.topUpSummary ?? ""}` : "",
      r.intakeId != null ? `${r.provider}, ${r.start}` : "",
      r.provider ?? "",
      r.start ?? "",
      r.expectedCompletion ?? "",
      poundsCell(r.costPence),
      r.state === "unplanned" ? "no" : r.meetsDeadline ? "yes" : "no",
      [r.recommendation ?? "", ...r.notes].filter(Boolean).join("; "),
    ]);
  }
  for (const k of plan.kept) {
    out.push([
      k.employeeRef,
      k.name,
      k.jobTitle,
      k.department ?? "",
      String(k.requiredLevel),
      statutory.get(k.staffId) ?? "",
      k.qualifyBy,
      k.latestStart,
      k.booked ? "booked (not re-planned)" : "working towards (not re-planned)",
      k.qualificationTitle,
      "",
      "",
      "",
      k.provider ?? "",
      k.enrolledOn ?? "",
      k.expectedCompletion ?? "",
      "",
      k.finishesInTime ? "yes" : "no",
      k.expectedCompletion ? "" : "No expected completion recorded",
    ]);
  }
  return out;
}
