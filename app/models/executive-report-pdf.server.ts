/**
 * The executive report as a PDF: the report page printed by Chromium (app/models/pdf.server.ts) once its charts have
 * drawn. One place for the page and what to wait for, shared by the report's own PDF download and the evidence pack.
 */
import { renderPagePdf } from "./pdf.server";

/** The charts the report page draws in the browser; the PDF is printed once each is on screen. */
export const EXECUTIVE_REPORT_CHARTS = ['[data-chart="report-enrolment-chart"] .recharts-surface', '[data-chart="report-qualified-chart"] .recharts-surface', '[data-chart="report-status-chart"] .recharts-surface'];

export function renderExecutiveReportPdf(options: { organisation: { slug: string; name: string }; query: URLSearchParams; cookieHeader: string | null; userId: number }): Promise<Buffer> {
  return renderPagePdf({
    path: `/orgs/${options.organisation.slug}/reports/executive?${options.query.toString()}`,
    cookieHeader: options.cookieHeader,
    userId: options.userId,
    waitForSelectors: EXECUTIVE_REPORT_CHARTS,
    title: `${options.organisation.name} compliance report`,
  });
}
