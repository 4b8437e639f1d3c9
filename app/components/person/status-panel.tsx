/** Status on the as-of date: the legal position, the target judgement, personal dates and the reasons. */
import { JudgementTag, RagBadge, STATUS_LABELS, StatutoryBadge } from "~/components/labels";
import { formatDateLong } from "~/compliance/dates";
import { dateText } from "./form-parts";
import type { PersonPageData } from "./types";

export function StatusPanel({ d }: { d: PersonPageData }) {
  const c = d.compliance;
  return (
    <section className="panel" aria-labelledby="status-title">
      <h2 id="status-title">
        Status on {formatDateLong(d.asOf)}
        {d.isToday ? " (today)" : ""}
      </h2>
      <p className="status-line" data-testid="statutory">
        <JudgementTag kind="legal" /> <StatutoryBadge position={c.statutory} />{" "}
        <span>{c.statutoryReason ?? "No legal test applies: this person needs no qualification on this date (or their job title is undecided)."}</span>
      </p>
      <p className="status-line">
        <JudgementTag kind="target" /> <RagBadge rag={c.rag} /> <strong data-testid="status">{STATUS_LABELS[c.status]}</strong>{" "}
        <span className="muted">· against our targets: {c.ragReason}</span>
      </p>
      {c.requiredLevel ? (
        <dl className="facts dates" data-testid="personal-dates">
          <dt>Enrol by</dt>
          <dd>{dateText(c.enrolBy)}</dd>
          <dt>Qualify by</dt>
          <dd>{dateText(c.qualifyBy)}</dd>
          <dt>Latest start</dt>
          <dd>{dateText(c.latestStart)}</dd>
          <dt>Paused days</dt>
          <dd>
            {c.pausedDays}
            {!d.absencesPauseClocks ? <span className="muted"> (absences do not pause clocks in this organisation)</span> : null}
          </dd>
        </dl>
      ) : null}
      <h3>Reasons</h3>
      <ul className="reasons" data-testid="reasons">
        {c.reasons.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
    </section>
  );
}
