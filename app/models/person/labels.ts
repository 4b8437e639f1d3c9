/** Words for a person's absences, unit results and record statuses (plain module: pages and the server share it). */
import type { AbsenceKind, UnitResult } from "../../compliance/record-rules";
import { RECORD_STATUS_LABELS } from "../record-status-labels";

export { RECORD_STATUS_LABELS };

export const ABSENCE_KIND_LABELS: Record<AbsenceKind, string> = {
  parental: "Maternity, adoption or shared parental leave",
  long_term_sickness: "Long-term sickness",
  other: "Other",
};

export const UNIT_RESULT_LABELS: Record<UnitResult, string> = { pass: "Pass", refer: "Refer", fail: "Fail", exempt: "Exempt" };
