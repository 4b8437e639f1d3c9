/** The conduct overview: each part of the conduct half of the Standard in one figure, with a link to the people behind it. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { POLICY_KIND_LABELS, type PolicyKind } from "~/conduct/labels";
import { conductSummary } from "~/models/conduct/summary.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireOrgPermission } from "~/utils/access.server";

export const meta: MetaFunction = () => [{ title: "Conduct · Competence & Conduct" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  return { slug: organisation.slug, summary: await conductSummary(scope, scope.today) };
}

const pct = (v: number | null) => (v === null ? "–" : `${v}%`);

export default function ConductOverview() {
  const { slug, summary: s } = useLoaderData<typeof loader>();
  const base = `/orgs/${slug}/conduct`;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Conduct</h1>
          <p>
            The conduct half of the Standard: policies kept up to date, a code of conduct understood across the organisation, supervision and appraisal, training, tenants' influence and
            assurance from service providers.
          </p>
        </div>
        <a className="button secondary no-print" href={`${base}/evidence.zip`} download data-testid="evidence-pack">
          Download the evidence pack (ZIP)
        </a>
      </div>
      <section className="tiles" aria-label="Conduct" data-testid="conduct-overview">
        <div className="tile" data-measure="code-acknowledged">
          <div className="label">Code of conduct acknowledged</div>
          <div className="value">{pct(s.codeOfConduct.pct)}</div>
          <div className="sub">
            {s.codeOfConduct.version ? (
              <>
                {s.codeOfConduct.acknowledged} of {s.codeOfConduct.required} · version {s.codeOfConduct.version} ·{" "}
                <Link to={`${base}/code`}>{s.codeOfConduct.overdue} overdue</Link>
              </>
            ) : (
              <Link to={`${base}/policies`}>No code of conduct in force</Link>
            )}
          </div>
        </div>
        <div className="tile" data-measure="policies-review">
          <div className="label">Policies due for review</div>
          <div className="value">{s.policies.dueForReview}</div>
          <div className="sub">
            <Link to={`${base}/policies`}>
              {s.policies.inForce} in force{s.policies.overdue ? `, ${s.policies.overdue} overdue` : ""}
            </Link>
          </div>
        </div>
      </section>
      {s.policies.missing.length > 0 ? (
        <p className="notice" data-testid="missing-policies">
          No version recorded yet of: {s.policies.missing.map((k) => POLICY_KIND_LABELS[k as PolicyKind]).join(", ")}. <Link to={`${base}/policies`}>Record them</Link>.
        </p>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
