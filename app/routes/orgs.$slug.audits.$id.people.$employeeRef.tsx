import { plural } from "~/utils/plural";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { requireOrgPermission } from "~/utils/access.server";
import { refuse, respond } from "~/utils/respond.server";
import { conflict } from "~/models/result";
import { can } from "~/utils/permissions";
import { getCampaign } from "~/models/skills-audits/campaigns.server";
import { campaignAreas, campaignRatings, findParticipant } from "~/models/skills-audits/campaign-data.server";
import { idFrom } from "~/models/skills-audits/campaign-filter";
import { listCourses } from "~/models/skills-audits/courses.server";
import { recommendationClosures } from "~/models/conduct/recommendation-closures.server";
import { formatDateLong } from "~/compliance/dates";
import { savePersonRatings, type RatingInput } from "~/models/skills-audits/ratings.server";
import { achievedUnits, recommendationsFor, roleOf, standings } from "~/models/skills-audits/recommendations.server";
import type { OrganisationReader } from "~/models/organisation-scope.server";
import { CATEGORY_LABELS } from "~/compliance/status";
import { STATUS_LABELS } from "~/components/labels";
import type { ComplianceStatus } from "~/compliance/types";
import { AREA_GROUP_LABELS, MHM_QUALIFICATION_TITLE, PROGRESS_LABELS, STANDARD_AREAS, personGaps, personProfile, progressOf, ratingLabel } from "~/skills";
import { noteCell, ratingCell } from "~/skills/forms";
import { ClientOnly, RatingScale } from "~/skills/ui";
import { CAMPAIGN_STATUS_LABELS } from "~/skills/types";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.person.name ?? "Person"} · skills audit · Competence & Conduct` }];

async function load(scope: OrganisationReader, params: { id?: string; employeeRef?: string }) {
  const campaign = await getCampaign(scope, idFrom(params.id));
  if (!campaign) throw new Response("Not found", { status: 404 });
  const person = await findParticipant(scope, campaign.id, params.employeeRef);
  if (!person) throw new Response("Not found", { status: 404 });
  return { campaign, person };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const { campaign, person } = await load(scope, params);
  const [areas, ratings, found, achieved, courses, closures] = await Promise.all([
    campaignAreas(scope, campaign),
    campaignRatings(scope, campaign.id, person.staffId),
    standings(scope, scope.today),
    achievedUnits(scope, [person.staffId]),
    listCourses(scope),
    recommendationClosures(scope, campaign.id, person.staffId),
  ]);
  const mine = ratings.get(person.staffId) ?? new Map();
  const profile = personProfile(areas, mine, person.category);
  const gaps = personGaps(areas, mine, person.category);
  const status = found.statuses.get(person.staffId) ?? "not_required";
  const recs = recommendationsFor(gaps, { status, role: roleOf(person, found.requiredLevels), qualifications: found.qualifications, achievedUnitRefs: achieved.get(person.staffId), courses });
  const standardName = new Map(STANDARD_AREAS.map((a) => [a.code, a.name]));
  return {
    organisation: { slug: organisation.slug },
    campaign: { id: campaign.id, name: campaign.name, status: campaign.status },
    canRate: can(user.role, "org.records") && campaign.status === "open",
    person: { ...person, status, progress: progressOf(areas, mine) },
    profile,
    gaps,
    recommendations: {
      qualified: recs.qualified,
      advice: recs.advice ? { text: recs.advice.text, qualifications: recs.advice.qualifications.map((q) => q.title) } : null,
      development: recs.units.some((u) => u.kind === "development"),
      units: recs.units.map((u) => ({
        unitRef: u.unit.unitRef,
        title: u.unit.title,
        credits: u.unit.credits,
        group: u.unit.group,
        kind: u.kind,
        closes: u.closes.map((g) => ({ code: g.code, area: g.area, gap: g.gap })),
        alsoCovers: u.unit.areaCodes.filter((c) => !u.closes.some((g) => g.code === c)).map((c) => standardName.get(c) ?? c),
      })),
      uncovered: recs.uncovered.map((g) => ({ code: g.code, area: g.area, gap: g.gap })),
      courses: recs.courses.map((c) => ({
        id: c.course.id,
        title: c.course.title,
        provider: c.course.provider,
        hours: c.course.hours,
        closes: c.closes.map((g) => ({ code: g.code, area: g.area, gap: g.gap })),
        closedBy: closures.get(c.course.id) ?? null,
      })),
    },
    qualificationTitle: MHM_QUALIFICATION_TITLE,
  };
}

type Errors = Record<string, string>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireOrgPermission(request, params.slug, "org.records");
  const { campaign, person } = await load(scope, params);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const saved = (changed: number) => ({ ok: true as const, message: changed === 0 ? "Nothing changed." : `Saved ${changed} area${changed === 1 ? "" : "s"}.`, errors: {} as Errors, values: {} as Record<string, string> });
  if (intent !== "save-ratings") return refuse({}, {}, "Unknown action.");
  if (campaign.status !== "open") {
    const message = campaign.status === "closed" ? "The campaign is closed: its ratings are read-only." : "The campaign is a draft: open it before entering ratings.";
    return respond(conflict(message), saved);
  }
  const areas = (await campaignAreas(scope, campaign)).filter((a) => !a.retired);
  const errors: Errors = {};
  const values: Record<string, string> = {};
  const inputs: RatingInput[] = [];
  for (const area of areas) {
    const read = (field: string) => {
      const raw = form.get(`${field}.${area.id}`);
      const text = typeof raw === "string" ? raw : "";
      values[`${field}.${area.id}`] = text.slice(0, 2000);
      return text;
    };
    const parsed = {
      self: ratingCell.safeParse(read("self")),
      manager: ratingCell.safeParse(read("manager")),
      agreed: ratingCell.safeParse(read("agreed")),
      note: noteCell.safeParse(read("note")),
    };
    let ok = true;
    for (const [field, r] of Object.entries(parsed)) {
      if (!r.success) {
        ok = false;
        errors[`${field}.${area.id}`] = r.error.issues[0]?.message ?? "Check this value";
      }
    }
    if (ok && parsed.self.success && parsed.manager.success && parsed.agreed.success && parsed.note.success) {
      inputs.push({ areaId: area.id, self: parsed.self.data, manager: parsed.manager.data, agreed: parsed.agreed.data, note: parsed.note.data });
    }
  }
  const wrong = Object.keys(errors).length;
  if (wrong > 0) return refuse(errors, { values }, `${wrong} value${wrong === 1 ? " needs" : "s need"} correcting; nothing was saved.`);
  return respond(await savePersonRatings(scope, { campaignId: campaign.id, person, ratings: inputs }), saved);
}

function ProfileChart({ rows }: { rows: Array<{ code: string; area: string; target: number; agreed: number | null }> }) {
  const height = Math.max(320, rows.length * 26 + 90);
  return (
    <figure className="chart-figure" aria-labelledby="profile-chart-title" data-chart="audit-profile-chart">
      <figcaption id="profile-chart-title">Agreed rating against target, by area (0 none – 4 expert)</figcaption>
      <ClientOnly height={height}>
        {() => (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows.map((r) => ({ ...r, label: `${r.code} ${r.area}${r.agreed == null ? " (not rated)" : ""}` }))} layout="vertical" margin={{ top: 10, right: 20, bottom: 25, left: 20 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" domain={[0, 4]} ticks={[0, 1, 2, 3, 4]} label={{ value: "Level", position: "insideBottom", offset: -15 }} />
              <YAxis type="category" dataKey="label" width={250} interval={0} tick={{ fontSize: 11 }} />
              <Tooltip />
              <Legend verticalAlign="top" height={28} />
              <Bar dataKey="target" name="Target" fill="#9aa7b8" isAnimationActive={false} />
              <Bar dataKey="agreed" name="Agreed" fill="#1d4f5c" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        )}
      </ClientOnly>
    </figure>
  );
}

export default function AuditPerson() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const base = `/orgs/${d.organisation.slug}/audits/${d.campaign.id}`;
  const p = d.person;
  const errors: Errors = actionData && !actionData.ok ? actionData.errors : {};
  const typed: Record<string, string> = actionData && !actionData.ok ? actionData.values : {};
  const value = (field: string, areaId: number, stored: number | string | null) => (`${field}.${areaId}` in typed ? typed[`${field}.${areaId}`] : stored == null ? "" : String(stored));
  const rated = d.profile.filter((r) => r.agreed != null);
  let group: string | null = null;
  // Remount the grid when the stored ratings change, so the inputs show what was saved.
  const formKey = d.profile.map((r) => `${r.self ?? ""}.${r.manager ?? ""}.${r.agreed ?? ""}.${r.note?.length ?? ""}`).join("|");

  const ratingInput = (field: "self" | "manager" | "agreed", row: (typeof d.profile)[number], label: string) => {
    const name = `${field}.${row.areaId}`;
    const id = `${field}-${row.code}`;
    return (
      <td className="num">
        <label className="visually-hidden" htmlFor={id}>
          {label} for {row.area}
        </label>
        <input
          id={id}
          name={name}
          type="number"
          inputMode="numeric"
          min={0}
          max={4}
          step={1}
          className="rating-input"
          defaultValue={value(field, row.areaId, row[field])}
          aria-invalid={errors[name] ? true : undefined}
          aria-describedby={errors[name] ? `${id}-error` : undefined}
        />
        {errors[name] ? (
          <span className="field-error" id={`${id}-error`}>
            {errors[name]}
          </span>
        ) : null}
      </td>
    );
  };

  return (
    <>
      <div className="page-header">
        <div>
          <p>
            <Link to={base}>{d.campaign.name}</Link> · <Link to={`${base}/people`}>People</Link>
          </p>
          <h1>{p.name}</h1>
          <p>
            {p.employeeRef} · {p.jobTitle} · {p.department ?? "no department"} · {CATEGORY_LABELS[p.category]} · qualification status:{" "}
            <strong>{STATUS_LABELS[p.status as ComplianceStatus] ?? p.status}</strong> · {PROGRESS_LABELS[p.progress]} ·{" "}
            <Link to={`/orgs/${d.organisation.slug}/people/${encodeURIComponent(p.employeeRef)}`}>Person page</Link>
          </p>
        </div>
      </div>
      {actionData ? (
        <p className={`notice ${actionData.ok ? "success" : "error"}`} role={actionData.ok ? "status" : "alert"} data-testid="ratings-notice">
          {actionData.message}
        </p>
      ) : null}
      {d.campaign.status !== "open" ? (
        <p className="notice info">
          The campaign is {CAMPAIGN_STATUS_LABELS[d.campaign.status].toLowerCase()}: {d.campaign.status === "closed" ? "its ratings are read-only." : "ratings can be entered once it is open."}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="grid-title">
        <h2 id="grid-title" style={{ marginTop: 0 }}>
          Ratings
        </h2>
        <RatingScale />
        <Form method="post" key={formKey}>
          <input type="hidden" name="intent" value="save-ratings" />
          <div className="table-wrap">
            <table className="rating-grid" data-testid="rating-grid">
              <caption className="visually-hidden">Self, manager and agreed ratings and evidence for each area; the gap is the target minus the agreed rating.</caption>
              <thead>
                <tr>
                  <th scope="col">Area</th>
                  <th scope="col" className="num">
                    Target
                  </th>
                  <th scope="col" className="num">
                    Self
                  </th>
                  <th scope="col" className="num">
                    Manager
                  </th>
                  <th scope="col" className="num">
                    Agreed
                  </th>
                  <th scope="col" className="num">
                    Gap
                  </th>
                  <th scope="col">Evidence note</th>
                </tr>
              </thead>
              <tbody>
                {d.profile.flatMap((row) => {
                  const out = [];
                  if (row.group !== group) {
                    group = row.group;
                    out.push(
                      <tr key={`g-${row.group}`} className="heat-group">
                        <th colSpan={7} scope="colgroup">
                          {AREA_GROUP_LABELS[row.group]}
                        </th>
                      </tr>,
                    );
                  }
                  const editable = d.canRate && !row.retired;
                  const noteName = `note.${row.areaId}`;
                  out.push(
                    <tr key={row.areaId} data-area={row.code} className={row.gap && row.gap > 0 ? "has-gap" : undefined}>
                      <th scope="row">
                        <span className="muted">{row.code}</span> {row.area}
                        {row.retired ? <span className="muted"> (retired)</span> : null}
                      </th>
                      <td className="num">{row.target}</td>
                      {editable ? (
                        <>
                          {ratingInput("self", row, "Self rating")}
                          {ratingInput("manager", row, "Manager rating")}
                          {ratingInput("agreed", row, "Agreed rating")}
                        </>
                      ) : (
                        <>
                          <td className="num">{ratingLabel(row.self)}</td>
                          <td className="num">{ratingLabel(row.manager)}</td>
                          <td className="num">{ratingLabel(row.agreed)}</td>
                        </>
                      )}
                      <td className="num" data-gap={row.gap ?? ""}>
                        {row.gap ?? "–"}
                      </td>
                      <td>
                        {editable ? (
                          <>
                            <label className="visually-hidden" htmlFor={`note-${row.code}`}>
                              Evidence note for {row.area}
                            </label>
                            <input
                              id={`note-${row.code}`}
                              name={noteName}
                              type="text"
                              maxLength={1000}
                              className="note-input"
                              defaultValue={value("note", row.areaId, row.note)}
                              aria-invalid={errors[noteName] ? true : undefined}
                              aria-describedby={errors[noteName] ? `note-${row.code}-error` : undefined}
                            />
                            {errors[noteName] ? (
                              <span className="field-error" id={`note-${row.code}-error`}>
                                {errors[noteName]}
                              </span>
                            ) : null}
                          </>
                        ) : (
                          row.note ?? ""
                        )}
                      </td>
                    </tr>,
                  );
                  return out;
                })}
              </tbody>
            </table>
          </div>
          {d.canRate ? (
            <button type="submit" style={{ marginTop: "0.75rem" }} disabled={navigation.state === "submitting"}>
              {navigation.state === "submitting" ? "Saving…" : "Save ratings"}
            </button>
          ) : null}
        </Form>
      </section>

      <div className="grid-2">
        <section className="panel" aria-labelledby="profile-title">
          <h2 id="profile-title" style={{ marginTop: 0 }}>
            Profile
          </h2>
          {rated.length > 0 ? <ProfileChart rows={d.profile} /> : <p>No agreed ratings yet.</p>}
        </section>
        <section className="panel" aria-labelledby="gaps-title">
          <h2 id="gaps-title" style={{ marginTop: 0 }}>
            Gaps ({d.gaps.length})
          </h2>
          {d.gaps.length === 0 ? (
            <p>{rated.length > 0 ? "No gaps: every agreed rating meets its target." : "Gaps appear once agreed ratings are entered."}</p>
          ) : (
            <table data-testid="person-gaps">
              <thead>
                <tr>
                  <th>Area</th>
                  <th className="num">Target</th>
                  <th className="num">Agreed</th>
                  <th className="num">Gap</th>
                </tr>
              </thead>
              <tbody>
                {d.gaps.map((g) => (
                  <tr key={g.areaId}>
                    <td>
                      <span className="muted">{g.code}</span> {g.area}
                    </td>
                    <td className="num">{g.target}</td>
                    <td className="num">{g.agreed}</td>
                    <td className="num">{g.gap}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>

      <section className="panel" aria-labelledby="recs-title" data-testid="recommendations">
        <h2 id="recs-title" style={{ marginTop: 0 }}>
          Recommendations
        </h2>
        {d.gaps.length === 0 ? (
          <p>Nothing to recommend until there are gaps.</p>
        ) : (
          <>
            {d.recommendations.advice ? (
              <p className="notice info" data-testid="qualification-advice">
                {d.recommendations.advice.text}
              </p>
            ) : null}
            <h3>
              {d.recommendations.qualified
                ? "Top-up units (already qualified)"
                : d.recommendations.development
                  ? `Development units from the ${d.qualificationTitle}`
                  : `Units of the ${d.qualificationTitle}`}
            </h3>
            <p className="muted">
              Units the CIH specification maps to the gap areas, ranked by how many of {p.name}'s gaps each closes
              {d.recommendations.qualified ? "; as a qualified person they can be taken as stand-alone top-ups." : "."}
            </p>
            {d.recommendations.units.length === 0 ? <p>No unit covers these gaps.</p> : null}
            {d.recommendations.units.map((u, i) => (
              <details key={u.unitRef} className="recommendation" data-unit={u.unitRef}>
                <summary>
                  <strong>
                    {i + 1}. {u.unitRef} {u.title}
                  </strong>{" "}
                  — closes {u.closes.length} of {plural(d.gaps.length, "gap")}{u.kind === "top_up" ? " (top-up)" : u.kind === "development" ? " (development)" : ""}
                </summary>
                <div className="recommendation-body">
                  <p>
                    {plural(u.credits, "credit")} · {u.group === "mandatory" ? "mandatory unit" : "optional unit"} of the {d.qualificationTitle}.
                  </p>
                  <p>Closes these gaps:</p>
                  <ul>
                    {u.closes.map((g) => (
                      <li key={g.code}>
                        {g.area} (gap {g.gap})
                      </li>
                    ))}
                  </ul>
                  {u.alsoCovers.length ? <p className="muted">Also covers: {u.alsoCovers.join(", ")}.</p> : null}
                </div>
              </details>
            ))}
            {d.recommendations.uncovered.length ? (
              <p className="notice info">No unit of the qualification covers: {d.recommendations.uncovered.map((g) => g.area).join(", ")}. See the short courses below.</p>
            ) : null}
            <h3>Short courses</h3>
            {d.recommendations.courses.length === 0 ? (
              <p>
                No course in the organisation's catalogue covers these gaps. <Link to={`/orgs/${d.organisation.slug}/audits/courses`}>Manage the course catalogue</Link>.
              </p>
            ) : (
              d.recommendations.courses.map((c) => (
                <details key={c.id} className="recommendation" data-course={c.id} data-closed={c.closedBy ? "yes" : undefined}>
                  <summary>
                    <strong>{c.title}</strong> — closes {c.closes.length} of {plural(d.gaps.length, "gap")}
                    {c.closedBy ? (
                      <span className="recommendation-closed" data-testid="recommendation-closed">
                        {" "}
                        · <strong>Closed</strong> by the completion on {formatDateLong(c.closedBy.closedOn)}
                        {c.closedBy.source === "import" ? " (imported)" : ""}
                      </span>
                    ) : null}
                  </summary>
                  <div className="recommendation-body">
                    <p>
                      {c.provider ?? "Provider not set"}
                      {c.hours ? ` · ${c.hours} hours` : ""}
                    </p>
                    <ul>
                      {c.closes.map((g) => (
                        <li key={g.code}>
                          {g.area} (gap {g.gap})
                        </li>
                      ))}
                    </ul>
                  </div>
                </details>
              ))
            )}
          </>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
