import { plural } from "~/utils/plural";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireOrgPermission } from "~/utils/access.server";
import { getCampaign } from "~/models/skills-audits/campaigns.server";
import { loadCampaignData } from "~/models/skills-audits/campaign-data.server";
import { idFrom } from "~/models/skills-audits/campaign-filter";
import { gapsOf } from "~/models/skills-audits/recommendations.server";
import { CATEGORY_LABELS } from "~/compliance/status";
import { NO_DEPARTMENT, PROGRESS_LABELS, gapFor, progressOf, targetFor, type Progress } from "~/skills";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Skills audit people · Competence & Conduct" }];

const PROGRESS_VALUES: Progress[] = ["complete", "partial", "not_started"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const campaign = await getCampaign(scope, idFrom(params.id));
  if (!campaign) throw new Response("Not found", { status: 404 });
  const d = await loadCampaignData(scope, campaign);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().toLowerCase().slice(0, 100);
  const areaCode = url.searchParams.get("area") ?? "";
  const area = d.areas.find((a) => a.code === areaCode) ?? null;
  const department = url.searchParams.get("department");
  const category = url.searchParams.get("category");
  const progress = url.searchParams.get("progress") as Progress | null;
  const onlyGaps = url.searchParams.get("gap") === "1";

  const rows = d.participants
    .map((p) => {
      const ratings = d.ratings.get(p.staffId);
      const gaps = gapsOf(d, p);
      const areaTarget = area ? targetFor(area, p.category) : null;
      const areaAgreed = area ? (ratings?.get(area.id)?.agreed ?? null) : null;
      return {
        employeeRef: p.employeeRef,
        name: p.name,
        jobTitle: p.jobTitle,
        department: p.department,
        category: p.category,
        progress: progressOf(d.areas, ratings),
        gaps: gaps.length,
        gapLevels: gaps.reduce((s, g) => s + g.gap, 0),
        areaTarget,
        areaAgreed,
        areaGap: area ? gapFor(areaTarget!, areaAgreed) : null,
      };
    })
    .filter((r) => {
      if (q && !r.name.toLowerCase().includes(q) && !r.employeeRef.toLowerCase().includes(q) && !r.jobTitle.toLowerCase().includes(q)) return false;
      if (department !== null && department !== "" && (r.department?.trim() || NO_DEPARTMENT) !== department) return false;
      if (category && r.category !== category) return false;
      if (progress && PROGRESS_VALUES.includes(progress) && r.progress !== progress) return false;
      if (onlyGaps && (area ? !(r.areaGap && r.areaGap > 0) : r.gaps === 0)) return false;
      return true;
    });

  return {
    organisation: { slug: organisation.slug },
    campaign: { id: campaign.id, name: campaign.name, status: campaign.status },
    areas: d.areas.map((a) => ({ code: a.code, name: a.name })),
    departments: [...new Set(d.participants.map((p) => p.department?.trim() || NO_DEPARTMENT))].sort(),
    filters: { q, area: area?.code ?? "", areaName: area?.name ?? null, department: department ?? "", category: category ?? "", progress: progress ?? "", onlyGaps },
    total: d.participants.length,
    rows: rows.slice(0, 1000),
    shown: rows.length,
  };
}

export default function CampaignPeople() {
  const d = useLoaderData<typeof loader>();
  const base = `/orgs/${d.organisation.slug}/audits/${d.campaign.id}`;
  const f = d.filters;
  return (
    <>
      <div className="page-header">
        <div>
          <p>
            <Link to={base}>{d.campaign.name}</Link>
          </p>
          <h1>People in this audit</h1>
          <p>
            {d.shown} of {plural(d.total, "person")}
            {f.areaName ? ` · area: ${f.areaName}` : ""}
            {f.department ? ` · department: ${f.department}` : ""}
            {f.category ? ` · ${CATEGORY_LABELS[f.category as keyof typeof CATEGORY_LABELS] ?? f.category}` : ""}
            {f.onlyGaps ? " · with a gap" : ""}
          </p>
        </div>
      </div>
      <Form method="get" className="panel form-row no-print">
        <div className="field" style={{ marginBottom: 0 }}>
          <label htmlFor="q">Search</label>
          <input id="q" name="q" type="search" defaultValue={f.q} placeholder="Name, ref or job title" />
        </div>
        <div className="field" style={{ marginBottom: 0 }}>
          <label htmlFor="area">Area</label>
          <select id="area" name="area" defaultValue={f.area}>
            <option value="">Any</option>
            {d.areas.map((a) => (
              <option key={a.code} value={a.code}>
                {a.code} {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field" style={{ marginBottom: 0 }}>
          <label htmlFor="department">Department</label>
          <select id="department" name="department" defaultValue={f.department}>
            <option value="">Any</option>
            {d.departments.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </div>
        <div className="field" style={{ marginBottom: 0 }}>
          <label htmlFor="category">Category</label>
          <select id="category" name="category" defaultValue={f.category}>
            <option value="">Any</option>
            {(["senior_executive", "senior_manager", "frontline"] as const).map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        <div className="field" style={{ marginBottom: 0 }}>
          <label htmlFor="progress">Progress</label>
          <select id="progress" name="progress" defaultValue={f.progress}>
            <option value="">Any</option>
            {PROGRESS_VALUES.map((p) => (
              <option key={p} value={p}>
                {PROGRESS_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
        <div className="field" style={{ marginBottom: 0 }}>
          <label htmlFor="gap">
            <input id="gap" name="gap" type="checkbox" value="1" defaultChecked={f.onlyGaps} /> Only people with a gap
          </label>
        </div>
        <button type="submit">Show</button>
      </Form>
      <div className="table-wrap panel">
        <table data-testid="audit-people">
          <thead>
            <tr>
              <th>Name</th>
              <th>Ref</th>
              <th>Job title</th>
              <th>Department</th>
              <th>Category</th>
              <th>Progress</th>
              {f.areaName ? (
                <>
                  <th className="num">Target</th>
                  <th className="num">Agreed</th>
                  <th className="num">Gap</th>
                </>
              ) : null}
              <th className="num">Areas with a gap</th>
              <th className="num">Total gap</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.employeeRef} data-ref={r.employeeRef} data-department={r.department?.trim() || NO_DEPARTMENT} data-progress={r.progress}>
                <td>
                  <Link to={`${base}/people/${encodeURIComponent(r.employeeRef)}`}>{r.name}</Link>
                </td>
                <td>{r.employeeRef}</td>
                <td>{r.jobTitle}</td>
                <td>{r.department ?? "–"}</td>
                <td>{CATEGORY_LABELS[r.category]}</td>
                <td>
                  <span className={`progress progress-${r.progress}`}>{PROGRESS_LABELS[r.progress]}</span>
                </td>
                {f.areaName ? (
                  <>
                    <td className="num">{r.areaTarget ?? "–"}</td>
                    <td className="num">{r.areaAgreed ?? "–"}</td>
                    <td className="num">{r.areaGap ?? "–"}</td>
                  </>
                ) : null}
                <td className="num">{r.gaps}</td>
                <td className="num">{r.gapLevels}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {d.rows.length === 0 ? <p>Nobody matches.</p> : null}
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
