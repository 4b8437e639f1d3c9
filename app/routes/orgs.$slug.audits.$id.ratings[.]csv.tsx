import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrgPermission } from "~/utils/access.server";
import { getDb } from "~/utils/db.server";
import { csvResponse } from "~/utils/csv.server";
import { RATINGS_CSV_HEADER, campaignIdFrom, getCampaign, loadCampaignData, ratingsCsvRows } from "~/models/skills-audits.server";

/** Every person × area of the campaign; the first six columns re-import as they are. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireOrgPermission(request, params.slug, "org.export");
  const db = getDb();
  const campaign = await getCampaign(db, organisation.id, campaignIdFrom(params.id));
  if (!campaign) throw new Response("Not found", { status: 404 });
  const data = await loadCampaignData(db, organisation.id, campaign);
  return csvResponse(`${organisation.slug}-skills-audit-${campaign.id}-ratings.csv`, RATINGS_CSV_HEADER, ratingsCsvRows(data));
}
