/** `/orgs/:slug/plan/board.pdf`: the plan's board paper printed to PDF by headless Chromium once the chart has rendered. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrgPermission } from "~/utils/access.server";
import { PdfBusyError, pdfBusyResponse, PdfUnavailableError, renderPagePdf } from "~/models/pdf.server";
import { asOfFrom } from "~/models/compliance.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.export");
  const asOf = asOfFrom(new URL(request.url).searchParams.get("asOf"));
  try {
    const pdf = await renderPagePdf({
      path: `/orgs/${organisation.slug}/plan/board?asOf=${asOf}`,
      cookieHeader: request.headers.get("Cookie"),
      userId: user.id,
      waitForSelectors: ['[data-chart="plan-board-projection"] .recharts-surface'],
      title: `${organisation.name} workforce development plan`,
    });
    await scope.write((w) => w.audit({ action: "plan.pdf", entity: "plan", summary: `Downloaded the workforce plan board paper PDF (as of ${asOf})` }));
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${organisation.slug}-workforce-plan-${asOf}.pdf"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof PdfBusyError) return pdfBusyResponse(error);
    if (error instanceof PdfUnavailableError) throw new Response(error.message, { status: 503 });
    throw error;
  }
}
