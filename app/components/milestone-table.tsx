/** The milestone panel of the dashboard and the reports: target against actual, met / not met / upcoming. */
import { plural } from "~/utils/plural";
import { formatDateLong } from "../compliance/dates";
import type { MilestoneCheck } from "../compliance/milestones";
import { JudgementTag, MILESTONE_MEASURE_LABELS, pct } from "./labels";

export function MilestoneTable({ milestones, id = "milestones-title" }: { milestones: MilestoneCheck[]; id?: string }) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id} style={{ marginTop: 0 }}>
        Milestones
      </h2>
      <p className="muted">
        The legal test is what the law requires (hold or be working towards a qualification once the enrol-by date has passed). Internal targets are the organisation's own
        milestones and are not the law.
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <MilestoneHeadings />
              <th className="num">Actual</th>
              <th>Result</th>
            </tr>
          </thead>
          <tbody>
            {milestones.map((m) => (
              <tr key={`${m.name}-${m.date}`}>
                <MilestoneCells milestone={m} />
                <td className="num">{pct(m.actualPct)}</td>
                <td className={`state-${m.state}`}>
                  {m.state === "met" ? "Met" : m.state === "not_met" ? "Not met" : `Upcoming: ${plural(m.daysLeft, "day")} left (now ${pct(m.actualPct)})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The columns every milestone table starts with: which milestone, legal test or own target, when, of what, aiming at. */
export function MilestoneHeadings() {
  return (
    <>
      <th>Milestone</th>
      <th>Kind</th>
      <th>Date</th>
      <th>Measure</th>
      <th className="num">Target</th>
    </>
  );
}

export function MilestoneCells({ milestone: m }: { milestone: Pick<MilestoneCheck, "name" | "date" | "measure" | "targetPct"> }) {
  return (
    <>
      <td>{m.name}</td>
      <td>
        <JudgementTag kind={m.measure === "statutory" ? "legal" : "target"} />
      </td>
      <td>{formatDateLong(m.date)}</td>
      <td>{MILESTONE_MEASURE_LABELS[m.measure]}</td>
      <td className="num">{pct(m.targetPct)}</td>
    </>
  );
}
