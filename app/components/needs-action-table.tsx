/**
 * The people who need action (app/compliance/needs-action.ts), as the dashboard lists them and as the executive
 * report's annex prints them: the legal test apart from the RAG against our targets, then who, their status and why.
 * The dashboard links each person to their page and shows the date that matters; the printed annex does neither.
 */
import { Link } from "@remix-run/react";
import { formatDateLong } from "~/compliance/dates";
import type { ComplianceStatus, Rag } from "~/compliance/types";
import type { StatutoryPosition } from "~/compliance/statutory";
import { RagBadge, STATUS_LABELS, StatutoryBadge } from "./labels";

export interface NeedsActionRow {
  employeeRef: string;
  name: string;
  jobTitle: string;
  rag: Rag;
  statutory: StatutoryPosition | null;
  status: string;
  reason: string;
  /** The date that matters (enrol-by, qualify-by…), when the table shows it. */
  nextDate?: string | null;
}

export function NeedsActionTable({ people, personHref, showDate = false }: { people: NeedsActionRow[]; personHref?: (employeeRef: string) => string; showDate?: boolean }) {
  return (
    <table>
      <thead>
        <tr>
          <th>Legal test</th>
          <th>RAG (targets)</th>
          <th>Person</th>
          <th>Job title</th>
          <th>Status</th>
          {showDate ? <th>Date that matters</th> : null}
          <th>Why</th>
        </tr>
      </thead>
      <tbody>
        {people.map((p) => (
          <tr key={p.employeeRef}>
            <td>
              <StatutoryBadge position={p.statutory} />
            </td>
            <td>
              <RagBadge rag={p.rag} />
            </td>
            <td>
              {personHref ? <Link to={personHref(p.employeeRef)}>{p.name}</Link> : p.name}
              <div className="muted">{p.employeeRef}</div>
            </td>
            <td>{p.jobTitle}</td>
            <td>{STATUS_LABELS[p.status as ComplianceStatus] ?? p.status}</td>
            {showDate ? <td>{p.nextDate ? formatDateLong(p.nextDate) : "–"}</td> : null}
            <td>{p.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
