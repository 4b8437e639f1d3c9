import { plural } from "~/utils/plural";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createContext, useContext } from "react";
import { spreadsheetTimestamp } from "~/utils/spreadsheet-time";
import { displayName } from "~/utils/person-name";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireOrgPermission } from "~/utils/access.server";
import { asOfFrom, organisationPicture, todayIso } from "~/models/compliance.server";
import { baselineSnapshot, snapshotOptions } from "~/models/snapshots.server";
import { MilestoneTable } from "~/components/milestone-table";
import { NeedsActionTable } from "~/components/needs-action-table";
import { formatDateLong } from "~/compliance/dates";
import type { BreakdownRow } from "~/compliance/measures";
import { ProportionChart, RagChart, StatusBreakdownChart, TrendTable, type TrendChartPoint } from "~/components/compliance-charts";
import { BREAKDOWNS, BREAKDOWN_LABELS, CATEGORY_LABELS, JudgementTag, pct, type BreakdownKind } from "~/components/labels";
import type { Rag } from "~/compliance/types";
import { reasonForAction } from "~/compliance/needs-action";
import { peopleNeedingAction } from "~/models/people.server";
import { GettingStarted } from "~/components/getting-started";
import { gettingStartedSteps } from "~/models/getting-started.server";
import { can } from "~/utils/permissions";
import { conductSummary } from "~/models/conduct/summary.server";
import { ConductTiles } from "~/components/conduct/conduct-tiles";

