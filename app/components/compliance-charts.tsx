/**
 * The dashboard's and the report's Recharts charts. Each has a visible title, axis labels, a legend, and a table
 * for screen readers (rendered on the server, so it is there before the chart hydrates).
 */
import { plural } from "~/utils/plural";
import { Link, useNavigate } from "@remix-run/react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { Rag } from "../compliance/types";
import type { ReactNode } from "react";
import { ClientOnly } from "./client-only";
import { RAG_COLOURS, RAG_LABELS, STATUS_COLOURS, pct } from "./labels";

export interface TrendChartPoint {
  date: string;
  actual: number | null;
  forecast: number | null;
}

const monthLabel = (iso: string) => {
  const [y, m] = iso.split("-");
  return `${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][Number(m) - 1]} ${y.slice(2)}`;
};

export function ProportionChart({
  id,
  title,
  summary,
  points,
  target,
  yLabel,
  children,
}: {
  id: string;
  title: string;
  summary: string;
  points: TrendChartPoint[];
  target: { pct: number; date: string; label: string };
  yLabel: string;
  children?: ReactNode;
}) {
  const hasForecast = points.some((p) => p.forecast != null);
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`} data-chart={id}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <p className="muted" style={{ margin: "0 0 0.25rem", fontSize: "0.88rem" }}>
        {summary}
      </p>
      <ClientOnly height={280}>
        {() => (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={points} margin={{ top: 10, right: 20, bottom: 25, left: 10 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="date" tickFormatter={monthLabel} minTickGap={30} label={{ value: "Month end", position: "insideBottom", offset: -15 }} />
              <YAxis domain={[0, 100]} unit="%" label={{ value: yLabel, angle: -90, position: "insideLeft", style: { textAnchor: "middle" } }} />
              <Tooltip formatter={(v) => (typeof v === "number" ? `${v}%` : String(v))} labelFormatter={(l) => String(l)} />
              <Legend verticalAlign="top" height={28} />
              <ReferenceLine y={target.pct} stroke="#8a5a00" strokeDasharray="6 4" label={{ value: `${target.label}: ${target.pct}%`, position: "insideTopLeft", fill: "#8a5a00", fontSize: 12 }} />
              <ReferenceLine x={target.date} stroke="#8a5a00" strokeDasharray="2 4" />
              <Line type="monotone" dataKey="actual" name="Actual" stroke="#1d4f5c" strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
              {hasForecast ? (
                <Line type="monotone" dataKey="forecast" name="Forecast" stroke="#0b6e99" strokeWidth={2} strokeDasharray="5 4" dot={false} isAnimationActive={false} />
              ) : null}
            </LineChart>
          </ResponsiveContainer>
        )}
      </ClientOnly>
      {children}
    </figure>
  );
}

export interface StatusBarRow {
  key: string;
  qualified: number;
  workingTowards: number;
  notEnrolled: number;
  href: string;
}

export function StatusBreakdownChart({ id, title, rows, axisLabel }: { id: string; title: string; rows: StatusBarRow[]; axisLabel: string }) {
  const navigate = useNavigate();
  const height = Math.max(240, rows.length * 34 + 80);
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`} data-chart={id}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <ClientOnly height={height}>
        {() => (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} layout="vertical" margin={{ top: 10, right: 20, bottom: 25, left: 20 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} label={{ value: "People in scope", position: "insideBottom", offset: -15 }} />
              <YAxis type="category" dataKey="key" width={170} label={{ value: axisLabel, angle: -90, position: "insideLeft" }} />
              <Tooltip />
              <Legend verticalAlign="top" height={28} />
              {(
                [
                  ["qualified", "Qualified", STATUS_COLOURS.qualified, "qualified"],
                  ["workingTowards", "Working towards", STATUS_COLOURS.working_towards, "working_towards"],
                  ["notEnrolled", "Not enrolled", STATUS_COLOURS.not_enrolled, "not_enrolled"],
                ] as const
              ).map(([key, name, colour, status]) => (
                <Bar
                  key={key}
                  dataKey={key}
                  name={name}
                  stackId="status"
                  fill={colour}
                  cursor="pointer"
                  isAnimationActive={false}
                  onClick={(entry: unknown) => {
                    const row = (entry as { payload?: StatusBarRow }).payload;
                    if (row) navigate(`${row.href}&status=${status}`);
                  }}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        )}
      </ClientOnly>
    </figure>
  );
}

/** Red, amber and green over the people in scope; people outside scope are listed under the chart, by why. */
export function RagChart({
  id,
  title,
  counts,
  outside,
  hrefFor,
}: {
  id: string;
  title: string;
  counts: Record<Rag, number>;
  outside?: Array<{ label: string; n: number; href?: string }>;
  hrefFor: (rag: Rag) => string;
}) {
  const navigate = useNavigate();
  const rows = (["red", "amber", "green"] as Rag[]).map((rag) => ({ rag, label: RAG_LABELS[rag], n: counts[rag] }));
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`} data-chart={id}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <ClientOnly height={240}>
        {() => (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} margin={{ top: 10, right: 20, bottom: 25, left: 10 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" label={{ value: "RAG rating", position: "insideBottom", offset: -15 }} />
              <YAxis allowDecimals={false} label={{ value: "People", angle: -90, position: "insideLeft" }} />
              <Tooltip />
              <Legend
                verticalAlign="top"
                height={28}
                content={() => (
                  <ul className="chart-legend">
                    {rows.map((r) => (
                      <li key={r.rag}>
                        <span className="swatch" style={{ background: RAG_COLOURS[r.rag] }} aria-hidden="true" /> {r.label}
                      </li>
                    ))}
                  </ul>
                )}
              />
              <Bar dataKey="n" name="People" cursor="pointer" isAnimationActive={false} onClick={(entry: unknown) => {
                const row = (entry as { payload?: { rag: Rag } }).payload;
                if (row) navigate(hrefFor(row.rag));
              }}>
                {rows.map((r) => (
                  <Cell key={r.rag} fill={RAG_COLOURS[r.rag]} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        )}
      </ClientOnly>
      <table className="visually-hidden-table" aria-label={`${title} as a table`}>
        <thead>
          <tr>
            <th>RAG</th>
            <th className="num">People</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.rag}>
              <td>
                <Link to={hrefFor(r.rag)}>{r.label}</Link>
              </td>
              <td className="num">{r.n}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {outside && outside.some((o) => o.n > 0) ? (
        <p className="muted chart-note" data-testid={`${id}-outside`}>
          Not in the chart:{" "}
          {outside
            .filter((o) => o.n > 0)
            .map((o, i) => (
              <span key={o.label}>
                {i > 0 ? " · " : null}
                {o.href ? <Link to={o.href}>{plural(o.n, "person")}</Link> : plural(o.n, "person")} {o.label}
              </span>
            ))}
        </p>
      ) : null}
    </figure>
  );
}

export function TrendTable({ caption, points, measureLabel }: { caption: string; points: TrendChartPoint[]; measureLabel: string }) {
  return (
    <details className="chart-table">
      <summary>Show the figures as a table</summary>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th>Date</th>
            <th className="num">{measureLabel} (actual)</th>
            <th className="num">{measureLabel} (forecast)</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.date}>
              <td>{p.date}</td>
              <td className="num">{pct(p.actual)}</td>
              <td className="num">{pct(p.forecast)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
