import type { LoaderFunctionArgs } from "@remix-run/node";
import { organisationsFor, requirePermission } from "~/utils/access.server";
import { getDb } from "~/utils/db.server";
import { csvResponse } from "~/utils/csv.server";
import { spreadsheetTimestamp } from "~/utils/spreadsheet-time";
import { portfolioRows, sortPortfolio } from "~/models/portfolio.server";
import { portfolioQuery } from "./portfolio";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "portfolio.read");
  const { sort, dir, asOf } = portfolioQuery(new URL(request.url));
  const rows = sortPortfolio(await portfolioRows(getDb(), await organisationsFor(user), asOf), sort, dir);
  return csvResponse(
    `portfolio-${asOf}.csv`,
    ["organisation", "slug", "homes_owned", "people_in_scope", "pct_statutory", "in_breach", "pct_qualified", "pct_qualified_or_enrolled", "decisions_needed", "code_of_conduct_version", "pct_code_acknowledged", "code_overdue", "supervision_overdue", "appraisal_overdue", "pct_training_current", "policies_due_for_review", "next_milestone", "next_milestone_date", "next_milestone_state", "milestones_missed", "last_import"],
    rows.map((r) => [r.name, r.slug, r.homesOwned, r.inScope, r.pctStatutory ?? "", r.inBreach, r.pctQualified ?? "", r.pctQualifiedOrEnrolled ?? "", r.decisionsNeeded, r.conduct.codeVersion ?? "", r.conduct.pctCodeAcknowledged ?? "", r.conduct.codeOverdue, r.conduct.supervisionOverdue, r.conduct.appraisalOverdue, r.conduct.pctTrainingCurrent ?? "", r.conduct.policiesDueForReview, r.milestone?.name ?? "", r.milestone?.date ?? "", r.milestone?.state ?? "", r.milestonesMissed, spreadsheetTimestamp(r.lastImportAt)]),
  );
}
