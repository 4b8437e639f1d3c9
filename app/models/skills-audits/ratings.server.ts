/** One person's ratings in an open campaign, and the ratings CSV (which re-imports as it is). */
import { CATEGORY_LABELS } from "../../compliance/status";
import { RATING_MAX, RATING_MIN, gapFor, targetFor, type Rating } from "../../skills";
import type { OrganisationScope } from "../organisation-scope.server";
import { conflict, invalid, ok, type Result } from "../result";
import { campaignRatings, liveCampaignAreas, type CampaignData } from "./campaign-data.server";
import { getCampaign } from "./campaigns.server";

export interface RatingInput {
  areaId: number;
  self: number | null;
  manager: number | null;
  agreed: number | null;
  note: string | null;
}

function validRating(v: number | null): boolean {
  return v === null || (Number.isInteger(v) && v >= RATING_MIN && v <= RATING_MAX);
}

type RatingValues = Omit<RatingInput, "areaId">;

interface RatingChange {
  areaId: number;
  code: string;
  before: RatingValues | null;
  after: RatingValues;
}

/**
 * The per-person form: writes the areas whose values change, in one transaction with one audit event listing them,
 * and returns how many changed. Only an open campaign takes ratings; a retired area's ratings cannot change.
 */
export async function savePersonRatings(
  scope: OrganisationScope,
  input: { campaignId: number; person: { staffId: number; employeeRef: string; name: string }; ratings: readonly RatingInput[] },
): Promise<Result<number>> {
  const { campaignId, person } = input;
  return scope.write(async (w) => {
    const campaign = await getCampaign(w, campaignId);
    if (!campaign) return invalid({}, "No such campaign.");
    if (campaign.status === "closed") return conflict("The campaign is closed: its ratings are read-only.");
    if (campaign.status !== "open") return conflict("The campaign is a draft: open it before entering ratings.");
    const participant = await w.selectFrom("skills_audit_participants").select("staff_id").where("campaign_id", "=", campaignId).where("staff_id", "=", person.staffId).executeTakeFirst();
    if (!participant) return invalid({}, "That person is not in this campaign.");
    const areas = new Map((await liveCampaignAreas(w, campaign)).map((a) => [a.id, a]));
    const existing = (await campaignRatings(w, campaignId, person.staffId)).get(person.staffId) ?? new Map<number, Rating>();
    const changes: RatingChange[] = [];
    for (const r of input.ratings) {
      const area = areas.get(r.areaId);
      if (!area) return invalid({}, "An area is not part of this campaign.");
      if (!validRating(r.self) || !validRating(r.manager) || !validRating(r.agreed)) return invalid({}, "Ratings are whole numbers from 0 to 4.");
      const note = r.note && r.note.trim() !== "" ? r.note.trim() : null;
      const before = existing.get(r.areaId);
      const after = { self: r.self, manager: r.manager, agreed: r.agreed, note };
      if (before && before.self === after.self && before.manager === after.manager && before.agreed === after.agreed && (before.note ?? null) === note) continue;
      if (!before && after.self === null && after.manager === null && after.agreed === null && note === null) continue;
      if (area.retired) return invalid({}, `The area "${area.name}" is retired: its ratings are kept but cannot change.`);
      changes.push({ areaId: r.areaId, code: area.code, before: before ? { self: before.self, manager: before.manager, agreed: before.agreed, note: before.note } : null, after });
    }
    if (changes.length === 0) return ok(0);
    const now = new Date().toISOString();
    for (const c of changes) {
      const values = { self_rating: c.after.self, manager_rating: c.after.manager, agreed_rating: c.after.agreed, note: c.after.note, updated_by: scope.actor.name, updated_at: now };
      if (c.before) {
        await w.updateTable("skills_audit_ratings").set(values).where("campaign_id", "=", campaignId).where("staff_id", "=", person.staffId).where("area_id", "=", c.areaId).execute();
      } else {
        await w.insertInto("skills_audit_ratings", { campaign_id: campaignId, staff_id: person.staffId, area_id: c.areaId, ...values }).execute();
      }
    }
    await w.audit({
      action: "skills_audit.ratings",
      entity: "skills_audit_campaign",
      entityId: campaignId,
      summary: `Skills audit ratings for ${person.name} (${person.employeeRef}): ${changes.length} area${changes.length === 1 ? "" : "s"} changed`,
      before: Object.fromEntries(changes.map((c) => [c.code, c.before])),
      after: Object.fromEntries(changes.map((c) => [c.code, c.after])),
    });
    return ok(changes.length);
  }, { unaudited: "a form that changes nothing writes nothing" });
}

export const RATINGS_CSV_HEADER = ["employee_ref", "area", "self", "manager", "agreed", "note", "name", "department", "category", "area_code", "area_group", "target", "gap"] as const;

/** One row per person and area, for the ratings CSV (re-importable: employee_ref, area, self, manager, agreed, note). */
export function ratingsCsvRows(data: CampaignData): unknown[][] {
  const rows: unknown[][] = [];
  for (const p of data.participants) {
    const ratings = data.ratings.get(p.staffId);
    for (const a of data.areas) {
      const r = ratings?.get(a.id);
      if (a.retired && !r) continue;
      const target = targetFor(a, p.category);
      rows.push([
        p.employeeRef,
        a.name,
        r?.self ?? "",
        r?.manager ?? "",
        r?.agreed ?? "",
        r?.note ?? "",
        p.name,
        p.department ?? "",
        CATEGORY_LABELS[p.category],
        a.code,
        a.group,
        target,
        gapFor(target, r?.agreed) ?? "",
      ]);
    }
  }
  return rows;
}
