import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrgPermission } from "~/utils/access.server";
import { PdfBusyError, pdfBusyResponse, PdfUnavailableError } from "~/models/pdf.server";
import { renderExecutiveReportPdf } from "~/models/executive-report-pdf.server";
import { getSnapshot } from "~/models/snapshots.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.export");
  const url = new URL(request.url);
  const query = new URLSearchParams();
  for (const key of ["asOf", "snapshot", "annex"]) {
    const value = url.searchParams.get(key);
    if (value) query.set(key, value);
  }
  // Another organisation's snapshot, or none at all: 404 before any Chromium work.
  const snapshot = query.get("snapshot");
  if (snapshot !== null) {
    const id = Number(snapshot);
    if (!Number.isSafeInteger(id) || id <= 0 || !(await getSnapshot(scope, id))) throw new Response("Not found", { status: 404 });
  }
  try {
    const pdf = await renderExecutiveReportPdf({ organisation, query, cookieHeader: request.headers.get("Cookie"), userId: user.id });
    await scope.recordAccess({ action: "report.pdf", entity: "report", summary: `Downloaded the executive report PDF (${query.toString() || "today"})` });
    const stamp = query.get("asOf") ?? new Date().toISOString().slice(0, 10);
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${organisation.slug}-compliance-report-${stamp.replace(/[^0-9-]/g, "")}.pdf"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof PdfBusyError) return pdfBusyResponse(error);
    if (error instanceof PdfUnavailableError) throw new Response(error.message, { status: 503 });
    throw error;
  }
}
