import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { plural } from "~/utils/plural";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireOrgPermission } from "~/utils/access.server";
import { listCampaigns } from "~/models/skills-audits/campaigns.server";
import { idFrom } from "~/models/skills-audits/campaign-filter";
import { compareCampaigns } from "~/models/skills-audits/comparison.server";
import { CATEGORY_LABELS } from "~/compliance/status";
import { AREA_GROUP_LABELS } from "~/skills";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Compare skills audits · Competence & Conduct" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const url = new URL(request.url);
  const campaigns = (await listCampaigns(scope)).map((c) => ({ id: c.id, name: c.name }));
  const aParam = url.searchParams.get("a");
  const bParam = url.searchParams.get("b");
  const base = { organisation: { slug: organisation.slug }, campaigns, a: aParam ?? "", b: bParam ?? "" };
  if (!aParam || !bParam) return { ...base, result: null, sameCampaign: false };
  if (idFrom(aParam) === idFrom(bParam)) return data({ ...base, result: null, sameCampaign: true }, { status: 400 });
  const result = await compareCampaigns(scope, idFrom(aParam), idFrom(bParam));
  if (!result) throw new Response("Not found", { status: 404 });
  return { ...base, result, sameCampaign: false };
}

const signed = (n: number | null) => (n == null ? "–" : n > 0 ? `+${n.toFixed(2)}` : n.toFixed(2));

export default function CompareCampaigns() {
  const d = useLoaderData<typeof loader>();
  const base = `/orgs/${d.organisation.slug}/audits`;
  const r = d.result;
  return (
    <>
      <div className="page-header">
        <div>
          <p>
            <Link to={base}>Skills audits</Link>
          </p>
          <h1>Compare two campaigns</h1>
          <p>Change per area (matched by area code, so renamed areas still match) and per person in both campaigns.</p>
        </div>
      </div>
      <Form method="get" className="panel form-row">
        <div className="field" style={{ marginBottom: 0 }}>
          <label htmlFor="a">Earlier campaign</label>
          <select id="a" name="a" defaultValue={d.a}>
            {d.campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field" style={{ marginBottom: 0 }}>
          <label htmlFor="b">Later campaign</label>
          <select id="b" name="b" defaultValue={d.b}>
            {d.campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Compare</button>
      </Form>
      {d.sameCampaign ? (
        <p className="notice error" role="alert">
          A campaign cannot be compared with itself: choose two different campaigns.
        </p>
      ) : null}
      {r?.overlap.differ ? (
        <p className="notice info" role="status" data-testid="different-groups">
          These campaigns rated different groups of people: {plural(r.overlap.both, "person")} in both, {plural(r.overlap.onlyBefore, "person")} only in {r.before.name} and{" "}
          {plural(r.overlap.onlyAfter, "person")} only in {r.after.name}. The comparison below covers only the {plural(r.overlap.both, "person")} rated in both.
        </p>
      ) : null}
      {r ? (
        <>
          <section className="panel" aria-labelledby="areas-title">
            <h2 id="areas-title" style={{ marginTop: 0 }}>
              By area: {r.before.name} → {r.after.name}
            </h2>
            <div className="table-wrap">
              <table data-testid="compare-areas">
                <thead>
                  <tr>
                    <th>Area</th>
                    <th>Group</th>
                    <th className="num">Rated before</th>
                    <th className="num">Mean agreed before</th>
                    <th className="num">Rated after</th>
                    <th className="num">Mean agreed after</th>
                    <th className="num">Change in agreed</th>
                    <th className="num">Mean gap before</th>
                    <th className="num">Mean gap after</th>
                    <th className="num">Change in gap</th>
                  </tr>
                </thead>
                <tbody>
                  {r.areas.map((a) => (
                    <tr key={a.code}>
                      <td>
                        <span className="muted">{a.code}</span> {a.area}
                      </td>
                      <td>{AREA_GROUP_LABELS[a.group]}</td>
                      <td className="num">{a.before.rated}</td>
                      <td className="num">{a.before.meanAgreed ?? "–"}</td>
                      <td className="num">{a.after.rated}</td>
                      <td className="num">{a.after.meanAgreed ?? "–"}</td>
                      <td className={`num ${a.agreedChange != null && a.agreedChange > 0 ? "delta-up" : a.agreedChange != null && a.agreedChange < 0 ? "delta-down" : ""}`}>{signed(a.agreedChange)}</td>
                      <td className="num">{a.before.meanGap ?? "–"}</td>
                      <td className="num">{a.after.meanGap ?? "–"}</td>
                      <td className={`num ${a.gapChange != null && a.gapChange < 0 ? "delta-up" : a.gapChange != null && a.gapChange > 0 ? "delta-down" : ""}`}>{signed(a.gapChange)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="panel" aria-labelledby="people-title">
            <h2 id="people-title" style={{ marginTop: 0 }}>
              By person ({r.peopleCount} in both; {r.improved} smaller total gap, {r.worse} larger)
            </h2>
            <div className="table-wrap">
              <table data-testid="compare-people">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Department</th>
                    <th>Category</th>
                    <th className="num">Areas compared</th>
                    <th className="num">Total gap before</th>
                    <th className="num">Total gap after</th>
                    <th className="num">Change</th>
                    <th>Improved</th>
                    <th>Worse</th>
                  </tr>
                </thead>
                <tbody>
                  {r.people.map((p) => (
                    <tr key={p.staffId}>
                      <td>
                        <Link to={`${base}/${r.after.id}/people/${encodeURIComponent(p.employeeRef)}`}>{p.name}</Link> <span className="muted">{p.employeeRef}</span>
                      </td>
                      <td>{p.department ?? "–"}</td>
                      <td>{CATEGORY_LABELS[p.category]}</td>
                      <td className="num">{p.areasCompared}</td>
                      <td className="num">{p.gapBefore}</td>
                      <td className="num">{p.gapAfter}</td>
                      <td className={`num ${p.gapChange < 0 ? "delta-up" : p.gapChange > 0 ? "delta-down" : ""}`}>{p.gapChange > 0 ? `+${p.gapChange}` : p.gapChange}</td>
                      <td>{p.improved.join(", ") || "–"}</td>
                      <td>{p.worse.join(", ") || "–"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
