/** The conduct evidence pack as a ZIP download (policies, acknowledgements, supervision, training, README). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isIsoDate } from "~/compliance/dates";
import { conductEvidencePack } from "~/models/conduct/evidence-pack.server";
import { requireOrgPermission } from "~/utils/access.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const asked = new URL(request.url).searchParams.get("asOf");
  const asOf = asked && isIsoDate(asked) ? asked : scope.today;
  const pack = await conductEvidencePack(scope, organisation, asOf);
  return new Response(Buffer.from(pack.bytes), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${pack.fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
}
