import { plural } from "~/utils/plural";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AppShell } from "~/components/app-shell";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { pct, wholeNumber } from "~/components/labels";
import { Sparkline } from "~/components/sparkline";
import { formatDateLong } from "~/compliance/dates";
import { organisationsFor, requirePermission } from "~/utils/access.server";
import { getDb } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import { asOfFrom } from "~/models/compliance.server";
import { PORTFOLIO_SORTS, portfolioRows, sortPortfolio, type PortfolioSort } from "~/models/portfolio.server";

export const meta: MetaFunction = () => [{ title: "Portfolio · Competence & Conduct compliance" }];

export function portfolioQuery(url: URL) {
  const sortParam = url.searchParams.get("sort") ?? "name";
  const sort: PortfolioSort = (PORTFOLIO_SORTS as readonly string[]).includes(sortParam) ? (sortParam as PortfolioSort) : "name";
  const dir: "asc" | "desc" = url.searchParams.get("dir") === "desc" ? "desc" : "asc";
  return { sort, dir, asOf: asOfFrom(url.searchParams.get("asOf")) };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "portfolio.read");
  const { sort, dir, asOf } = portfolioQuery(new URL(request.url));
  const rows = sortPortfolio(await portfolioRows(getDb(), await organisationsFor(user), asOf), sort, dir);
  return { user: { name: user.name, email: user.email, role: user.role }, canUsers: can(user.role, "users.manage"), rows, sort, dir, asOf };
}

const COLUMNS: Array<{ key: PortfolioSort; label: string; numeric?: boolean }> = [
  { key: "name", label: "Organisation" },
  { key: "homes", label: "Homes", numeric: true },
  { key: "inScope", label: "People in scope", numeric: true },
  { key: "pctStatutory", label: "% meeting the legal test", numeric: true },
  { key: "inBreach", label: "In breach (legal test)", numeric: true },
  { key: "pctQualified", label: "% qualified (internal target)", numeric: true },
  { key: "pctQualifiedOrEnrolled", label: "% qualified or enrolled (internal target)", numeric: true },
  { key: "decisionsNeeded", label: "Decisions needed", numeric: true },
  { key: "conduct", label: "Conduct (code acknowledged)" },
  { key: "lastImport", label: "Last import" },
];

export default function Portfolio() {
  const { user, canUsers, rows, sort, dir, asOf } = useLoaderData<typeof loader>();
  return (
    <AppShell user={user} nav={[{ to: "/portfolio", label: "Portfolio" }, ...(canUsers ? [{ to: "/organisations", label: "Organisations" }, { to: "/users", label: "Users" }] : [])]}>
      <div className="page-header">
        <div>
          <h1>Portfolio</h1>
          <p>Every organisation you work with, as of {formatDateLong(asOf)}.</p>
        </div>
        <div className="form-row no-print">
          <Form method="get" className="form-row" style={{ marginBottom: 0 }}>
            <input type="hidden" name="sort" value={sort} />
            <input type="hidden" name="dir" value={dir} />
            <div className="field" style={{ marginBottom: 0 }}>
              <label htmlFor="asOf">As of date</label>
              <input id="asOf" type="date" name="asOf" defaultValue={asOf} />
            </div>
            <button type="submit">Recalculate</button>
          </Form>
          <a className="button secondary" href={`/portfolio.csv?sort=${sort}&dir=${dir}&asOf=${asOf}`} download>
            Download CSV
          </a>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="notice info">You are not a member of any organisation yet.</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="portfolio">
            <thead>
              <tr>
                {COLUMNS.map((c) => {
                  const active = c.key === sort;
                  const nextDir = active && dir === "asc" ? "desc" : "asc";
                  return (
                    <th key={c.key} className={c.numeric ? "num" : undefined} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}>
                      <Link to={`?sort=${c.key}&dir=${nextDir}&asOf=${asOf}`}>
                        {c.label}
                        {active ? (dir === "asc" ? " ▲" : " ▼") : ""}
                      </Link>
                    </th>
                  );
                })}
                <th>Next milestone</th>
                <th>12-month trend (% qualified or enrolled)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.slug}>
                  <td>
                    <Link to={`/orgs/${r.slug}`}>{r.name}</Link>
                  </td>
                  <td className="num">{wholeNumber(r.homesOwned)}</td>
                  <td className="num">{r.inScope}</td>
                  <td className="num">{pct(r.pctStatutory)}</td>
                  <td className="num">{r.inBreach}</td>
                  <td className="num">{pct(r.pctQualified)}</td>
                  <td className="num">{pct(r.pctQualifiedOrEnrolled)}</td>
                  <td className="num">{r.decisionsNeeded}</td>
                  <td data-column="conduct">
                    <Link to={`/orgs/${r.slug}/conduct`}>{r.conduct.codeVersion ? `Code ${pct(r.conduct.pctCodeAcknowledged)}` : "No code in force"}</Link>
                    <div className="muted">
                      training {pct(r.conduct.pctTrainingCurrent)} · {r.conduct.supervisionOverdue + r.conduct.appraisalOverdue} meetings overdue
                      {r.conduct.policiesDueForReview ? ` · ${plural(r.conduct.policiesDueForReview, "policy")} to review` : ""}
                    </div>
                  </td>
                  <td>{r.lastImportAt ? formatDateLong(r.lastImportAt.slice(0, 10)) : "Never"}</td>
                  <td>
                    {r.milestone ? (
                      <>
                        {r.milestone.name} ({formatDateLong(r.milestone.date)}):{" "}
                        <span className={`state-${r.milestone.state}`}>
                          {r.milestone.state === "met" ? "met" : r.milestone.state === "not_met" ? "not met" : `upcoming, now ${pct(r.milestone.actualPct)} of ${pct(r.milestone.targetPct)}`}
                        </span>
                      </>
                    ) : (
                      "–"
                    )}
                    {r.milestonesMissed > 0 ? <div className="state-not_met">{r.milestonesMissed} missed</div> : null}
                  </td>
                  <td>
                    <Sparkline values={r.trend} label={`${r.name}, % qualified or enrolled over 12 months`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AppShell>
  );
}

export function ErrorBoundary() {
  return (
    <main className="page narrow" id="main">
      <GeneralErrorBoundary />
    </main>
  );
}
