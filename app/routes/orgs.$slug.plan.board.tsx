import { plural } from "~/utils/plural";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireOrgPermission } from "~/utils/access.server";
import { can } from "~/utils/permissions";
import { asOfFrom } from "~/models/compliance.server";
import { buildWorkforcePlan } from "~/models/workforce-plan/building.server";
import { planOverview, type PlanOverview } from "~/models/workforce-plan/shaping.server";
import { formatDateLong } from "~/compliance/dates";
import { PlanProjectionChart } from "~/planning/projection-chart";
import { CostTable, IntakeUsageTable, PlanMilestoneTable } from "~/planning/plan-tables";
import { formatPounds } from "~/planning/summary";
import { pct } from "~/components/labels";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Workforce development plan: board paper · Competence & Conduct" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const asOf = asOfFrom(new URL(request.url).searchParams.get("asOf"));
  const plan = await buildWorkforcePlan(scope, asOf);
  const overview = planOverview(plan);
  const m = plan.picture.measures;
  const legal = { inScope: m.inScope, counts: m.countsByStatutory, pct: m.pctStatutory };
  return {
    organisation: { slug: organisation.slug, name: organisation.name, homesOwned: organisation.homes_owned },
    asOf,
    overview: { ...overview, cannotMeet: overview.cannotMeet.map((r) => ({ staffId: r.staffId, jobTitle: r.jobTitle, department: r.department, requiredLevel: r.requiredLevel, qualifyBy: r.qualifyBy, reason: r.notes.join("; ") })) },
    legal,
    narrative: narrative(overview, asOf, legal),
    keptCount: plan.kept.length,
    canExport: can(user.role, "org.export"),
  };
}

function narrative(o: PlanOverview, asOf: string, legal: { inScope: number; counts: { compliant: number; not_yet_due: number; in_breach: number } }): string[] {
  const t = o.totals;
  const sentences: string[] = [];
  // The legal test first; the plan works towards the internal targets.
  const meeting = legal.counts.compliant + legal.counts.not_yet_due;
  sentences.push(
    `On ${formatDateLong(asOf)}, ${meeting} of ${plural(legal.inScope, "person")} in scope meet the legal test (hold or are working towards a qualification, or are not yet due); ${legal.counts.in_breach === 0 ? "nobody is" : `${plural(legal.counts.in_breach, "is", "are")}`} in breach. The milestones below are internal targets unless marked as the legal test.`,
  );
  sentences.push(
    `${plural(t.people, "person")} must still qualify and ${t.people === 1 ? "is" : "are"} neither qualified nor enrolled; ${t.kept} more are already working towards a qualification and keep their course.`,
  );
  if (t.planned > 0) {
    const first = o.costByQuarter[0];
    const last = o.costByQuarter[o.costByQuarter.length - 1];
    sentences.push(
      `The plan places ${t.planned} of them on course intakes (${t.topUps} as top-ups that build on units already passed) at a cost of ${formatPounds(t.costPence)}, spent between ${first.label} and ${last.label}.`,
    );
  } else {
    sentences.push("The plan places nobody on an intake: add intakes to plan against.");
  }
  for (const m of o.milestones.filter((x) => x.upcoming)) {
    sentences.push(
      `${m.name} (${m.measure === "statutory" ? "the legal test" : "internal target"}, ${formatDateLong(m.date)}, target ${pct(m.targetPct)} ${m.measure === "qualified" ? "qualified" : m.measure === "statutory" ? "meeting the legal test" : "qualified or enrolled"}): ${pct(m.withPlanPct)} with the plan, against ${pct(m.withoutPlanPct)} if nothing more is done${m.metWithPlan ? " (on course)" : " (short of the target)"}.`,
    );
  }
  if (t.cannotMeet > 0) {
    sentences.push(`${plural(t.cannotMeet, "person cannot", "people cannot")} meet their dates even with the plan; the reasons are listed below.`);
  }
  if (t.planned > 0) sentences.push(`The board is asked to approve the plan and its cost of ${formatPounds(t.costPence)}.`);
  return sentences;
}

