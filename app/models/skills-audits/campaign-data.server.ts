/**
 * What the results pages read about one campaign: its areas (live from the framework until closing, frozen after),
 * the people it includes and their ratings. Every read goes through the organisation scope.
 */
import type { AuditCategory, Rating, SkillArea } from "../../skills";
import type { OrganisationReader } from "../organisation-scope.server";
import type { CampaignRow } from "./campaigns.server";
import { areaFromRow, frameworkAreas } from "./frameworks.server";
import { displayName } from "../../utils/person-name";


/** Live areas of the framework, plus retired ones that already hold ratings in this campaign (their history). */
export async function liveCampaignAreas(scope: OrganisationReader, campaign: CampaignRow): Promise<SkillArea[]> {
  const areas = await frameworkAreas(scope, campaign.framework_id);
  const retired = areas.filter((a) => a.retired);
  if (retired.length === 0) return areas;
  const used = new Set(
    (
      await scope
        .selectFrom("skills_audit_ratings")
        .select("area_id")
        .distinct()
        .where("campaign_id", "=", campaign.id)
        .where(
          "area_id",
          "in",
          retired.map((a) => a.id),
        )
        .execute()
    ).map((r) => r.area_id),
  );
  return areas.filter((a) => !a.retired || used.has(a.id));
}

/** The campaign's areas with their targets: frozen at closing, live from the framework before. */
export async function campaignAreas(scope: OrganisationReader, campaign: CampaignRow): Promise<SkillArea[]> {
  if (campaign.status !== "closed") return liveCampaignAreas(scope, campaign);
  const rows = await scope.selectFromChild("skills_audit_campaign_areas").selectAll().where("campaign_id", "=", campaign.id).orderBy("position").execute();
  return rows.map((r) => areaFromRow({ ...r, id: r.area_id, retired: r.retired === 1 }));
}

export interface Participant {
  staffId: number;
  employeeRef: string;
  name: string;
  jobTitle: string;
  category: AuditCategory;
  department: string | null;
  employer: string | null;
}

function participants(scope: OrganisationReader, campaignId: number) {
  return scope
    .selectFrom("skills_audit_participants")
    .innerJoin(scope.selectFrom("staff").select(["id", "employee_ref", "first_name", "last_name", "job_title"]).as("s"), (j) => j.onRef("s.id", "=", "skills_audit_participants.staff_id"))
    .select(["skills_audit_participants.staff_id", "skills_audit_participants.category", "skills_audit_participants.department", "skills_audit_participants.employer", "s.employee_ref", "s.first_name", "s.last_name", "s.job_title"])
    .where("skills_audit_participants.campaign_id", "=", campaignId);
}

type ParticipantRow = {
  staff_id: number;
  category: AuditCategory;
  department: string | null;
  employer: string | null;
  employee_ref: string;
  first_name: string | null;
  last_name: string | null;
  job_title: string;
};

function participantFrom(r: ParticipantRow): Participant {
  return { staffId: r.staff_id, employeeRef: r.employee_ref, name: displayName(r), jobTitle: r.job_title, category: r.category, department: r.department, employer: r.employer };
}

export async function campaignParticipants(scope: OrganisationReader, campaignId: number): Promise<Participant[]> {
  const rows = await participants(scope, campaignId).orderBy("s.last_name").orderBy("s.first_name").orderBy("s.employee_ref").execute();
  return rows.map(participantFrom);
}

/** One person of the campaign by employee ref, else undefined (the page answers 404). */
export async function findParticipant(scope: OrganisationReader, campaignId: number, employeeRef: string | undefined): Promise<Participant | undefined> {
  if (!employeeRef) return undefined;
  const row = await participants(scope, campaignId).where("s.employee_ref", "=", employeeRef).executeTakeFirst();
  return row ? participantFrom(row) : undefined;
}

export type RatingsByStaff = Map<number, Map<number, Rating>>;

export async function campaignRatings(scope: OrganisationReader, campaignId: number, staffId?: number): Promise<RatingsByStaff> {
  let q = scope.selectFrom("skills_audit_ratings").select(["staff_id", "area_id", "self_rating", "manager_rating", "agreed_rating", "note"]).where("campaign_id", "=", campaignId);
  if (staffId !== undefined) q = q.where("staff_id", "=", staffId);
  const out: RatingsByStaff = new Map();
  for (const r of await q.execute()) {
    let m = out.get(r.staff_id);
    if (!m) out.set(r.staff_id, (m = new Map()));
    m.set(r.area_id, { areaId: r.area_id, self: r.self_rating, manager: r.manager_rating, agreed: r.agreed_rating, note: r.note });
  }
  return out;
}

export interface CampaignData {
  campaign: CampaignRow;
  frameworkName: string;
  areas: SkillArea[];
  participants: Participant[];
  ratings: RatingsByStaff;
}

export async function loadCampaignData(scope: OrganisationReader, campaign: CampaignRow): Promise<CampaignData> {
  const [framework, areas, people, ratings] = await Promise.all([
    scope.selectVisible("skill_frameworks").select("name").where("id", "=", campaign.framework_id).executeTakeFirst(),
    campaignAreas(scope, campaign),
    campaignParticipants(scope, campaign.id),
    campaignRatings(scope, campaign.id),
  ]);
  return { campaign, frameworkName: framework?.name ?? "", areas, participants: people, ratings };
}
