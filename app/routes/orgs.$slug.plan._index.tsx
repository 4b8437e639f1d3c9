import { plural, pluralNoun } from "~/utils/plural";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireOrgPermission } from "~/utils/access.server";
import { can } from "~/utils/permissions";
import { asOfFrom } from "~/models/compliance.server";
import { acceptPlan, listPlanRuns, undoPlanRun } from "~/models/workforce-plan/accepting.server";
import { buildWorkforcePlan } from "~/models/workforce-plan/building.server";
import { pinPerson, unpinPerson } from "~/models/workforce-plan/pins.server";
import { planOverview, planRows, type PlanRow } from "~/models/workforce-plan/shaping.server";
import { formatDateLong } from "~/compliance/dates";
import { formValues, parseForm, refuse, refused, respond } from "~/utils/respond.server";
import { textForm, textId } from "~/utils/text-form";
import { formWideError } from "~/utils/form-refusal";
import { PlanProjectionChart } from "~/planning/projection-chart";
import { CostTable, IntakeUsageTable, PlanMilestoneTable } from "~/planning/plan-tables";
import { formatPounds } from "~/planning/summary";
import { RagBadge, pct } from "~/components/labels";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Workforce development plan · Competence & Conduct" }];

const PAGE_SIZE = 50;
const SHOWS = ["all", "planned", "top_up", "pinned", "unplanned"] as const;
type Show = (typeof SHOWS)[number];
const SHOW_LABELS: Record<Show, string> = { all: "Everyone", planned: "Whole qualification", top_up: "Top-ups", pinned: "Pinned", unplanned: "Cannot meet their dates" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const url = new URL(request.url);
  const asOf = asOfFrom(url.searchParams.get("asOf"));
  const showParam = url.searchParams.get("show") ?? "all";
  const show: Show = (SHOWS as readonly string[]).includes(showParam) ? (showParam as Show) : "all";
  const [plan, runs] = await Promise.all([buildWorkforcePlan(scope, asOf), listPlanRuns(scope)]);
  const rows = planRows(plan);
  const overview = planOverview(plan, rows);
  const filtered = rows.filter((r) =>
    show === "all" ? true : show === "pinned" ? r.pinned : show === "unplanned" ? r.state === "unplanned" || !r.meetsDeadline : r.state === show,
  );
  const pageCount = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
  const pageParam = Number(url.searchParams.get("page") ?? "1");
  const page = Number.isInteger(pageParam) && pageParam >= 1 ? Math.min(pageParam, pageCount) : 1;
  const counts: Record<Show, number> = {
    all: rows.length,
    planned: rows.filter((r) => r.state === "planned").length,
    top_up: rows.filter((r) => r.state === "top_up").length,
    pinned: rows.filter((r) => r.pinned).length,
    unplanned: overview.totals.cannotMeet,
  };
  const pinnable = plan.intakes
    .filter((i) => i.startDate >= asOf)
    .map((i) => {
      const q = plan.qualificationsById.get(i.qualificationId);
      return {
        id: i.id,
        level: i.level,
        recognised: q?.recognised ?? false,
        pathways: q?.rulesOfCombination?.pathways.map((p) => p.name) ?? [],
        label: `${i.qualificationTitle} · ${i.provider} · ${formatDateLong(i.startDate)} (ends ${formatDateLong(i.expectedCompletion)})`,
      };
    });
  const pathwayNames = [...new Set(pinnable.flatMap((i) => i.pathways))];
  const isToday = asOf === scope.today;
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    asOf,
    isToday,
    show,
    counts,
    page,
    pageCount,
    rows: filtered.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    // The people who cannot meet their dates are in `rows` (show=unplanned); only the board paper lists them all.
    overview: { ...overview, cannotMeet: [] as PlanRow[] },
    kept: plan.kept.slice(0, 200),
    keptCount: plan.kept.length,
    auditedPeople: plan.auditedPeople,
    pinnable,
    pathwayNames,
    fingerprint: plan.fingerprint,
    runs,
    canEdit: can(user.role, "org.records"),
    canExport: can(user.role, "org.export"),
  };
}

// ---------------------------------------------------------------------------------------------
// Actions: pin, unpin, accept, undo (hr, consultant and admin: org.records)

