/** Names the pages, exports and imports show for the conduct half of the Standard (a plain module: the browser needs them). */
import type { MeetingKind, PolicyKind } from "../../db/schema";

export type { MeetingKind, PolicyKind };
export type EngagementKind = "panel" | "survey" | "scrutiny_meeting" | "other";
export type RequirementBasis = "everyone" | "job_title" | "category" | "department";

export const POLICY_KINDS: readonly PolicyKind[] = ["code_of_conduct", "learning_development", "appraisal", "poor_performance"];
export const POLICY_KIND_LABELS: Record<PolicyKind, string> = {
  code_of_conduct: "Code of conduct",
  learning_development: "Learning and development",
  appraisal: "Appraisal and performance review",
  poor_performance: "Managing poor performance",
};

export const MEETING_KINDS: readonly MeetingKind[] = ["supervision", "one_to_one", "appraisal"];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  supervision: "Supervision",
  one_to_one: "One-to-one",
  appraisal: "Appraisal",
};

export const ENGAGEMENT_KINDS: readonly EngagementKind[] = ["panel", "survey", "scrutiny_meeting", "other"];
export const ENGAGEMENT_KIND_LABELS: Record<EngagementKind, string> = {
  panel: "Tenant panel",
  survey: "Survey",
  scrutiny_meeting: "Scrutiny meeting",
  other: "Other",
};

export const REQUIREMENT_BASES: readonly RequirementBasis[] = ["everyone", "job_title", "category", "department"];
export const REQUIREMENT_BASIS_LABELS: Record<RequirementBasis, string> = {
  everyone: "Everyone",
  job_title: "Job title",
  category: "Category",
  department: "Department",
};
