/**
 * The plan's projection chart (Recharts): % qualified and % qualified or enrolled by month with and without the
 * plan, every milestone still to come as a dated line (named) with its target marked by a circle. Presentation only (no database, no clock); the
 * figures come from projectPlan. A table of the same figures is rendered on the server beside it.
 */
import type { ReactNode } from "react";
import { ClientOnly } from "../components/client-only";
import { CartesianGrid, Legend, Line, LineChart, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ProjectionChartPointView {
  date: string;
  qualifiedWithPlan: number | null;
  qualifiedWithoutPlan: number | null;
  engagedWithPlan: number | null;
  engagedWithoutPlan: number | null;
}

export interface ProjectionMilestoneView {
  name: string;
  date: string;
  measure: "statutory" | "qualified_or_enrolled" | "qualified";
  targetPct: number;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const monthLabel = (iso: string) => `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(2, 4)}`;


const COLOURS = { qualified: "#1f7a3a", engaged: "#0b6e99", milestone: "#8a5a00" };

export function PlanProjectionChart({
  id,
  title,
  summary,
  points,
  milestones,
  height = 320,
  children,
}: {
  id: string;
  title: string;
  summary: string;
  points: ProjectionChartPointView[];
  milestones: ProjectionMilestoneView[];
  height?: number;
  children?: ReactNode;
}) {
  const dates = new Set(points.map((p) => p.date));
  const shown = milestones.filter((m) => dates.has(m.date));
  // One line per date (milestones often share one) and one target marker per date and target.
  const byDate = [...shown.reduce((map, m) => map.set(m.date, [...(map.get(m.date) ?? []), m]), new Map<string, ProjectionMilestoneView[]>())];
  const targets = [...new Map(shown.map((m) => [`${m.date}|${m.targetPct}`, m])).values()];
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`} data-chart={id}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <p className="muted" style={{ margin: "0 0 0.25rem", fontSize: "0.88rem" }}>
        {summary}
      </p>
      <ClientOnly height={height}>
        {() => (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={points} margin={{ top: 10, right: 24, bottom: 25, left: 10 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="date" tickFormatter={monthLabel} minTickGap={30} label={{ value: "Month end", position: "insideBottom", offset: -15 }} />
              <YAxis domain={[0, 100]} unit="%" label={{ value: "% of people in scope", angle: -90, position: "insideLeft", style: { textAnchor: "middle" } }} />
              <Tooltip formatter={(v) => (typeof v === "number" ? `${v}%` : String(v))} labelFormatter={(l) => String(l)} />
              <Legend verticalAlign="top" height={44} />
              {byDate.map(([date, list]) => (
                <ReferenceLine
                  key={`line-${date}`}
                  x={date}
                  stroke={COLOURS.milestone}
                  strokeDasharray="2 4"
                  label={{ value: list.map((m) => m.name).join(" · "), position: "insideTopRight", fill: COLOURS.milestone, fontSize: 11 }}
                />
              ))}
              {targets.map((m) => (
                <ReferenceDot key={`dot-${m.date}-${m.targetPct}`} x={m.date} y={m.targetPct} r={5} fill="#fff" stroke={COLOURS.milestone} />
              ))}
              <Line type="monotone" dataKey="engagedWithPlan" name="Qualified or enrolled, with the plan" stroke={COLOURS.engaged} strokeWidth={2.5} dot={false} isAnimationActive={false} />
              <Line type="monotone" dataKey="engagedWithoutPlan" name="Qualified or enrolled, without the plan" stroke={COLOURS.engaged} strokeWidth={1.5} strokeDasharray="5 4" dot={false} isAnimationActive={false} />
              <Line type="monotone" dataKey="qualifiedWithPlan" name="Qualified, with the plan" stroke={COLOURS.qualified} strokeWidth={2.5} dot={false} isAnimationActive={false} />
              <Line type="monotone" dataKey="qualifiedWithoutPlan" name="Qualified, without the plan" stroke={COLOURS.qualified} strokeWidth={1.5} strokeDasharray="5 4" dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        )}
      </ClientOnly>
      {children}
    </figure>
  );
}
