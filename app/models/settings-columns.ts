/**
 * The one mapping between an organisation's timeline settings (in the words of the rules and the settings form)
 * and the columns of its `organisations` row. The settings page writes through it and every evaluation reads
 * through it (app/models/organisation-data.server.ts `settingsFromRow`). Types and pure functions only.
 */
import type { Organisation } from "../../db/schema";
import type { OrganisationSettings } from "../compliance/types";

/** The timeline fields the settings form edits: the organisation settings the rules read, less the milestones. */
export type TimelineInput = Omit<OrganisationSettings, "milestones">;

export type TimelineField = keyof TimelineInput;

export const SETTING_COLUMN: Record<TimelineField, keyof Organisation> = {
  homesOwned: "homes_owned",
  inForceDate: "in_force_date",
  transitionYearsOverride: "transition_years_override",
  qualifiedDeadlineOverride: "qualified_deadline_override",
  graceMonths: "grace_months",
  probationGraceMonths: "probation_grace_months",
  lateJoinerMonths: "late_joiner_months",
  courseMonthsLevel4: "course_months_level4",
  courseMonthsLevel5: "course_months_level5",
  absencesPauseClocks: "absences_pause_clocks",
  otherAbsencePausesClocks: "other_absence_pauses_clocks",
  dateOrder: "date_order",
  workingTowardsStartMonths: "working_towards_start_months",
};

export const TIMELINE_FIELDS = Object.keys(SETTING_COLUMN) as TimelineField[];

const BOOLEAN_FIELDS: ReadonlySet<TimelineField> = new Set(["absencesPauseClocks", "otherAbsencePausesClocks"]);

/** The form's values from the organisation row, through the one field → column mapping. */
export function timelineFromRow(org: Organisation): TimelineInput {
  const out: Record<string, unknown> = {};
  for (const field of TIMELINE_FIELDS) out[field] = BOOLEAN_FIELDS.has(field) ? org[SETTING_COLUMN[field]] === 1 : org[SETTING_COLUMN[field]];
  return out as unknown as TimelineInput;
}