const NEEDS_ACTION_LIMIT = 25;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const url = new URL(request.url);
  const asOf = asOfFrom(url.searchParams.get("asOf"));
  const worstCase = url.searchParams.get("worstCase") === "1";
  const by = (BREAKDOWNS as readonly string[]).includes(url.searchParams.get("by") ?? "") ? (url.searchParams.get("by") as BreakdownKind) : "department";
  const sinceParam = Number(url.searchParams.get("since"));
  const sinceId = Number.isInteger(sinceParam) && sinceParam > 0 ? sinceParam : null;
  const [picture, baseline, snapshots, conduct] = await Promise.all([
    organisationPicture(scope, asOf),
    baselineSnapshot(scope, sinceId),
    snapshotOptions(scope),
    conductSummary(scope, asOf),
  ]);
  const previous = baseline.snapshot;
  const { measures, milestones, actual, forecast, data } = picture;
  const staffById = data.staffById;
  const steps = await gettingStartedSteps(scope, { unmappedTitles: measures.unmappedTitles.length, staff: data.staff.length, qualificationRecords: data.records.length });

  // In breach of the legal test first, then red and amber against our targets.
  const needingAction = peopleNeedingAction(measures, NEEDS_ACTION_LIMIT);
  const w = measures.worstCase;
  const enrolmentMilestone = milestones.find((m) => m.measure === "qualified_or_enrolled") ?? null;
  const qualifiedMilestone = [...milestones].reverse().find((m) => m.measure === "qualified") ?? null;

  const enrolmentPoints: TrendChartPoint[] = [
    ...actual.map((p) => ({ date: p.date, actual: p.pctQualifiedOrEnrolled, forecast: null })),
  ];
  const qualifiedPoints: TrendChartPoint[] = [
    ...actual.map((p) => ({ date: p.date, actual: p.pctQualified, forecast: p.date === asOf ? p.pctQualified : null })),
    ...forecast.filter((p) => p.date > asOf).map((p) => ({ date: p.date, actual: null, forecast: p.pctQualified })),
  ];
  const forecastAtDeadline = qualifiedMilestone ? forecast.find((p) => p.date === qualifiedMilestone.date) ?? null : null;

  return {
    organisation: { slug: organisation.slug, name: organisation.name, homesOwned: organisation.homes_owned },
    asOf,
    isToday: asOf === todayIso(),
    by,
    gettingStarted: steps.every((s) => s.done) ? null : { steps, canAct: can(user.role, "org.import"), nothingToChart: measures.inScope === 0 },
    worstCase,
    undecided: w.undecided,
    statutory: worstCase
      ? { inScope: w.inScope, counts: w.countsByStatutory, pct: w.pctStatutory }
      : { inScope: measures.inScope, counts: measures.countsByStatutory, pct: measures.pctStatutory },
    headline: worstCase
      ? {
          inScope: w.inScope,
          inScopeByLevel: measures.inScopeByLevel,
          qualified: w.qualified,
          workingTowards: w.workingTowards,
          notEnrolled: w.notEnrolled,
          pctQualified: w.pctQualified,
          pctQualifiedOrEnrolled: w.pctQualifiedOrEnrolled,
          decisionsNeeded: measures.unmappedCount,
        }
      : {
          inScope: measures.inScope,
          inScopeByLevel: measures.inScopeByLevel,
          qualified: measures.qualified,
          workingTowards: measures.workingTowards,
          notEnrolled: measures.notEnrolled,
          pctQualified: measures.pctQualified,
          pctQualifiedOrEnrolled: measures.pctQualifiedOrEnrolled,
          decisionsNeeded: measures.unmappedCount,
        },
    snapshots: snapshots.map((s) => ({ ...s, takenAt: spreadsheetTimestamp(s.takenAt) })),
    previous: previous
      ? {
          id: previous.id,
          chosen: baseline.chosen,
          label: previous.label,
          takenAt: previous.takenAt,
          inScope: previous.measures.inScope,
          pctStatutory: previous.measures.pctStatutory ?? null,
          inBreach: previous.measures.countsByStatutory?.in_breach ?? null,
          pctQualified: previous.measures.pctQualified,
          pctQualifiedOrEnrolled: previous.measures.pctQualifiedOrEnrolled,
          notEnrolled: previous.measures.notEnrolled,
          decisionsNeeded: previous.measures.unmappedCount,
        }
      : null,
    conduct,
    milestones,
    enrolmentMilestone,
    qualifiedMilestone,
    forecastAtDeadline: forecastAtDeadline?.pctQualified ?? null,
    enrolmentPoints,
    qualifiedPoints,
    breakdown: measures.breakdowns[by].map((row: BreakdownRow) => ({ ...row, label: by === "category" ? CATEGORY_LABELS[row.key as keyof typeof CATEGORY_LABELS] ?? row.key : row.key })),
    countsByRag: measures.ragInScope,
    outsideScope: measures.outsideScope,
    unmappedTitles: measures.unmappedTitles.slice(0, 10),
    needsActionCount: needingAction.count,
    needsAction: needingAction.first.map((p) => {
      const s = staffById.get(p.staffId);
      return {
        employeeRef: p.employeeRef,
        name: displayName(s, p.employeeRef),
        jobTitle: s?.jobTitle ?? "",
        rag: p.rag,
        statutory: p.statutory,
        status: p.status,
        nextDate: p.nextDate,
        reason: reasonForAction(p),
      };
    }),
  };
}

const DeltaSince = createContext("since the previous import");

function Delta({ now, before, unit = "", goodWhenUp = true }: { now: number | null; before: number | null | undefined; unit?: string; goodWhenUp?: boolean }) {
  const since = useContext(DeltaSince);
  if (before == null || now == null) return <span className="sub">No earlier snapshot</span>;
  const change = Math.round((now - before) * 10) / 10;
  if (change === 0) return <span className="sub">No change {since}</span>;
  const good = change > 0 === goodWhenUp;
  return (
    <span className={`sub ${good ? "delta-up" : "delta-down"}`}>
      {change > 0 ? "▲ +" : "▼ "}
      {change}
      {unit} {since}
    </span>
  );
}

