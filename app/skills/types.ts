/** Types of the skills-audit rules: areas with targets, ratings, gaps. Pure (no database, no clock). */
export type AreaGroup = "knowledge" | "skills" | "behaviours" | "conduct";
/** Categories with target levels (the others have no targets and are not audited). */
export type AuditCategory = "senior_executive" | "senior_manager" | "frontline";
export type CampaignStatus = "draft" | "open" | "closed";

export const AUDIT_CATEGORIES: readonly AuditCategory[] = ["senior_executive", "senior_manager", "frontline"];
export const AREA_GROUPS: readonly AreaGroup[] = ["knowledge", "skills", "behaviours", "conduct"];
export const AREA_GROUP_LABELS: Record<AreaGroup, string> = {
  knowledge: "Knowledge",
  skills: "Skills",
  behaviours: "Behaviours",
  conduct: "Conduct",
};

/** The 0–4 scale. */
export const RATING_MIN = 0;
export const RATING_MAX = 4;
export const RATING_LABELS: readonly string[] = ["None", "Aware", "Working", "Proficient", "Expert"];

export function isAuditCategory(value: unknown): value is AuditCategory {
  return value === "senior_executive" || value === "senior_manager" || value === "frontline";
}

export interface AreaTargets {
  senior_executive: number;
  senior_manager: number;
  frontline: number;
}

export interface SkillArea {
  id: number;
  /** Stable across copies and renames; the key the unit mapping and courses use. */
  code: string;
  name: string;
  group: AreaGroup;
  position: number;
  targets: AreaTargets;
  retired: boolean;
}

export interface Rating {
  areaId: number;
  self: number | null;
  manager: number | null;
  agreed: number | null;
  note: string | null;
}

export interface Gap {
  areaId: number;
  code: string;
  area: string;
  group: AreaGroup;
  target: number;
  agreed: number;
  gap: number;
}

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = { draft: "Draft", open: "Open", closed: "Closed" };
