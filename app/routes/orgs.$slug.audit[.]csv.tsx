import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrgPermission } from "~/utils/access.server";
import { csvResponse } from "~/utils/csv.server";
import { spreadsheetTimestamp } from "~/utils/spreadsheet-time";
import { allAuditEvents } from "~/models/audit-log.server";
import { auditFilterFrom } from "./orgs.$slug.audit";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, scope } = await requireOrgPermission(request, params.slug, "org.export");
  const rows = await allAuditEvents(scope, auditFilterFrom(new URL(request.url)));
  return csvResponse(
    `${organisation.slug}-audit-trail.csv`,
    ["at", "actor", "action", "entity", "entity_id", "summary", "before", "after"],
    rows.map((e) => [spreadsheetTimestamp(e.at), e.actor, e.action, e.entity, e.entity_id ?? "", e.summary, e.before_json ?? "", e.after_json ?? ""]),
  );
}
