import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrgPermission } from "~/utils/access.server";
import { getCampaign } from "~/models/skills-audits/campaigns.server";
import { idFrom } from "~/models/skills-audits/campaign-filter";
import { RatingsImportStateError, dryRunUpload, errorsToCsv, getUpload, storedErrors } from "~/models/skills-audits/imports.server";

/** The problems with an uploaded ratings file (row, column, value, message), to open next to it in Excel. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requireOrgPermission(request, params.slug, "org.records");
  const campaign = await getCampaign(scope, idFrom(params.id));
  const upload = campaign ? await getUpload(scope, campaign.id, idFrom(params.uploadId)) : undefined;
  if (!campaign || !upload) throw new Response("Not found", { status: 404 });
  let errors = storedErrors(upload);
  if (upload.status === "staged") {
    try {
      errors = (await dryRunUpload(scope, upload)).errors;
    } catch (error) {
      if (!(error instanceof RatingsImportStateError)) throw error;
      errors = [{ row: 0, column: "", value: "", message: error.message }];
    }
  }
  return new Response(errorsToCsv(errors), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="ratings-upload-${upload.id}-errors.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
