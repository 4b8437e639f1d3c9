// The statutory position (Social Housing (Regulation) Act 2023, s.194A): a second judgement per person,
// separate from the RAG against the organisation's internal targets. The law asks only whether a person who
// needs a qualification holds one or is working towards one once their enrol-by date has passed
// (the transition end, or the end of a new joiner's grace); whether they will be *qualified* by an internal
// deadline is a target, not the legal test.

import { formatDateLong } from "./dates";
import { Memo2 } from "./memo";
import type { ComplianceStatus, IsoDate, RequiredLevel } from "./types";

export type StatutoryPosition = "compliant" | "not_yet_due" | "in_breach";
export const STATUTORY_POSITIONS: readonly StatutoryPosition[] = ["compliant", "not_yet_due", "in_breach"];

export const STATUTORY_LABELS: Record<StatutoryPosition, string> = {
  compliant: "Compliant",
  not_yet_due: "Not yet due",
  in_breach: "In breach",
};

/** The wording every page, report and export uses for the two kinds of judgement. */
export const LEGAL_TEST_LABEL = "The legal test";
export const INTERNAL_TARGET_LABEL = "Internal target";
export const RAG_LABEL = "Against our targets";

/**
 * compliant: qualified or working towards; not_yet_due: not enrolled on or before enrol-by; in_breach: not
 * enrolled after enrol-by; null for everyone else (not required, decision needed, left, not started).
 */
export function statutoryPositionOf(status: ComplianceStatus, asOf: IsoDate, enrolBy: IsoDate | null): StatutoryPosition | null {
  if (status === "qualified" || status === "working_towards") return "compliant";
  if (status !== "not_enrolled") return null;
  if (enrolBy == null) throw new Error("statutoryPositionOf: not_enrolled needs an enrol-by date");
  return asOf > enrolBy ? "in_breach" : "not_yet_due";
}

export interface StatutoryRecord {
  qualificationTitle: string;
  enrolledOn: IsoDate | null;
  startedOn: IsoDate | null;
  achievedOn: IsoDate | null;
}

const compliantText = new Memo2<string>();
const notYetDueText = new Memo2<string>();
const breachText = new Memo2<string>();

/** The position in plain words, e.g. "Compliant: working towards CIH Level 4 Certificate in Housing since 12 Jan 2026". */
export function statutoryReasonOf(
  position: StatutoryPosition,
  status: ComplianceStatus,
  enrolBy: IsoDate | null,
  requiredLevel: RequiredLevel | null,
  record: StatutoryRecord | null,
): string {
  if (position === "compliant") {
    const title = record?.qualificationTitle ?? "a qualification";
    if (status === "qualified") {
      const date = record?.achievedOn ?? "";
      const key = `q${date}`;
      return (
        compliantText.get(key, title) ??
        compliantText.set(key, title, `Compliant: holds ${title}${date ? ` (achieved ${formatDateLong(date)})` : " (achievement date not recorded)"}`)
      );
    }
    const since = record?.enrolledOn ?? record?.startedOn ?? "";
    const key = `w${since}`;
    return (
      compliantText.get(key, title) ??
      compliantText.set(key, title, `Compliant: working towards ${title}${since ? ` since ${formatDateLong(since)}` : " (enrolment date not recorded)"}`)
    );
  }
  const level = requiredLevel == null ? "a qualification" : `a Level ${requiredLevel} qualification`;
  const date = enrolBy ?? "";
  if (position === "not_yet_due") {
    return (
      notYetDueText.get(level, date) ??
      notYetDueText.set(level, date, `Not yet due: must hold or be working towards ${level} after ${formatDateLong(date)}`)
    );
  }
  return (
    breachText.get(level, date) ??
    breachText.set(level, date, `In breach: neither holds nor is working towards ${level}, and the enrol-by date ${formatDateLong(date)} has passed`)
  );
}

export type StatutoryCounts = Record<StatutoryPosition, number>;

export function zeroStatutoryCounts(): StatutoryCounts {
  return { compliant: 0, not_yet_due: 0, in_breach: 0 };
}

/** The legal-test proportion: (compliant + not yet due) over the people in scope; null when nobody is. */
export function pctStatutoryOf(counts: StatutoryCounts): number | null {
  const n = counts.compliant + counts.not_yet_due + counts.in_breach;
  if (n <= 0) return null;
  return Math.round(((counts.compliant + counts.not_yet_due) / n) * 1000) / 10;
}

/** How each milestone measure is named on pages, reports and exports. */
export const MILESTONE_MEASURE_LABELS: Record<"statutory" | "qualified_or_enrolled" | "qualified", string> = {
  statutory: "% meeting the legal test (compliant or not yet due)",
  qualified_or_enrolled: "% qualified or enrolled",
  qualified: "% qualified",
};

/** "The legal test" for the statutory measure; "Internal target" for the others. */
export function milestoneKindLabel(measure: "statutory" | "qualified_or_enrolled" | "qualified"): string {
  return measure === "statutory" ? LEGAL_TEST_LABEL : INTERNAL_TARGET_LABEL;
}