export default function PlanBoardPaper() {
  const d = useLoaderData<typeof loader>();
  const o = d.overview;
  const base = `/orgs/${d.organisation.slug}`;
  return (
    <article className="report plan-board" data-testid="plan-board">
      <div className="no-print panel">
        <Form method="get" className="form-row" style={{ marginBottom: 0 }}>
          <div className="field" style={{ marginBottom: 0 }}>
            <label htmlFor="asOf">As of date</label>
            <input id="asOf" type="date" name="asOf" defaultValue={d.asOf} />
          </div>
          <button type="submit">Show the paper</button>
          {d.canExport ? (
            <a className="button secondary" href={`${base}/plan/board.pdf?asOf=${d.asOf}`}>
              Download PDF
            </a>
          ) : null}
          <Link className="button secondary" to={`${base}/plan`}>
            Back to the plan
          </Link>
        </Form>
      </div>

      <header className="report-header">
        <h1>{d.organisation.name}: workforce development plan</h1>
        <p>
          Board paper · Competence &amp; Conduct Standard · as of <strong>{formatDateLong(d.asOf)}</strong> · {d.organisation.homesOwned.toLocaleString("en-GB")} homes
        </p>
      </header>

      <section className="panel" aria-labelledby="board-summary">
        <h2 id="board-summary" style={{ marginTop: 0 }}>
          Summary
        </h2>
        {d.narrative.map((s) => (
          <p key={s} className="narrative">
            {s}
          </p>
        ))}
      </section>

      <section className="tiles" aria-label="The legal test" data-testid="board-statutory">
        <div className="tile">
          <div className="label">Meet the legal test</div>
          <div className="value">{pct(d.legal.pct)}</div>
          <div className="sub">
            {d.legal.counts.compliant} compliant · {d.legal.counts.not_yet_due} not yet due
          </div>
        </div>
        <div className="tile">
          <div className="label">In breach of the legal test</div>
          <div className="value">{d.legal.counts.in_breach}</div>
        </div>
      </section>

      <section className="tiles" aria-label="The plan in figures">
        <div className="tile">
          <div className="label">People to plan</div>
          <div className="value">{o.totals.people}</div>
        </div>
        <div className="tile">
          <div className="label">Placed on an intake</div>
          <div className="value">{o.totals.planned}</div>
          <div className="sub">{o.totals.topUps} top-ups</div>
        </div>
        <div className="tile">
          <div className="label">Cannot meet their dates</div>
          <div className="value">{o.totals.cannotMeet}</div>
        </div>
        <div className="tile">
          <div className="label">Cost</div>
          <div className="value">{formatPounds(o.totals.costPence)}</div>
        </div>
        <div className="tile">
          <div className="label">Already working towards</div>
          <div className="value">{d.keptCount}</div>
        </div>
      </section>

      <section className="panel" aria-labelledby="board-milestones">
        <h2 id="board-milestones" style={{ marginTop: 0 }}>
          Milestones with and without the plan
        </h2>
        <div className="table-wrap">
          <PlanMilestoneTable milestones={o.milestones} />
        </div>
        <PlanProjectionChart
          id="plan-board-projection"
          title="Projected % qualified and % qualified or enrolled by month"
          summary="Solid lines: with the plan. Dashed lines: today's forecast without it (current learners finishing on their expected dates)."
          points={o.points}
          milestones={o.milestones}
          height={300}
        />
      </section>

      <div className="grid-2">
        <section className="panel" aria-labelledby="board-quarter">
          <h2 id="board-quarter" style={{ marginTop: 0 }}>
            Cost by quarter
          </h2>
          <CostTable rows={o.costByQuarter.map((q) => ({ key: q.key, label: q.label, learners: q.learners, costPence: q.costPence }))} first="Quarter" total={o.totals.costPence} />
        </section>
        <section className="panel" aria-labelledby="board-provider">
          <h2 id="board-provider" style={{ marginTop: 0 }}>
            Cost by provider
          </h2>
          <CostTable rows={o.costByProvider.map((p) => ({ key: p.provider, label: p.provider, learners: p.learners, costPence: p.costPence, extra: p.topUps ? `${p.topUps} top-up${p.topUps === 1 ? "" : "s"}` : undefined }))} first="Provider" total={o.totals.costPence} />
        </section>
      </div>

      <section className="panel" aria-labelledby="board-intakes">
        <h2 id="board-intakes" style={{ marginTop: 0 }}>
          Learners per intake
        </h2>
        <IntakeUsageTable intakes={o.intakes} />
      </section>

      <section className="panel" aria-labelledby="board-cannot">
        <h2 id="board-cannot" style={{ marginTop: 0 }}>
          Who cannot meet their dates even with the plan ({o.cannotMeet.length})
        </h2>
        {o.cannotMeet.length === 0 ? (
          <p>Everyone in the plan can finish by their qualify-by date.</p>
        ) : (
          <>
            <p className="muted">Roles only; names are on the plan page.</p>
            <table>
              <thead>
                <tr>
                  <th>Job title</th>
                  <th>Department</th>
                  <th>Level</th>
                  <th>Qualify by</th>
                  <th>Why</th>
                </tr>
              </thead>
              <tbody>
                {o.cannotMeet.map((r) => (
                  <tr key={r.staffId}>
                    <td>{r.jobTitle}</td>
                    <td>{r.department ?? "–"}</td>
                    <td>Level {r.requiredLevel}</td>
                    <td>{formatDateLong(r.qualifyBy)}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section className="panel">
        <h2 style={{ marginTop: 0 }}>How the plan is made</h2>
        <p>
          Everyone who must hold a Level 4 or 5 qualification and is neither qualified nor enrolled gets the catalogue qualification at their level (the maintenance certificate, with a pathway, for
          repairs and asset roles; a top-up where units they have already passed count under the qualification's rules of combination). Each is placed on the earliest intake that lets them finish by
          their qualify-by date, those with the least time to spare first, within the places on offer; HR can pin anyone to an intake of their choice. Top-ups are priced pro rata by the credits
          still to pass. The projection uses the same rules as the dashboard forecast, with each planned enrolment added.
        </p>
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
