/** `/orgs/:slug/people.csv`: the people list's filters (same query string) as the status export CSV. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrgPermission } from "~/utils/access.server";
import { csvResponse } from "~/utils/csv.server";
import { asOfFrom, evaluateOrganisation } from "~/models/compliance.server";
import { PEOPLE_CSV_COLUMNS, parsePeopleQuery, peopleCsvCells, statusExportRows } from "~/models/people.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, scope } = await requireOrgPermission(request, params.slug, "org.export");
  const url = new URL(request.url);
  const query = parsePeopleQuery(url.searchParams);
  const asOf = asOfFrom(query.asOf);
  const evaluated = await evaluateOrganisation(scope, asOf);
  // In the page's order (by name unless the query string sorts otherwise); every matching person, not one page.
  const rows = statusExportRows(evaluated, query.filter);
  return csvResponse(`${organisation.slug}-people-${asOf}.csv`, PEOPLE_CSV_COLUMNS, peopleCsvCells(rows));
}