const pinSchema = textForm({
  staffId: textId("Choose a person"),
  intakeId: textId("Choose an intake"),
  pathway: z
    .string()
    .trim()
    .max(100, "Choose one of the pathways")
    .transform((v) => (v === "" ? null : v)),
});
const unpinSchema = textForm({ staffId: textId("Choose a person") });
const acceptSchema = textForm({ fingerprint: z.string().regex(/^[0-9a-f]{20}$/) });
const undoSchema = textForm({ runId: textId("Choose a plan") });

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireOrgPermission(request, params.slug, "org.records");
  const form = await request.formData();
  const values = formValues(form);
  const intent = values.intent ?? "";
  const done = (notice: string) => ({ ok: true as const, intent, notice });
  /** A refusal of the whole page's form (accept, undo), not of one person's row. */
  const pageForm = { values, context: { intent, staffId: null as string | null } };

  if (intent === "pin") {
    const row = { values, context: { intent, staffId: (values.staffId ?? "") as string | null } };
    const parsed = parseForm(form, pinSchema);
    if (!parsed.ok) return refused(parsed, row);
    return respond(await pinPerson(scope, parsed.value), done, row);
  }

  if (intent === "unpin") {
    const row = { values, context: { intent, staffId: (values.staffId ?? "") as string | null } };
    const parsed = parseForm(form, unpinSchema);
    if (!parsed.ok) return refuse({ form: "Choose a person" }, row);
    return respond(await unpinPerson(scope, parsed.value), done, row);
  }

  if (intent === "accept") {
    const parsed = parseForm(form, acceptSchema);
    if (!parsed.ok) return refuse({ form: "Reload the plan and accept it again." }, pageForm);
    return respond(await acceptPlan(scope, { asOf: scope.today, fingerprint: parsed.value.fingerprint }), (accepted) => done(accepted.message), pageForm);
  }

  if (intent === "undo") {
    const parsed = parseForm(form, undoSchema);
    if (!parsed.ok) return refuse({ form: "Choose an accepted plan to undo." }, pageForm);
    return respond(await undoPlanRun(scope, parsed.value), (undone) => done(undone.message), pageForm);
  }

  throw new Response("Unknown action", { status: 400 });
}

// ---------------------------------------------------------------------------------------------
// Page

function StateText({ row }: { row: PlanRow }) {
  if (row.state === "unplanned") return <strong className="plan-state plan-state-unplanned">Cannot meet their dates</strong>;
  return (
    <span className={`plan-state plan-state-${row.state}`}>
      {row.state === "top_up" ? "Top-up" : "Whole qualification"}
      {row.pinned ? " · pinned" : ""}
      {!row.meetsDeadline ? " · finishes late" : ""}
    </span>
  );
}

