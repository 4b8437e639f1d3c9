import { plural } from "~/utils/plural";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireOrgPermission } from "~/utils/access.server";
import { required } from "~/utils/respond.server";
import { asOfFrom } from "~/models/compliance.server";
import { executiveReportData } from "~/models/executive-report.server";
import { listSnapshots } from "~/models/snapshots.server";
import { can } from "~/utils/permissions";
import { MilestoneTable } from "~/components/milestone-table";
import { NeedsActionTable } from "~/components/needs-action-table";
import { formatDateLong } from "~/compliance/dates";
import { ProportionChart, StatusBreakdownChart } from "~/components/compliance-charts";
import { CATEGORY_LABELS, JudgementTag, pct } from "~/components/labels";
import type { BreakdownRow } from "~/compliance/measures";
import { ConductTiles } from "~/components/conduct/conduct-tiles";
import { conductSentences } from "~/conduct/report-sentences";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const url = new URL(request.url);
  const snapshotParam = Number(url.searchParams.get("snapshot"));
  const report = required(
    await executiveReportData(scope, {
      asOf: asOfFrom(url.searchParams.get("asOf")),
      snapshotId: Number.isInteger(snapshotParam) && snapshotParam > 0 ? snapshotParam : null,
      annex: url.searchParams.get("annex") === "1",
    }),
  );
  const snapshots = (await listSnapshots(scope)).map((s) => ({ id: s.id, label: s.label, asOf: s.asOf, takenAt: s.takenAt }));
  return { ...report, snapshots, canSnapshot: can(user.role, "org.snapshot"), canExport: can(user.role, "org.export"), query: url.search };
}

