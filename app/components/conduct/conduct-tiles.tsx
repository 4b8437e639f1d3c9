/**
 * The conduct figures as tiles (the dashboard and the executive report): code of conduct acknowledged, supervision
 * and appraisal overdue, training compliance, policies due for review. With `base`, each figure links to the conduct
 * page that lists the people (or policies) behind it, filtered to them.
 */
import { plural } from "~/utils/plural";
import { Link } from "@remix-run/react";
import { formatDateLong } from "~/compliance/dates";
import { pct } from "~/components/labels";
import type { ConductSummary } from "~/models/conduct/summary.server";

function Figure({ to, children }: { to: string | null; children: React.ReactNode }) {
  return to ? <Link to={to}>{children}</Link> : <>{children}</>;
}

export function ConductTiles({ summary: s, base, asOf, testId = "conduct" }: { summary: ConductSummary; base: string | null; asOf: string | null; testId?: string }) {
  const at = asOf ? `asOf=${asOf}&` : "";
  const link = (page: string, query = "") => (base ? `${base}/conduct/${page}${at || query ? `?${at}${query}` : ""}` : null);
  const code = s.codeOfConduct;
  return (
    <section aria-labelledby={`${testId}-title`}>
      <h2 className="tiles-heading" id={`${testId}-title`}>
        Conduct{asOf ? ` as of ${formatDateLong(asOf)}` : ""}
      </h2>
      <div className="tiles" data-testid={testId}>
        <div className="tile" data-measure="code-acknowledged">
          <div className="label">Code of conduct acknowledged</div>
          <div className="value">{pct(code.pct)}</div>
          <div className="sub">
            {code.version ? (
              <>
                {code.acknowledged} of {code.required} active people · version {code.version} ·{" "}
                <Figure to={link("code", "show=overdue")}>{code.overdue} overdue</Figure>
              </>
            ) : (
              <Figure to={link("policies")}>No code of conduct in force</Figure>
            )}
          </div>
        </div>
        <div className="tile" data-measure="supervision-overdue">
          <div className="label">Supervision overdue</div>
          <div className="value">{s.supervision.overdue}</div>
          <div className="sub">
            <Figure to={link("supervision", "kind=supervision")}>of {plural(s.supervision.expected, "person")} it is expected of</Figure>
          </div>
        </div>
        <div className="tile" data-measure="appraisal-overdue">
          <div className="label">Appraisal overdue</div>
          <div className="value">{s.appraisal.overdue}</div>
          <div className="sub">
            <Figure to={link("supervision", "kind=appraisal")}>of {plural(s.appraisal.expected, "person")} it is expected of</Figure>
          </div>
        </div>
        <div className="tile" data-measure="training-compliance">
          <div className="label">Training compliance</div>
          <div className="value">{pct(s.training.pct)}</div>
          <div className="sub">
            <Figure to={link("training", "show=behind")}>
              {s.training.compliant} of {s.training.required} required courses current
            </Figure>
          </div>
        </div>
        <div className="tile" data-measure="policies-review">
          <div className="label">Policies due for review</div>
          <div className="value">{s.policies.dueForReview}</div>
          <div className="sub">
            <Figure to={link("policies")}>
              {s.policies.inForce} in force{s.policies.overdue ? `, ${s.policies.overdue} overdue` : ""}
              {s.policies.missing.length ? `, ${s.policies.missing.length} not yet recorded` : ""}
            </Figure>
          </div>
        </div>
      </div>
    </section>
  );
}
