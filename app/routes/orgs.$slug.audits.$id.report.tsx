import { plural } from "~/utils/plural";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { requireOrgPermission } from "~/utils/access.server";
import { can } from "~/utils/permissions";
import { getCampaign } from "~/models/skills-audits/campaigns.server";
import { loadCampaignData } from "~/models/skills-audits/campaign-data.server";
import { describeFilter, idFrom, parseFilter } from "~/models/skills-audits/campaign-filter";
import { listCourses } from "~/models/skills-audits/courses.server";
import { gapsOf, recommendationContext, roleOf } from "~/models/skills-audits/recommendations.server";
import { formatDateLong } from "~/compliance/dates";
import { heatMap, progressCounts, recommendCourses, targetFor, unitDemand, withoutPeople, CAMPAIGN_STATUS_LABELS } from "~/skills";
import { ClientOnly, HeatLegend, HeatMapTable } from "~/skills/ui";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.campaign.name ?? "Skills audit"} report · Competence & Conduct` }];

const round1 = (n: number) => Math.round(n * 10) / 10;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const campaign = await getCampaign(scope, idFrom(params.id));
  if (!campaign) throw new Response("Not found", { status: 404 });
  const d = await loadCampaignData(scope, campaign);
  const today = scope.today;
  const courses = await listCourses(scope);
  const ctx = await recommendationContext(scope, today, courses);

  const areaRows = d.areas.map((a) => {
    let rated = 0;
    let agreedSum = 0;
    let targetSum = 0;
    let withGap = 0;
    for (const p of d.participants) {
      const agreed = d.ratings.get(p.staffId)?.get(a.id)?.agreed;
      if (agreed == null) continue;
      const target = targetFor(a, p.category);
      rated++;
      agreedSum += agreed;
      targetSum += target;
      if (target > agreed) withGap++;
    }
    return {
      code: a.code,
      area: a.name,
      rated,
      withGap,
      meanAgreed: rated ? round1(agreedSum / rated) : null,
      meanTarget: rated ? round1(targetSum / rated) : null,
    };
  });
  const people = d.participants.map((p) => ({ p, gaps: gapsOf(d, p) }));
  const demand = unitDemand(
    people.map(({ p, gaps }) => ({ gaps, qualified: ctx.statuses.get(p.staffId) === "qualified", achievedUnitRefs: ctx.achieved.get(p.staffId), role: roleOf(p, ctx.requiredLevels) })),
  );
  const courseDemand = courses
    .map((c) => ({ title: c.title, provider: c.provider, people: people.filter(({ gaps }) => recommendCourses(gaps, [c]).length > 0).length }))
    .filter((c) => c.people > 0)
    .sort((a, b) => b.people - a.people);

  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    canExport: can(user.role, "org.export"),
    today,
    campaign: {
      id: campaign.id,
      name: campaign.name,
      status: campaign.status,
      opensOn: campaign.opens_on,
      closesOn: campaign.closes_on,
      frameworkName: d.frameworkName,
      who: describeFilter(parseFilter(campaign.filter_json)),
    },
    progress: progressCounts(d.areas, d.participants, d.ratings),
    peopleWithGaps: people.filter(({ gaps }) => gaps.length > 0).length,
    areaRows,
    topGaps: [...areaRows].filter((r) => r.withGap > 0).sort((a, b) => b.withGap - a.withGap || a.code.localeCompare(b.code)).slice(0, 8),
    byDepartment: withoutPeople(heatMap("department", d.areas, d.participants, d.ratings)),
    byCategory: withoutPeople(heatMap("category", d.areas, d.participants, d.ratings)),
    units: demand.slice(0, 12).map((u) => ({ unitRef: u.unit.unitRef, title: u.unit.title, people: u.people, topUps: u.topUps, gapsClosed: u.gapsClosed })),
    courses: courseDemand,
  };
}

function AreaChart({ rows }: { rows: Array<{ code: string; area: string; meanAgreed: number | null; meanTarget: number | null }> }) {
  const height = Math.max(320, rows.length * 24 + 90);
  return (
    <figure className="chart-figure" aria-labelledby="audit-report-chart-title" data-chart="audit-report-chart">
      <figcaption id="audit-report-chart-title">Mean agreed rating against mean target, by area (people rated)</figcaption>
      <ClientOnly height={height}>
        {() => (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows.map((r) => ({ label: `${r.code} ${r.area}`, target: r.meanTarget ?? 0, agreed: r.meanAgreed ?? 0 }))} layout="vertical" margin={{ top: 10, right: 20, bottom: 25, left: 20 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" domain={[0, 4]} ticks={[0, 1, 2, 3, 4]} label={{ value: "Level (0 none – 4 expert)", position: "insideBottom", offset: -15 }} />
              <YAxis type="category" dataKey="label" width={250} interval={0} tick={{ fontSize: 11 }} />
              <Tooltip />
              <Legend verticalAlign="top" height={28} />
              <Bar dataKey="target" name="Mean target" fill="#9aa7b8" isAnimationActive={false} />
              <Bar dataKey="agreed" name="Mean agreed" fill="#1d4f5c" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        )}
      </ClientOnly>
    </figure>
  );
}

export default function CampaignReport() {
  const r = useLoaderData<typeof loader>();
  const base = `/orgs/${r.organisation.slug}/audits/${r.campaign.id}`;
  const c = r.campaign;
  const p = r.progress;
  const peopleHref = (dimension: "department" | "category") => (area: string, column: string | null) =>
    `${base}/people?area=${encodeURIComponent(area)}&gap=1${column === null ? "" : `&${dimension}=${encodeURIComponent(column)}`}`;
  return (
    <article className="report" data-testid="audit-report">
      <div className="no-print panel form-row">
        <Link to={base}>Back to the campaign</Link>
        {r.canExport ? (
          <>
            <a className="button secondary" href={`${base}/report.pdf`}>
              Download PDF
            </a>
            <a className="button secondary" href={`${base}/ratings.csv`}>
              Ratings CSV
            </a>
            <a className="button secondary" href={`${base}/recommendations.csv`}>
              Recommendations CSV
            </a>
          </>
        ) : null}
      </div>
      <header className="report-header">
        <h1>
          {r.organisation.name}: skills audit report — {c.name}
        </h1>
        <p>
          {CAMPAIGN_STATUS_LABELS[c.status]} · {formatDateLong(c.opensOn)} to {formatDateLong(c.closesOn)} · {c.frameworkName} · {c.who} · printed {formatDateLong(r.today)}
        </p>
      </header>
      <section className="tiles" aria-label="Progress">
        <div className="tile">
          <div className="label">People</div>
          <div className="value" data-figure="people">
            {p.total}
          </div>
        </div>
        <div className="tile">
          <div className="label">Complete</div>
          <div className="value" data-figure="complete">
            {p.complete}
          </div>
        </div>
        <div className="tile">
          <div className="label">Partly done</div>
          <div className="value">{p.partial}</div>
        </div>
        <div className="tile">
          <div className="label">Not started</div>
          <div className="value">{p.not_started}</div>
        </div>
        <div className="tile">
          <div className="label">People with a gap</div>
          <div className="value" data-figure="with-gaps">
            {r.peopleWithGaps}
          </div>
        </div>
      </section>
      <section className="panel">
        <h2 style={{ marginTop: 0 }}>Summary</h2>
        <p className="narrative">
          {p.complete} of {plural(p.total, "person")} have an agreed rating in every area; {p.partial} are part-way and {p.not_started} have not started. {plural(r.peopleWithGaps, "person")} {r.peopleWithGaps === 1 ? "has" : "have"} at least one agreed rating below their target.
          {r.topGaps.length ? ` The most common gaps are ${r.topGaps.slice(0, 3).map((g) => `${g.area} (${plural(g.withGap, "person")})`).join(", ")}.` : ""}
          {r.units[0] ? ` The unit that would close most gaps is ${r.units[0].unitRef} ${r.units[0].title} (${r.units[0].people} people).` : ""}
        </p>
      </section>
      <section className="panel report-charts">
        <AreaChart rows={r.areaRows} />
      </section>
      <section className="panel">
        <h2 style={{ marginTop: 0 }}>Gaps by area and department</h2>
        <HeatLegend />
        <HeatMapTable map={r.byDepartment} caption="Gaps by area and department" peopleHref={peopleHref("department")} />
      </section>
      <section className="panel">
        <h2 style={{ marginTop: 0 }}>Gaps by area and category</h2>
        <HeatMapTable map={r.byCategory} caption="Gaps by area and category" peopleHref={peopleHref("category")} />
      </section>
      <section className="panel">
        <h2 style={{ marginTop: 0 }}>What would close the gaps</h2>
        <table>
          <caption style={{ textAlign: "left", fontWeight: 600, padding: "0.3rem 0" }}>Units of the CIH Level 4 Certificate in Managing Housing Maintenance</caption>
          <thead>
            <tr>
              <th>Unit</th>
              <th className="num">People it helps</th>
              <th className="num">Of whom qualified (top-up)</th>
              <th className="num">Gaps it closes</th>
            </tr>
          </thead>
          <tbody>
            {r.units.map((u) => (
              <tr key={u.unitRef}>
                <td>
                  {u.unitRef} {u.title}
                </td>
                <td className="num">{u.people}</td>
                <td className="num">{u.topUps}</td>
                <td className="num">{u.gapsClosed}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {r.courses.length ? (
          <table>
            <caption style={{ textAlign: "left", fontWeight: 600, padding: "0.3rem 0" }}>Short courses</caption>
            <thead>
              <tr>
                <th>Course</th>
                <th>Provider</th>
                <th className="num">People it helps</th>
              </tr>
            </thead>
            <tbody>
              {r.courses.map((x) => (
                <tr key={x.title}>
                  <td>{x.title}</td>
                  <td>{x.provider ?? "–"}</td>
                  <td className="num">{x.people}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
