/** Two campaigns of the organisation side by side: how each area and each person moved between them. */
import { compareAreas, comparePeople, groupOverlap } from "../../skills";
import type { OrganisationReader } from "../organisation-scope.server";
import { loadCampaignData, type CampaignData } from "./campaign-data.server";
import { getCampaign } from "./campaigns.server";

/** The comparison of campaign `aId` (before) with `bId` (after), or undefined when either is not the organisation's. */
export async function compareCampaigns(scope: OrganisationReader, aId: number, bId: number) {
  const [a, b] = await Promise.all([getCampaign(scope, aId), getCampaign(scope, bId)]);
  if (!a || !b) return undefined;
  const [before, after] = await Promise.all([loadCampaignData(scope, a), loadCampaignData(scope, b)]);
  // When the campaigns covered different groups, only the people in both are compared, so a change in who was
  // asked does not pass for a change in skills.
  const overlap = groupOverlap(before.participants, after.participants);
  const inBoth = new Set(before.participants.map((p) => p.staffId).filter((id) => after.participants.some((q) => q.staffId === id)));
  const results = (x: CampaignData) => ({ areas: x.areas, people: x.participants.filter((p) => inBoth.has(p.staffId)), ratingsByStaff: x.ratings });
  const names = new Map([...before.participants, ...after.participants].map((p) => [p.staffId, p]));
  const people = comparePeople(results(before), results(after)).map((c) => {
    const p = names.get(c.staffId)!;
    return { ...c, employeeRef: p.employeeRef, name: p.name, department: p.department, category: p.category };
  });
  return {
    before: { id: a.id, name: a.name },
    after: { id: b.id, name: b.name },
    overlap,
    areas: compareAreas(results(before), results(after)),
    people: people.slice(0, 500),
    peopleCount: people.length,
    improved: people.filter((p) => p.gapChange < 0).length,
    worse: people.filter((p) => p.gapChange > 0).length,
  };
}