export default function WorkforcePlanPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const base = `/orgs/${d.organisation.slug}`;
  const o = d.overview;
  const notice = actionData && actionData.ok ? actionData.notice : null;
  const failed = actionData && !actionData.ok ? actionData : null;
  const formError = failed && !failed.staffId ? formWideError(failed) : null;
  /** A person row's refusal without a field to sit beside (a conflict, or "Choose a person"). */
  const rowFormError = formWideError(failed);
  const query = (extra: Record<string, string | number>) => {
    const p = new URLSearchParams();
    if (!d.isToday) p.set("asOf", d.asOf);
    if (d.show !== "all") p.set("show", d.show);
    for (const [k, v] of Object.entries(extra)) p.set(k, String(v));
    return `?${p.toString()}`;
  };
  const exportQuery = d.isToday ? "" : `?asOf=${d.asOf}`;
  const nextMilestone = o.milestones.find((m) => m.upcoming) ?? null;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Workforce development plan</h1>
          <p>
            Who enrols on what, when and at what cost to meet the milestones · {d.organisation.name} · as of {formatDateLong(d.asOf)}
            {d.isToday ? " (today)" : ""}
          </p>
        </div>
        <Form method="get" className="form-row no-print" aria-label="Re-run the planner">
          {d.show !== "all" ? <input type="hidden" name="show" value={d.show} /> : null}
          <div className="field" style={{ marginBottom: 0 }}>
            <label htmlFor="asOf">As of date</label>
            <input id="asOf" name="asOf" type="date" defaultValue={d.asOf} />
          </div>
          <button type="submit" data-testid="replan">
            Re-run the planner
          </button>
        </Form>
      </div>

      <nav className="switcher no-print" aria-label="Plan pages">
        <Link to={`${base}/plan/intakes`}>Intakes ({o.intakes.length})</Link>
        {d.canExport ? <a href={`${base}/plan.csv${exportQuery}`}>Download the plan (CSV)</a> : null}
        <Link to={`${base}/plan/board${exportQuery}`}>Board paper</Link>
        {d.canExport ? <a href={`${base}/plan/board.pdf${exportQuery}`}>Board paper (PDF)</a> : null}
      </nav>

      {notice ? (
        <p className="notice success" role="status">
          {notice}
        </p>
      ) : null}
      {formError ? (
        <p className="notice error" role="alert">
          {formError}
        </p>
      ) : null}

      <section aria-label="Plan in figures" className="tiles" data-testid="plan-headline">
        <div className="tile" data-measure="to-plan">
          <div className="label">People to plan</div>
          <div className="value">{o.totals.people}</div>
          <div className="sub">required to qualify, not qualified or enrolled</div>
        </div>
        <div className="tile" data-measure="placed">
          <div className="label">Placed on an intake</div>
          <div className="value">{o.totals.planned}</div>
          <div className="sub">
            {o.totals.topUps} top-ups · {o.totals.pinned} pinned
          </div>
        </div>
        <div className="tile" data-measure="cannot-meet">
          <div className="label">Cannot meet their dates</div>
          <div className="value">{o.totals.cannotMeet}</div>
          <div className="sub">
            <Link to={`?show=unplanned${d.isToday ? "" : `&asOf=${d.asOf}`}#people`}>See who and why</Link>
          </div>
        </div>
        <div className="tile" data-measure="cost">
          <div className="label">Cost of the plan</div>
          <div className="value">{formatPounds(o.totals.costPence)}</div>
          <div className="sub">places at the intakes' prices; top-ups pro rata</div>
        </div>
        <div className="tile" data-measure="kept">
          <div className="label">Already working towards</div>
          <div className="value">{o.totals.kept}</div>
          <div className="sub">{o.totals.booked} booked onto a later start</div>
        </div>
      </section>

      <section className="panel" aria-labelledby="projection-title">
        <h2 id="projection-title" style={{ marginTop: 0 }}>
          What the plan does to the milestones
        </h2>
        <div className="table-wrap">
          <PlanMilestoneTable milestones={o.milestones} testId="plan-milestones" />
        </div>
        <PlanProjectionChart
          id="plan-projection"
          title="Projected % qualified and % qualified or enrolled by month, with and without the plan"
          summary={
            nextMilestone
              ? `${nextMilestone.name} (${formatDateLong(nextMilestone.date)}, ${pct(nextMilestone.targetPct)} target): ${pct(nextMilestone.withoutPlanPct)} without the plan, ${pct(nextMilestone.withPlanPct)} with it. Dashed lines: today's forecast without the plan.`
              : "Every milestone has passed. Dashed lines: today's forecast without the plan."
          }
          points={o.points}
          milestones={o.milestones}
        >
          <details className="chart-table">
            <summary>Show the figures as a table</summary>
            <table data-testid="projection-table">
              <caption className="visually-hidden">Projected measures by month, with and without the plan</caption>
              <thead>
                <tr>
                  <th>Date</th>
                  <th className="num">% qualified without the plan</th>
                  <th className="num">% qualified with the plan</th>
                  <th className="num">% qualified or enrolled without the plan</th>
                  <th className="num">% qualified or enrolled with the plan</th>
                </tr>
              </thead>
              <tbody>
                {o.points.map((p) => (
                  <tr key={p.date} data-date={p.date}>
                    <td>{formatDateLong(p.date)}</td>
                    <td className="num">{pct(p.qualifiedWithoutPlan)}</td>
                    <td className="num" data-with-plan="qualified">
                      {pct(p.qualifiedWithPlan)}
                    </td>
                    <td className="num">{pct(p.engagedWithoutPlan)}</td>
                    <td className="num" data-with-plan="engaged">
                      {pct(p.engagedWithPlan)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </PlanProjectionChart>
      </section>

      <div className="grid-2">
        <section className="panel" aria-labelledby="quarter-title">
          <h2 id="quarter-title" style={{ marginTop: 0 }}>
            Cost by quarter
          </h2>
          <p className="muted">By the quarter each intake starts (places are paid for on enrolment).</p>
          <CostTable rows={o.costByQuarter.map((q) => ({ key: q.key, label: q.label, learners: q.learners, costPence: q.costPence }))} first="Quarter" total={o.totals.costPence} />
        </section>
        <section className="panel" aria-labelledby="provider-title">
          <h2 id="provider-title" style={{ marginTop: 0 }}>
            Cost by provider
          </h2>
          <p className="muted">Top-ups are charged pro rata by the credits still to pass.</p>
          <CostTable rows={o.costByProvider.map((p) => ({ key: p.provider, label: p.provider, learners: p.learners, costPence: p.costPence, extra: p.topUps ? `${p.topUps} top-up${p.topUps === 1 ? "" : "s"}` : undefined }))} first="Provider" total={o.totals.costPence} />
        </section>
      </div>

      <section className="panel" aria-labelledby="intakes-title">
        <h2 id="intakes-title" style={{ marginTop: 0 }}>
          Learners per intake
        </h2>
        <IntakeUsageTable intakes={o.intakes} />
        <p className="no-print">
          <Link to={`${base}/plan/intakes`}>{d.canEdit ? "Add, change or remove intakes" : "See the intakes"}</Link>
        </p>
      </section>

      <section className="panel" aria-labelledby="people-title" id="people">
        <h2 id="people-title" style={{ marginTop: 0 }}>
          The plan, person by person
        </h2>
        <p className="muted">
          Each person is placed on the earliest intake that lets them finish by their qualify-by date, least slack first, within the places available. Pin someone to choose their intake yourself; the
          planner works around pins.{d.auditedPeople > 0 ? ` Skills audit gaps were used for ${d.auditedPeople} people's pathway suggestions.` : ""}
        </p>
        <nav className="switcher no-print" aria-label="Show">
          {SHOWS.map((s) => (
            <Link key={s} to={`?${new URLSearchParams({ ...(d.isToday ? {} : { asOf: d.asOf }), ...(s === "all" ? {} : { show: s }) }).toString()}#people`} aria-current={s === d.show ? "true" : undefined} preventScrollReset>
              {SHOW_LABELS[s]} ({d.counts[s]})
            </Link>
          ))}
        </nav>
        {d.rows.length === 0 ? (
          <p>Nobody to show.</p>
        ) : (
          <div className="table-wrap">
            <table className="plan-table" data-testid="plan-table">
              <thead>
                <tr>
                  <th>Person</th>
                  <th>Dates</th>
                  <th>Recommended</th>
                  <th>Intake</th>
                  <th className="num">Cost</th>
                  <th>Plan</th>
                  {d.canEdit ? <th className="no-print">Change</th> : null}
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => {
                  const rowErrors = failed && failed.staffId === String(r.staffId) ? failed.errors : null;
                  const choices = d.pinnable.filter((i) => i.recognised && i.level >= r.requiredLevel);
                  return (
                    <tr key={r.staffId} data-staff-id={r.staffId} data-state={r.state} data-pinned={r.pinned ? "1" : "0"} data-intake-id={r.intakeId ?? ""}>
                      <td>
                        <Link to={`${base}/people/${encodeURIComponent(r.employeeRef)}`}>{r.name}</Link>
                        <div className="muted">
                          {r.employeeRef} · {r.jobTitle}
                          {r.department ? ` · ${r.department}` : ""}
                        </div>
                        <div>
                          Level {r.requiredLevel} · <RagBadge rag={r.rag} />
                        </div>
                      </td>
                      <td className="plan-dates">
                        <div>
                          Latest start <span className="nowrap">{formatDateLong(r.latestStart)}</span>
                        </div>
                        <div>
                          Qualify by <span className="nowrap">{formatDateLong(r.qualifyBy)}</span>
                        </div>
                      </td>
                      <td>
                        {r.qualificationTitle ?? "–"}
                        {r.pathway ? <div>Pathway: {r.pathway}</div> : null}
                        {r.topUpSummary ? (
                          <div className="muted">
                            Top-up: {r.creditsStillNeeded} of {r.creditsNeeded} {pluralNoun(r.creditsNeeded ?? 0, "credit")} to pass. {r.topUpSummary}
                          </div>
                        ) : null}
                        {r.recommendation && (r.pathway || r.state !== "planned") ? <div className="muted plan-reason">{r.recommendation}</div> : null}
                      </td>
                      <td>
                        {r.start ? (
                          <>
                            <div>{r.provider}</div>
                            <div>
                              <span className="nowrap">{formatDateLong(r.start)}</span> → <span className="nowrap">{formatDateLong(r.expectedCompletion!)}</span>
                            </div>
                          </>
                        ) : (
                          "–"
                        )}
                      </td>
                      <td className="num">{r.costPence != null ? formatPounds(r.costPence) : "–"}</td>
                      <td>
                        <StateText row={r} />
                        {r.notes.map((n) => (
                          <div key={n} className={r.state === "unplanned" || !r.meetsDeadline ? "plan-reason overdue" : "plan-reason"}>
                            {n}
                          </div>
                        ))}
                      </td>
                      {d.canEdit ? (
                        <td className="no-print">
                          <details className="pin-details" open={rowErrors != null}>
                            <summary data-testid={`pin-open-${r.staffId}`}>{r.pinned ? "Change pin" : "Pin to an intake"}</summary>
                          <Form method="post" className="pin-form" preventScrollReset>
                            <input type="hidden" name="intent" value="pin" />
                            <input type="hidden" name="staffId" value={r.staffId} />
                            <div className="field">
                              <label htmlFor={`intake-${r.staffId}`}>Intake</label>
                              <select id={`intake-${r.staffId}`} name="intakeId" defaultValue={rowErrors ? (failed?.values.intakeId ?? "") : String(r.intakeId ?? "")} data-testid={`pin-intake-${r.staffId}`}>
                                <option value="">Choose an intake</option>
                                {choices.map((i) => (
                                  <option key={i.id} value={i.id}>
                                    {i.label}
                                  </option>
                                ))}
                              </select>
                              {rowErrors?.intakeId ? <span className="field-error">{rowErrors.intakeId}</span> : null}
                            </div>
                            {d.pathwayNames.length > 0 && choices.some((i) => i.pathways.length > 0) ? (
                              <div className="field">
                                <label htmlFor={`pathway-${r.staffId}`}>Pathway (maintenance certificate)</label>
                                <select id={`pathway-${r.staffId}`} name="pathway" defaultValue="">
                                  <option value="">As suggested</option>
                                  {d.pathwayNames.map((p) => (
                                    <option key={p} value={p}>
                                      {p}
                                    </option>
                                  ))}
                                </select>
                                {rowErrors?.pathway ? <span className="field-error">{rowErrors.pathway}</span> : null}
                              </div>
                            ) : null}
                            {rowErrors && rowFormError ? <span className="field-error">{rowFormError}</span> : null}
                            <button type="submit" className="small" disabled={busy}>
                              {r.pinned ? "Change pin" : "Pin"}
                            </button>
                          </Form>
                          </details>
                          {r.pinned ? (
                            <Form method="post" className="pin-form" preventScrollReset>
                              <input type="hidden" name="intent" value="unpin" />
                              <input type="hidden" name="staffId" value={r.staffId} />
                              <button type="submit" className="small secondary" disabled={busy}>
                                Unpin
                              </button>
                            </Form>
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {d.pageCount > 1 ? (
          <nav className="pagination no-print" aria-label="Pages">
            {d.page > 1 ? (
              <Link to={`${query({ page: d.page - 1 })}#people`} rel="prev">
                ← Previous
              </Link>
            ) : (
              <span className="muted">← Previous</span>
            )}
            <span>
              Page {d.page} of {d.pageCount}
            </span>
            {d.page < d.pageCount ? (
              <Link to={`${query({ page: d.page + 1 })}#people`} rel="next">
                Next →
              </Link>
            ) : (
              <span className="muted">Next →</span>
            )}
          </nav>
        ) : null}
        {o.ignoredPins.length > 0 ? (
          <details>
            <summary>{o.ignoredPins.length} pins not used</summary>
            <ul>
              {o.ignoredPins.map((p) => (
                <li key={p.employeeRef}>
                  {p.name} ({p.employeeRef}): {p.reason}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="kept-title">
        <h2 id="kept-title" style={{ marginTop: 0 }}>
          Already working towards a qualification ({d.keptCount})
        </h2>
        <p className="muted">These people keep the course they are on (or booked onto) and are not re-planned.</p>
        {d.kept.length > 0 ? (
          <details>
            <summary>Show them</summary>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>Person</th>
                    <th>Qualification</th>
                    <th>Provider</th>
                    <th>Enrolled</th>
                    <th>Expected</th>
                    <th>Qualify by</th>
                    <th>In time?</th>
                  </tr>
                </thead>
                <tbody>
                  {d.kept.map((k) => (
                    <tr key={k.staffId}>
                      <td>
                        <Link to={`${base}/people/${encodeURIComponent(k.employeeRef)}`}>{k.name}</Link>
                        <div className="muted">
                          {k.employeeRef} · {k.jobTitle}
                        </div>
                      </td>
                      <td>
                        {k.qualificationTitle}
                        {k.booked ? <div className="muted">Booked: starts {k.enrolledOn ? formatDateLong(k.enrolledOn) : "later"}</div> : null}
                      </td>
                      <td>{k.provider ?? "–"}</td>
                      <td>{k.enrolledOn ? formatDateLong(k.enrolledOn) : "–"}</td>
                      <td>{k.expectedCompletion ? formatDateLong(k.expectedCompletion) : "Not recorded"}</td>
                      <td>{formatDateLong(k.qualifyBy)}</td>
                      <td>{k.finishesInTime ? "Yes" : <span className="overdue">No</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {d.keptCount > d.kept.length ? <p className="muted">The first {d.kept.length} are shown; the CSV has everyone.</p> : null}
          </details>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="accept-title">
        <h2 id="accept-title" style={{ marginTop: 0 }}>
          Accept the plan
        </h2>
        <p>
          Accepting creates an <strong>enrolled</strong> qualification record for each of the {plural(o.totals.planned, "person")} placed on an intake (enrolled on the intake's start, expected to finish when the course
          ends, with the intake's provider and pathway), in one step that is recorded in the audit trail and can be undone while the records are unchanged.
        </p>
        {d.canEdit ? (
          d.isToday ? (
            <Form method="post" className="no-print">
              <input type="hidden" name="intent" value="accept" />
              <input type="hidden" name="fingerprint" value={d.fingerprint} />
              <button type="submit" disabled={busy || o.totals.planned === 0} data-testid="accept-plan">
                Accept the plan: create {plural(o.totals.planned, "enrolment")} ({formatPounds(o.totals.costPence)})
              </button>
            </Form>
          ) : (
            <p className="notice info">A plan can only be accepted as of today. <Link to={`${base}/plan`}>Show today's plan</Link>.</p>
          )
        ) : (
          <p className="muted">Only HR, consultants and administrators can pin people, change intakes and accept the plan.</p>
        )}
        {d.runs.length > 0 ? (
          <div className="table-wrap">
            <table data-testid="plan-runs">
              <caption className="table-caption">Accepted plans</caption>
              <thead>
                <tr>
                  <th>Accepted</th>
                  <th>By</th>
                  <th className="num">Enrolments</th>
                  <th className="num">Cost</th>
                  <th>Status</th>
                  {d.canEdit ? <th className="no-print">Undo</th> : null}
                </tr>
              </thead>
              <tbody>
                {d.runs.map((run) => (
                  <tr key={run.id}>
                    <td>{formatDateLong(run.acceptedAt.slice(0, 10))}</td>
                    <td>{run.actor}</td>
                    <td className="num">{run.people}</td>
                    <td className="num">{formatPounds(run.costPence)}</td>
                    <td>{run.status === "undone" ? `Undone ${run.undoneAt ? formatDateLong(run.undoneAt.slice(0, 10)) : ""} by ${run.undoneBy ?? "someone"}` : "Accepted"}</td>
                    {d.canEdit ? (
                      <td className="no-print">
                        {run.status === "accepted" ? (
                          <Form method="post">
                            <input type="hidden" name="intent" value="undo" />
                            <input type="hidden" name="runId" value={run.id} />
                            <button type="submit" className="small danger" disabled={busy}>
                              Undo: delete these {plural(run.people, "record")}
                            </button>
                          </Form>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
