import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrgPermission } from "~/utils/access.server";
import { getDb } from "~/utils/db.server";
import { csvResponse } from "~/utils/csv.server";
import { todayIso } from "~/models/compliance.server";
import { RECOMMENDATIONS_CSV_HEADER, campaignIdFrom, getCampaign, loadCampaignData, recommendationContext, recommendationCsvRows } from "~/models/skills-audits.server";
import { listCourses } from "~/models/skills-courses.server";

/** Units (or top-up units) and short courses per person with gaps, ranked as on the person's page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireOrgPermission(request, params.slug, "org.export");
  const db = getDb();
  const campaign = await getCampaign(db, organisation.id, campaignIdFrom(params.id));
  if (!campaign) throw new Response("Not found", { status: 404 });
  const data = await loadCampaignData(db, organisation.id, campaign);
  const ctx = await recommendationContext(db, organisation.id, todayIso(), await listCourses(db, organisation.id));
  return csvResponse(`${organisation.slug}-skills-audit-${campaign.id}-recommendations.csv`, RECOMMENDATIONS_CSV_HEADER, recommendationCsvRows(data, ctx));
}
