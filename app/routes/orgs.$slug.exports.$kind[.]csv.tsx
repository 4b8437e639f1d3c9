import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrgPermission } from "~/utils/access.server";
import { csvResponse } from "~/utils/csv.server";
import { asOfFrom } from "~/models/compliance.server";
import {
  IMPORT_HISTORY_COLUMNS,
  RECORD_COLUMNS,
  SCOPE_DECISION_COLUMNS,
  importHistoryRows,
  qualificationRecordRows,
  scopeDecisionRows,
} from "~/models/evidence-exports.server";

/** Evidence CSVs: scope-decisions, qualification-records, import-history; each honours the filters in the query. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, scope } = await requireOrgPermission(request, params.slug, "org.export");
  const url = new URL(request.url);
  const q = (k: string) => url.searchParams.get(k) || null;
  const asOf = asOfFrom(q("asOf"));
  switch (params.kind) {
    case "scope-decisions":
      return csvResponse(`${organisation.slug}-scope-decisions-${asOf}.csv`, SCOPE_DECISION_COLUMNS, await scopeDecisionRows(scope, { category: q("category"), asOf }));
    case "qualification-records":
      return csvResponse(`${organisation.slug}-qualification-records-${asOf}.csv`, RECORD_COLUMNS, await qualificationRecordRows(scope, { status: q("status"), provider: q("provider") }));
    case "import-history":
      return csvResponse(`${organisation.slug}-import-history.csv`, IMPORT_HISTORY_COLUMNS, await importHistoryRows(scope, { kind: q("kind"), status: q("status") }));
    default:
      throw new Response("Not found", { status: 404 });
  }
}
