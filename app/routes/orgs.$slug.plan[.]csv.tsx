/** `/orgs/:slug/plan.csv`: the workforce development plan, one row per person (planned, top-up, cannot meet, kept). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrgPermission } from "~/utils/access.server";
import { csvResponse } from "~/utils/csv.server";
import { asOfFrom } from "~/models/compliance.server";
import { buildWorkforcePlan } from "~/models/workforce-plan/building.server";
import { PLAN_CSV_COLUMNS, planCsvRows } from "~/models/workforce-plan/csv.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, scope } = await requireOrgPermission(request, params.slug, "org.export");
  const asOf = asOfFrom(new URL(request.url).searchParams.get("asOf"));
  const plan = await buildWorkforcePlan(scope, asOf);
  return csvResponse(`${organisation.slug}-workforce-plan-${asOf}.csv`, PLAN_CSV_COLUMNS, planCsvRows(plan));
}
