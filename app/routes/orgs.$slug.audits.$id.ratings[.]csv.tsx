import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrgPermission } from "~/utils/access.server";
import { csvResponse } from "~/utils/csv.server";
import { getCampaign } from "~/models/skills-audits/campaigns.server";
import { loadCampaignData } from "~/models/skills-audits/campaign-data.server";
import { idFrom } from "~/models/skills-audits/campaign-filter";
import { RATINGS_CSV_HEADER, ratingsCsvRows } from "~/models/skills-audits/ratings.server";

/** Every person × area of the campaign; the first six columns re-import as they are. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, scope } = await requireOrgPermission(request, params.slug, "org.export");
  const campaign = await getCampaign(scope, idFrom(params.id));
  if (!campaign) throw new Response("Not found", { status: 404 });
  const data = await loadCampaignData(scope, campaign);
  return csvResponse(`${organisation.slug}-skills-audit-${campaign.id}-ratings.csv`, RATINGS_CSV_HEADER, ratingsCsvRows(data));
}
