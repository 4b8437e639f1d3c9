/**
 * Tables the plan page and the board paper share (presentation only: no database, no clock).
 */
import { formatDateLong } from "../compliance/dates";
import { pct } from "../components/labels";
import type { MilestoneProjection } from "./projection";
import { MilestoneCells, MilestoneHeadings } from "../components/milestone-table";
import { formatPounds } from "./summary";

export function CostTable({ rows, first, total }: { rows: Array<{ key: string; label: string; learners: number; costPence: number; extra?: string }>; first: string; total: number }) {
  if (rows.length === 0) return <p>No places planned.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>{first}</th>
          <th className="num">Learners</th>
          <th className="num">Cost</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>
              {r.label}
              {r.extra ? <span className="muted"> ({r.extra})</span> : null}
            </td>
            <td className="num">{r.learners}</td>
            <td className="num">{formatPounds(r.costPence)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th>Total</th>
          <th className="num">{rows.reduce((s, r) => s + r.learners, 0)}</th>
          <th className="num">{formatPounds(total)}</th>
        </tr>
      </tfoot>
    </table>
  );
}

export function IntakeUsageTable({
  intakes,
}: {
  intakes: Array<{ id: number; qualificationTitle: string; provider: string; startDate: string; expectedCompletion: string; capacity: number; assigned: number; pinned: number; remaining: number; costPence: number; overCapacity: boolean; bookable: boolean }>;
}) {
  if (intakes.length === 0) return <p>No intakes yet.</p>;
  return (
    <div className="table-wrap">
      <table data-testid="intake-usage">
        <thead>
          <tr>
            <th>Qualification</th>
            <th>Provider</th>
            <th>Starts</th>
            <th>Ends</th>
            <th className="num">Places</th>
            <th className="num">Learners</th>
            <th className="num">Left</th>
            <th className="num">Cost</th>
          </tr>
        </thead>
        <tbody>
          {intakes.map((i) => (
            <tr key={i.id} data-intake-id={i.id}>
              <td>{i.qualificationTitle}</td>
              <td>{i.provider}</td>
              <td>
                {formatDateLong(i.startDate)}
                {!i.bookable ? <div className="muted">Started: not bookable</div> : null}
              </td>
              <td>{formatDateLong(i.expectedCompletion)}</td>
              <td className="num">{i.capacity}</td>
              <td className="num">
                {i.assigned}
                {i.pinned ? <span className="muted"> ({i.pinned} pinned)</span> : null}
              </td>
              <td className={`num${i.overCapacity ? " overdue" : ""}`}>{i.overCapacity ? `Over by ${i.assigned - i.capacity}` : i.remaining}</td>
              <td className="num">{formatPounds(i.costPence)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Each milestone's target with and without the plan, on the plan page and in the board paper. */
export function PlanMilestoneTable({ milestones, testId }: { milestones: MilestoneProjection[]; testId?: string }) {
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          <MilestoneHeadings />
          <th className="num">Without the plan</th>
          <th className="num">With the plan</th>
          <th>Result with the plan</th>
        </tr>
      </thead>
      <tbody>
        {milestones.map((m) => (
          <tr key={`${m.name}-${m.date}`}>
            <MilestoneCells milestone={m} />
            <td className="num" data-milestone-without={m.date}>
              {pct(m.withoutPlanPct)}
            </td>
            <td className="num" data-milestone-with={m.date}>
              {pct(m.withPlanPct)}
            </td>
            <td className={m.metWithPlan ? "state-met" : "state-not_met"}>
              {!m.upcoming ? (m.metWithPlan ? "Met (passed)" : "Not met (passed)") : m.metWithPlan ? "On course" : "Short of the target"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
