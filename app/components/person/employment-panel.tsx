/** Employment: dates, probation, location, line manager (linked when on record here), email. */
import { Link } from "@remix-run/react";
import { dateText } from "./form-parts";
import type { PersonPageData } from "./types";

export function EmploymentPanel({ d }: { d: PersonPageData }) {
  const p = d.person;
  return (
    <section className="panel" aria-labelledby="details-title">
      <h2 id="details-title">Employment</h2>
      <dl className="facts">
        <dt>Employment start</dt>
        <dd>{dateText(p.startDate)}</dd>
        <dt>Current role since</dt>
        <dd>{dateText(p.roleStartDate ?? p.startDate)}</dd>
        <dt>Leaving date</dt>
        <dd>{dateText(p.endDate)}</dd>
        <dt>On probation</dt>
        <dd>{p.onProbation ? "Yes" : "No"}</dd>
        <dt>Location</dt>
        <dd>{p.location ?? "–"}</dd>
        <dt>Line manager</dt>
        <dd data-testid="line-manager">
          {p.managerRef && p.managerName ? (
            <Link to={`/orgs/${d.organisation.slug}/people/${encodeURIComponent(p.managerRef)}`}>
              {p.managerName} ({p.managerRef})
            </Link>
          ) : p.managerRef ? (
            <>
              {p.managerRef} <span className="muted">(not on record here)</span>
            </>
          ) : (
            "–"
          )}
        </dd>
        <dt>Email</dt>
        <dd>{p.email ?? "–"}</dd>
      </dl>
    </section>
  );
}