function BreakdownTable({ caption, rows, label, keyLabel }: { caption: string; rows: BreakdownRow[]; label: string; keyLabel?: (k: string) => string }) {
  return (
    <table>
      <caption style={{ textAlign: "left", fontWeight: 600, padding: "0.3rem 0" }}>{caption}</caption>
      <thead>
        <tr>
          <th>{label}</th>
          <th className="num">In scope</th>
          <th className="num">Meet the legal test</th>
          <th className="num">In breach</th>
          <th className="num">Qualified</th>
          <th className="num">Working towards</th>
          <th className="num">Not enrolled</th>
          <th className="num">% qualified (target)</th>
          <th className="num">% qualified or enrolled (target)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{keyLabel ? keyLabel(r.key) : r.key}</td>
            <td className="num">{r.n}</td>
            <td className="num">{pct(r.pctStatutory)}</td>
            <td className="num">{r.countsByStatutory.in_breach}</td>
            <td className="num">{r.qualified}</td>
            <td className="num">{r.workingTowards}</td>
            <td className="num">{r.notEnrolled}</td>
            <td className="num">{pct(r.pctQualified)}</td>
            <td className="num">{pct(r.pctQualifiedOrEnrolled)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function ExecutiveReport() {
  const r = useLoaderData<typeof loader>();
  const base = `/orgs/${r.organisation.slug}`;
  const h = r.headline;
  const pdfQuery = new URLSearchParams(r.query);
  return (
    <article className="report" data-testid="executive-report">
      <div className="no-print panel">
        <Form method="get" className="form-row" style={{ marginBottom: 0 }}>
          <div className="field" style={{ marginBottom: 0 }}>
            <label htmlFor="asOf">As of date</label>
            <input id="asOf" type="date" name="asOf" defaultValue={r.snapshot ? "" : r.asOf} />
          </div>
          <div className="field" style={{ marginBottom: 0 }}>
            <label htmlFor="snapshot">Or a saved snapshot</label>
            <select id="snapshot" name="snapshot" defaultValue={r.snapshot ? String(r.snapshot.id) : ""}>
              <option value="">Live figures</option>
              {r.snapshots.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label} (as of {s.asOf})
                </option>
              ))}
            </select>
          </div>
          <div className="field" style={{ marginBottom: 0 }}>
            <label htmlFor="annex">
              <input id="annex" type="checkbox" name="annex" value="1" defaultChecked={r.annex != null} /> Include the named annex
            </label>
          </div>
          <button type="submit">Show report</button>
          {r.canExport ? (
            <a className="button secondary" href={`${base}/reports/executive.pdf?${pdfQuery.toString()}`}>
              Download PDF
            </a>
          ) : null}
          {r.canSnapshot && !r.snapshot ? (
            <Link className="button secondary" to={`${base}/reports?asOf=${r.asOf}#save-snapshot`}>
              Save for board pack
            </Link>
          ) : null}
        </Form>
      </div>

      <header className="report-header">
        <h1>{r.organisation.name}: Competence &amp; Conduct compliance report</h1>
        <p>
          As of <strong>{formatDateLong(r.asOf)}</strong>
          {r.snapshot ? ` · saved snapshot "${r.snapshot.label}" taken ${formatDateLong(r.snapshot.takenAt.slice(0, 10))} by ${r.snapshot.takenBy}` : " · live figures"}
          {" · "}
          {r.organisation.homesOwned.toLocaleString("en-GB")} homes
        </p>
      </header>

      <section className="panel" aria-labelledby="summary-title">
        <h2 id="summary-title" style={{ marginTop: 0 }}>
          Summary
        </h2>
        {r.narrative.map((sentence) => (
          <p key={sentence} className="narrative">
            {sentence}
          </p>
        ))}
      </section>

      <h2 className="tiles-heading">
        <JudgementTag kind="legal" /> Holds or is working towards a qualification (Social Housing (Regulation) Act 2023, s.194A)
      </h2>
      <section className="tiles" aria-label="The legal test" data-testid="report-statutory">
        <div className="tile">
          <div className="label">People in scope</div>
          <div className="value" data-figure="in-scope">{h.inScope}</div>
          <div className="sub">
            Level 5: {h.inScopeByLevel[5]} · Level 4: {h.inScopeByLevel[4]}
          </div>
        </div>
        <div className="tile">
          <div className="label">Meet the legal test</div>
          <div className="value" data-figure="pct-statutory">{pct(r.statutory.pct)}</div>
          <div className="sub">
            {r.statutory.counts.compliant} compliant · {r.statutory.counts.not_yet_due} not yet due
          </div>
        </div>
        <div className="tile">
          <div className="label">In breach</div>
          <div className="value" data-figure="in-breach">{r.statutory.counts.in_breach}</div>
          <div className="sub">not enrolled after their enrol-by date</div>
        </div>
        {r.worstCase && r.worstCase.undecided > 0 ? (
          <div className="tile">
            <div className="label">Worst case</div>
            <div className="value" data-figure="pct-statutory-worst-case">{pct(r.worstCase.pctStatutory)}</div>
            <div className="sub">
              {r.worstCase.undecided} with undecided titles counted as not enrolled; {r.worstCase.countsByStatutory.in_breach} in breach
            </div>
          </div>
        ) : null}
      </section>

      <h2 className="tiles-heading">
        <JudgementTag kind="target" /> Progress against our internal targets (not the legal test)
      </h2>
      <section className="tiles" aria-label="Headline measures against internal targets" data-testid="report-headline">
        <div className="tile">
          <div className="label">Qualified</div>
          <div className="value" data-figure="pct-qualified">{pct(h.pctQualified)}</div>
          <div className="sub">{plural(h.qualified, "person")}</div>
        </div>
        <div className="tile">
          <div className="label">Qualified or enrolled</div>
          <div className="value" data-figure="pct-qualified-or-enrolled">{pct(h.pctQualifiedOrEnrolled)}</div>
          <div className="sub">{h.workingTowards} working towards</div>
        </div>
        <div className="tile">
          <div className="label">Not enrolled</div>
          <div className="value">{h.notEnrolled}</div>
          <div className="sub">{r.needsActionCounts.notEnrolledPastLatestStart} past their latest start</div>
        </div>
        <div className="tile">
          <div className="label">Decisions needed</div>
          <div className="value">{h.unmappedCount}</div>
          <div className="sub">people with unmapped titles</div>
        </div>
      </section>

      <MilestoneTable milestones={r.milestones} id="milestone-table-title" />

      <section className="report-charts">
        <div className="panel">
          <ProportionChart
            id="report-enrolment-chart"
            title={`Enrolment proportion against the ${r.enrolmentMilestone?.name ?? "enrolment milestone"} (${pct(r.enrolmentMilestone?.targetPct ?? null)} target)`}
            summary={`% of in-scope people qualified or enrolled at each month end; ${pct(h.pctQualifiedOrEnrolled)} on ${formatDateLong(r.asOf)}.`}
            points={r.enrolmentPoints}
            target={{ pct: r.enrolmentMilestone?.targetPct ?? 50, date: r.enrolmentMilestone?.date ?? r.asOf, label: "Milestone target" }}
            yLabel="% qualified or enrolled"
          />
        </div>
        <div className="panel">
          <ProportionChart
            id="report-qualified-chart"
            title={`% qualified, actual and forecast to the ${r.qualifiedMilestone?.name ?? "qualified deadline"}`}
            summary={`Forecast at the deadline: ${pct(r.forecastAtDeadline)} (current learners counted at their expected completion).`}
            points={r.qualifiedPoints}
            target={{ pct: r.qualifiedMilestone?.targetPct ?? 100, date: r.qualifiedMilestone?.date ?? r.asOf, label: "Deadline target" }}
            yLabel="% qualified"
          />
        </div>
        <div className="panel">
          <StatusBreakdownChart
            id="report-status-chart"
            title="Status by department (people in scope)"
            axisLabel="Department"
            rows={r.byDepartment.map((d) => ({ key: d.key, qualified: d.qualified, workingTowards: d.workingTowards, notEnrolled: d.notEnrolled, href: `${base}/people?asOf=${r.asOf}&department=${encodeURIComponent(d.key)}` }))}
          />
        </div>
      </section>

      <section className="panel">
        <h2 style={{ marginTop: 0 }}>Breakdown</h2>
        <BreakdownTable caption="By department" rows={r.byDepartment} label="Department" />
        <BreakdownTable caption="By category" rows={r.byCategory} label="Category" keyLabel={(k) => CATEGORY_LABELS[k as keyof typeof CATEGORY_LABELS] ?? k} />
      </section>

      <section className="panel">
        <h2 style={{ marginTop: 0 }}>Needs action</h2>
        <p>
          {plural(r.needsActionCounts.inBreach, "person is", "people are")} in breach of the legal test. Against our internal targets, {plural(r.needsActionCounts.red, "person")} are rated red and {r.needsActionCounts.amber} amber;{" "}
          {r.needsActionCounts.notEnrolledPastLatestStart} of those not enrolled are past their latest start or enrol-by date.
          {r.annex ? " The named annex follows." : " Names are left out of this report; tick “Include the named annex” to add them."}
        </p>
      </section>

      <section className="panel">
        <h2 style={{ marginTop: 0 }}>How we decided who is in scope</h2>
        <p>
          {plural(r.scopeSummary.titlesDecided, "job title")} {r.scopeSummary.titlesDecided === 1 ? "has" : "have"} a recorded decision with rationale: {CATEGORY_LABELS.senior_executive} {r.scopeSummary.byCategory.senior_executive ?? 0}, {CATEGORY_LABELS.senior_manager} {r.scopeSummary.byCategory.senior_manager ?? 0},{" "}
          {CATEGORY_LABELS.frontline} {r.scopeSummary.byCategory.frontline ?? 0}, {CATEGORY_LABELS.out_of_scope} {r.scopeSummary.byCategory.out_of_scope ?? 0}. {r.scopeSummary.personOverrides} individual decisions override a job-title decision.{" "}
          {r.scopeSummary.unmappedTitles > 0
            ? `${plural(r.scopeSummary.unmappedTitles, "job title")} held by ${plural(r.scopeSummary.peopleAwaitingDecision, "person")} still ${r.scopeSummary.unmappedTitles === 1 ? "needs" : "need"} a decision.`
            : "Every current job title has a decision."}{" "}
          {r.scopeSummary.reviewsOverdue > 0 ? `${r.scopeSummary.reviewsOverdue} decisions are past their review date.` : "No decision is past its review date."}
        </p>
      </section>

      <section className="panel conduct-page" aria-labelledby="report-conduct-title" data-testid="report-conduct">
        <h2 id="report-conduct-title" style={{ marginTop: 0 }}>
          Conduct: policies, code of conduct, supervision and training
        </h2>
        {conductSentences(r.conduct).map((sentence) => (
          <p key={sentence} className="narrative">
            {sentence}
          </p>
        ))}
        <ConductTiles summary={r.conduct} base={base} asOf={r.asOf} testId="report-conduct-figures" />
        {r.snapshot ? <p className="muted">Conduct figures are worked out from the records held now, as of the snapshot's date; the snapshot freezes the qualification figures only.</p> : null}
      </section>

      {r.annex ? (
        <section className="panel annex" aria-labelledby="annex-title">
          <h2 id="annex-title" style={{ marginTop: 0 }}>
            Annex: people in breach of the legal test, or rated red or amber against our targets
          </h2>
          <NeedsActionTable people={r.annex} />
        </section>
      ) : null}
    </article>
  );
}
