/**
 * The regulator evidence pack as a ZIP download: the statutory CSVs, the conduct CSVs, the executive report PDF and a
 * README. Without Chromium, or when printing fails, the pack still downloads and its README says why report.pdf is
 * missing (decision 0045); when the PDF service is busy the answer is the usual 503 "try again in a moment".
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isIsoDate } from "~/compliance/dates";
import { conductEvidencePack, type ReportPdf } from "~/models/conduct/evidence-pack.server";
import { renderExecutiveReportPdf } from "~/models/executive-report-pdf.server";
import { PdfBusyError, pdfBusyResponse, PdfUnavailableError } from "~/models/pdf.server";
import { requireOrgPermission } from "~/utils/access.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.export");
  const asked = new URL(request.url).searchParams.get("asOf");
  const asOf = asked && isIsoDate(asked) ? asked : scope.today;
  const reportPdf = async (): Promise<ReportPdf> => {
    try {
      const query = new URLSearchParams(asOf === scope.today ? {} : { asOf });
      return { ok: true, bytes: new Uint8Array(await renderExecutiveReportPdf({ organisation, query, cookieHeader: request.headers.get("Cookie"), userId: user.id })) };
    } catch (error) {
      if (error instanceof PdfUnavailableError) return { ok: false, reason: `${error.message} Everything else is here.` };
      if (error instanceof PdfBusyError || error instanceof Response) throw error;
      // Printing failed (a timeout, Chromium crashed): the pack is still worth having; the server log has the detail.
      console.error("Evidence pack: the executive report PDF could not be made", error);
      return { ok: false, reason: "the executive report PDF could not be printed this time (the server log has the detail); download it from Reports, or the pack again. Everything else is here." };
    }
  };
  try {
    const pack = await conductEvidencePack(scope, organisation, asOf, reportPdf);
    return new Response(Buffer.from(pack.bytes), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${pack.fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof PdfBusyError) return pdfBusyResponse(error);
    throw error;
  }
}
