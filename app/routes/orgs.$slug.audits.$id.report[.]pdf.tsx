import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrgPermission } from "~/utils/access.server";
import { PdfBusyError, pdfBusyResponse, PdfUnavailableError, renderPagePdf } from "~/models/pdf.server";
import { getCampaign } from "~/models/skills-audits/campaigns.server";
import { idFrom } from "~/models/skills-audits/campaign-filter";

/** The campaign report printed by Chromium once its chart has rendered. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.export");
  const campaign = await getCampaign(scope, idFrom(params.id));
  if (!campaign) throw new Response("Not found", { status: 404 });
  try {
    const pdf = await renderPagePdf({
      path: `/orgs/${organisation.slug}/audits/${campaign.id}/report`,
      cookieHeader: request.headers.get("Cookie"),
      userId: user.id,
      waitForSelectors: ['[data-chart="audit-report-chart"] .recharts-surface'],
      title: `${organisation.name} skills audit: ${campaign.name}`,
    });
    await scope.write((w) => w.audit({ action: "report.pdf", entity: "skills_audit_campaign", entityId: campaign.id, summary: `Downloaded the skills audit report PDF for "${campaign.name}"` }));
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${organisation.slug}-skills-audit-${campaign.id}.pdf"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof PdfBusyError) return pdfBusyResponse(error);
    if (error instanceof PdfUnavailableError) throw new Response(error.message, { status: 503 });
    throw error;
  }
}
