/** Per-person gaps (target − agreed) from each person's most recent audit campaign. Used by the audit pages and by the development plan. */
import { personGaps, type Rating } from "../../skills";
import type { OrganisationReader } from "../organisation-scope.server";
import { campaignAreas } from "./campaign-data.server";

export interface AuditGap {
  area: string;
  areaGroup: "knowledge" | "skills" | "behaviours" | "conduct";
  target: number;
  agreed: number;
  gap: number;
}

/** Per staff id, the gaps (gap > 0) from that person's most recent campaign (open or closed) with an agreed rating. */
export async function auditGapsByStaff(scope: OrganisationReader): Promise<Map<number, AuditGap[]>> {
  const result = new Map<number, AuditGap[]>();
  // Most recent first: by the date the campaign opens, then the later one created.
  const campaigns = await scope.selectFrom("skills_audit_campaigns").selectAll().where("status", "in", ["open", "closed"]).orderBy("opens_on", "desc").orderBy("id", "desc").execute();
  if (campaigns.length === 0) return result;

  const rated = await scope
    .selectFrom("skills_audit_ratings")
    .select(["campaign_id", "staff_id"])
    .distinct()
    .where("agreed_rating", "is not", null)
    .where(
      "campaign_id",
      "in",
      campaigns.map((c) => c.id),
    )
    .execute();
  const ratedIn = new Map<number, Set<number>>();
  for (const r of rated) {
    let s = ratedIn.get(r.campaign_id);
    if (!s) ratedIn.set(r.campaign_id, (s = new Set()));
    s.add(r.staff_id);
  }
  const chosen = new Map<number, Set<number>>();
  const taken = new Set<number>();
  for (const c of campaigns) {
    for (const staffId of ratedIn.get(c.id) ?? []) {
      if (taken.has(staffId)) continue;
      taken.add(staffId);
      let s = chosen.get(c.id);
      if (!s) chosen.set(c.id, (s = new Set()));
      s.add(staffId);
    }
  }

  for (const campaign of campaigns) {
    const staffIds = chosen.get(campaign.id);
    if (!staffIds) continue;
    const areas = await campaignAreas(scope, campaign);
    const participants = await scope.selectFrom("skills_audit_participants").select(["staff_id", "category"]).where("campaign_id", "=", campaign.id).execute();
    const ratings = new Map<number, Map<number, Rating>>();
    for (const r of await scope
      .selectFrom("skills_audit_ratings")
      .select(["staff_id", "area_id", "self_rating", "manager_rating", "agreed_rating", "note"])
      .where("campaign_id", "=", campaign.id)
      .where("agreed_rating", "is not", null)
      .execute()) {
      let m = ratings.get(r.staff_id);
      if (!m) ratings.set(r.staff_id, (m = new Map()));
      m.set(r.area_id, { areaId: r.area_id, self: r.self_rating, manager: r.manager_rating, agreed: r.agreed_rating, note: r.note });
    }
    for (const p of participants) {
      if (!staffIds.has(p.staff_id)) continue;
      const gaps = personGaps(areas, ratings.get(p.staff_id) ?? new Map(), p.category);
      result.set(
        p.staff_id,
        gaps.map((g) => ({ area: g.area, areaGroup: g.group, target: g.target, agreed: g.agreed, gap: g.gap })),
      );
    }
  }
  return result;
}