export default function Dashboard() {
  const d = useLoaderData<typeof loader>();
  const base = `/orgs/${d.organisation.slug}`;
  const peopleHref = (query: string) => `${base}/people?asOf=${d.asOf}&${query}`;
  const h = d.headline;
  return (
    <DeltaSince.Provider value={d.previous?.chosen ? `since “${d.previous.label}”` : "since the previous import"}>
      <div className="page-header">
        <div>
          <h1>{d.organisation.name}</h1>
          <p>
            Compliance as of {formatDateLong(d.asOf)}
            {d.isToday ? " (today)" : ""} · {d.organisation.homesOwned.toLocaleString("en-GB")} homes
          </p>
        </div>
        <Form method="get" className="form-row no-print" aria-label="Choose the as-of date">
          <input type="hidden" name="by" value={d.by} />
          {d.worstCase ? <input type="hidden" name="worstCase" value="1" /> : null}
          {d.previous?.chosen ? <input type="hidden" name="since" value={d.previous.id} /> : null}
          <div className="field" style={{ marginBottom: 0 }}>
            <label htmlFor="asOf">As of date</label>
            <input id="asOf" name="asOf" type="date" defaultValue={d.asOf} />
          </div>
          <button type="submit">Recalculate</button>
          {!d.isToday ? (
            <Link to={`${base}?by=${d.by}`} className="button secondary">
              Today
            </Link>
          ) : null}
        </Form>
      </div>

      {d.snapshots.length > 0 ? (
        <Form method="get" className="form-row no-print" aria-label="Change since">
          <input type="hidden" name="asOf" value={d.asOf} />
          <input type="hidden" name="by" value={d.by} />
          {d.worstCase ? <input type="hidden" name="worstCase" value="1" /> : null}
          <div className="field" style={{ marginBottom: 0 }}>
            <label htmlFor="since">Change since</label>
            <select id="since" name="since" defaultValue={d.previous?.chosen ? String(d.previous.id) : ""}>
              <option value="">The previous import{!d.previous?.chosen && d.previous ? ` (${d.previous.label})` : ""}</option>
              {d.snapshots.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label} · {s.takenAt}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="secondary">
            Compare
          </button>
        </Form>
      ) : null}
      {d.gettingStarted ? <GettingStarted steps={d.gettingStarted.steps} base={base} canAct={d.gettingStarted.canAct} /> : null}
      {d.gettingStarted?.nothingToChart ? null : (
        <>
      <div className="tiles-heading-row">
        <h2 className="tiles-heading">
          <JudgementTag kind="legal" /> Holds or is working towards a qualification
        </h2>
        <Form method="get" className="form-row no-print worst-case-toggle" aria-label="Worst case">
          <input type="hidden" name="asOf" value={d.asOf} />
          <input type="hidden" name="by" value={d.by} />
          {d.previous?.chosen ? <input type="hidden" name="since" value={d.previous.id} /> : null}
          {d.worstCase ? null : <input type="hidden" name="worstCase" value="1" />}
          <button type="submit" className="secondary" aria-pressed={d.worstCase}>
            {d.worstCase ? "Show the figures as decided" : "Show the worst case"}
          </button>
          <span className="muted">
            {d.worstCase
              ? `Worst case: the ${plural(d.undecided, "person")} whose job title is undecided are counted as needing a qualification and not enrolled.`
              : `The worst case counts the ${plural(d.undecided, "person")} whose job title is undecided as not enrolled.`}
          </span>
        </Form>
      </div>
      <section aria-label="The legal test" className="tiles" data-testid="statutory">
        <div className="tile" data-measure="pct-statutory">
          <div className="label">Meet the legal test{d.worstCase ? " (worst case)" : ""}</div>
          <div className="value">{pct(d.statutory.pct)}</div>
          <div className="sub">
            {d.statutory.counts.compliant + d.statutory.counts.not_yet_due} of {d.statutory.inScope} in scope
          </div>
          {d.worstCase ? null : <Delta now={d.statutory.pct} before={d.previous?.pctStatutory} unit=" pts" />}
        </div>
        <div className="tile" data-measure="compliant">
          <div className="label">Compliant</div>
          <div className="value">{d.statutory.counts.compliant}</div>
          <div className="sub">
            <Link to={peopleHref("statutory=compliant")}>Hold or working towards</Link>
          </div>
        </div>
        <div className="tile" data-measure="not-yet-due">
          <div className="label">Not yet due</div>
          <div className="value">{d.statutory.counts.not_yet_due}</div>
          <div className="sub">
            <Link to={peopleHref("statutory=not_yet_due")}>Not enrolled, before their enrol-by date</Link>
          </div>
        </div>
        <div className="tile" data-measure="in-breach">
          <div className="label">In breach</div>
          <div className="value">{d.statutory.counts.in_breach}</div>
          <div className="sub">
            <Link to={peopleHref("statutory=in_breach")}>Not enrolled after their enrol-by date</Link>
          </div>
          {d.worstCase ? null : <Delta now={d.statutory.counts.in_breach} before={d.previous?.inBreach} goodWhenUp={false} />}
        </div>
      </section>

      <h2 className="tiles-heading">
        <JudgementTag kind="target" /> Against our internal targets (not the legal test)
      </h2>
      <section aria-label="Headline measures" className="tiles" data-testid="headline">
        <div className="tile" data-measure="in-scope">
          <div className="label">People in scope{d.worstCase ? " (worst case)" : ""}</div>
          <div className="value">{h.inScope}</div>
          <div className="sub">
            Level 5: {h.inScopeByLevel[5]} · Level 4: {h.inScopeByLevel[4]}
          </div>
          <Delta now={h.inScope} before={d.previous?.inScope} goodWhenUp />
        </div>
        <div className="tile" data-measure="pct-qualified">
          <div className="label">Qualified</div>
          <div className="value">{pct(h.pctQualified)}</div>
          <div className="sub">
            <Link to={peopleHref("status=qualified")}>{plural(h.qualified, "person")}</Link>
          </div>
          <Delta now={h.pctQualified} before={d.previous?.pctQualified} unit=" pts" />
        </div>
        <div className="tile" data-measure="pct-qualified-or-enrolled">
          <div className="label">Qualified or enrolled</div>
          <div className="value">{pct(h.pctQualifiedOrEnrolled)}</div>
          <div className="sub">
            <Link to={peopleHref("status=working_towards")}>{h.workingTowards} working towards</Link>
          </div>
          <Delta now={h.pctQualifiedOrEnrolled} before={d.previous?.pctQualifiedOrEnrolled} unit=" pts" />
        </div>
        <div className="tile" data-measure="not-enrolled">
          <div className="label">Not enrolled</div>
          <div className="value">{h.notEnrolled}</div>
          <div className="sub">
            <Link to={peopleHref("status=not_enrolled")}>See who</Link>
          </div>
          <Delta now={h.notEnrolled} before={d.previous?.notEnrolled} goodWhenUp={false} />
        </div>
        <div className="tile" data-measure="decisions-needed">
          <div className="label">Decisions needed</div>
          <div className="value">{h.decisionsNeeded}</div>
          <div className="sub">
            <Link to={`${base}/roles`}>People whose job title is unmapped</Link>
          </div>
          <Delta now={h.decisionsNeeded} before={d.previous?.decisionsNeeded} goodWhenUp={false} />
        </div>
      </section>

      <MilestoneTable milestones={d.milestones} id="milestones-title" />

      <div className="grid-2">
        <section className="panel">
          <ProportionChart
            id="enrolment-chart"
            title={`Enrolment proportion over time against the ${d.enrolmentMilestone?.name ?? "enrolment milestone"} (${pct(d.enrolmentMilestone?.targetPct ?? null)} target)`}
            summary={`Share of in-scope people qualified or enrolled at each month end. Now ${pct(h.pctQualifiedOrEnrolled)}.`}
            points={d.enrolmentPoints}
            target={{ pct: d.enrolmentMilestone?.targetPct ?? 50, date: d.enrolmentMilestone?.date ?? d.asOf, label: "Milestone target" }}
            yLabel="% qualified or enrolled"
          >
            <TrendTable caption="Enrolment proportion by month" points={d.enrolmentPoints} measureLabel="% qualified or enrolled" />
          </ProportionChart>
        </section>
        <section className="panel">
          <ProportionChart
            id="qualified-chart"
            title={`% qualified: actual and forecast to the ${d.qualifiedMilestone?.name ?? "qualified deadline"} (${pct(d.qualifiedMilestone?.targetPct ?? null)} target)`}
            summary={`Forecast counts each current learner as qualified at their expected completion. Forecast at ${d.qualifiedMilestone ? formatDateLong(d.qualifiedMilestone.date) : "the deadline"}: ${pct(d.forecastAtDeadline)}.`}
            points={d.qualifiedPoints}
            target={{ pct: d.qualifiedMilestone?.targetPct ?? 100, date: d.qualifiedMilestone?.date ?? d.asOf, label: "Deadline target" }}
            yLabel="% qualified"
          >
            <TrendTable caption="% qualified by month, actual and forecast" points={d.qualifiedPoints} measureLabel="% qualified" />
          </ProportionChart>
        </section>
      </div>

      <div className="grid-2">
        <section className="panel">
          <nav className="switcher no-print" aria-label="Break down by">
            <span>Break down by:</span>
            {BREAKDOWNS.map((b) => (
              <Link key={b} to={`${base}?asOf=${d.asOf}&by=${b}`} aria-current={b === d.by ? "true" : undefined} preventScrollReset>
                {BREAKDOWN_LABELS[b]}
              </Link>
            ))}
          </nav>
          <StatusBreakdownChart
            id="status-chart"
            title={`Status by ${BREAKDOWN_LABELS[d.by].toLowerCase()} (people in scope)`}
            axisLabel={BREAKDOWN_LABELS[d.by]}
            rows={d.breakdown.map((r) => ({ key: r.label, qualified: r.qualified, workingTowards: r.workingTowards, notEnrolled: r.notEnrolled, href: peopleHref(`${d.by}=${encodeURIComponent(r.key)}`) }))}
          />
          <details className="chart-table">
            <summary>Show the figures as a table</summary>
            <table>
              <thead>
                <tr>
                  <th>{BREAKDOWN_LABELS[d.by]}</th>
                  <th className="num">In scope</th>
                  <th className="num">Meet the legal test</th>
                  <th className="num">In breach</th>
                  <th className="num">Qualified</th>
                  <th className="num">Working towards</th>
                  <th className="num">Not enrolled</th>
                  <th className="num">% qualified or enrolled (target)</th>
                </tr>
              </thead>
              <tbody>
                {d.breakdown.map((r) => (
                  <tr key={r.key}>
                    <td>
                      <Link to={peopleHref(`${d.by}=${encodeURIComponent(r.key)}`)}>{r.label}</Link>
                    </td>
                    <td className="num">{r.n}</td>
                    <td className="num">{pct(r.pctStatutory)}</td>
                    <td className="num">{r.countsByStatutory.in_breach}</td>
                    <td className="num">{r.qualified}</td>
                    <td className="num">{r.workingTowards}</td>
                    <td className="num">{r.notEnrolled}</td>
                    <td className="num">{pct(r.pctQualifiedOrEnrolled)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </section>
        <section className="panel">
          <RagChart
            id="rag-chart"
            title="RAG ratings of the people in scope, against our internal targets"
            counts={d.countsByRag}
            outside={[
              { label: "with a job title still to decide", n: d.outsideScope.decisionNeeded, href: peopleHref("status=decision_needed") },
              { label: "not required to qualify", n: d.outsideScope.notRequired, href: peopleHref("status=not_required") },
              { label: "left or not yet started", n: d.outsideScope.leftOrNotStarted },
            ]}
            hrefFor={(rag: Rag) => peopleHref(`rag=${rag}`)}
          />
        </section>
      </div>

      <section className="panel" aria-labelledby="needs-action-title">
        <h2 id="needs-action-title" style={{ marginTop: 0 }}>
          Needs action ({d.needsActionCount})
        </h2>
        {d.needsAction.length === 0 ? (
          <p>Nobody is in breach, red or amber on this date.</p>
        ) : (
          <div className="table-wrap">
            <NeedsActionTable people={d.needsAction} personHref={(ref) => `${base}/people/${encodeURIComponent(ref)}`} showDate />
          </div>
        )}
        {d.needsActionCount > d.needsAction.length ? (
          <p>
            <Link to={peopleHref("statutory=in_breach")}>All in breach</Link> · <Link to={peopleHref("rag=red")}>All red</Link> · <Link to={peopleHref("rag=amber")}>All amber</Link>
          </p>
        ) : null}
      </section>
        </>
      )}
      <ConductTiles summary={d.conduct} base={base} asOf={d.isToday ? null : d.asOf} />
    </DeltaSince.Provider>
  );
}
