import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrgPermission } from "~/utils/access.server";
import { csvResponse } from "~/utils/csv.server";
import { getCampaign } from "~/models/skills-audits/campaigns.server";
import { loadCampaignData } from "~/models/skills-audits/campaign-data.server";
import { idFrom } from "~/models/skills-audits/campaign-filter";
import { listCourses } from "~/models/skills-audits/courses.server";
import { RECOMMENDATIONS_CSV_HEADER, recommendationContext, recommendationCsvRows } from "~/models/skills-audits/recommendations.server";

/** Units (or top-up units) and short courses per person with gaps, ranked as on the person's page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, scope } = await requireOrgPermission(request, params.slug, "org.export");
  const campaign = await getCampaign(scope, idFrom(params.id));
  if (!campaign) throw new Response("Not found", { status: 404 });
  const data = await loadCampaignData(scope, campaign);
  const ctx = await recommendationContext(scope, scope.today, await listCourses(scope));
  return csvResponse(`${organisation.slug}-skills-audit-${campaign.id}-recommendations.csv`, RECOMMENDATIONS_CSV_HEADER, recommendationCsvRows(data, ctx));
}
