import { plural } from "~/utils/plural";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireOrgPermission } from "~/utils/access.server";
import { parseForm, refuse, respond } from "~/utils/respond.server";
import { andThen, conflict, withInvalidMessage } from "~/models/result";
import { can } from "~/utils/permissions";
import { campaignFormOptions, changeCampaignStatus, deleteDraftCampaign, getCampaign, updateDraftCampaign } from "~/models/skills-audits/campaigns.server";
import { loadCampaignData } from "~/models/skills-audits/campaign-data.server";
import { describeFilter, idFrom, parseFilter } from "~/models/skills-audits/campaign-filter";
import type { OrganisationReader } from "~/models/organisation-scope.server";
import { formatDateLong } from "~/compliance/dates";
import { heatMap, progressCounts, withoutPeople } from "~/skills";
import { campaignForm, campaignFormValues } from "~/skills/forms";
import { CampaignFields, HeatLegend, HeatMapTable } from "~/skills/ui";
import { CAMPAIGN_STATUS_LABELS } from "~/skills/types";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { withNotice, noticeFrom } from "~/utils/notice.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.campaign.name ?? "Skills audit"} · Competence & Conduct` }];

async function campaignOr404(scope: OrganisationReader, id: string | undefined) {
  const campaign = await getCampaign(scope, idFrom(id));
  if (!campaign) throw new Response("Not found", { status: 404 });
  return campaign;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const campaign = await campaignOr404(scope, params.id);
  const d = await loadCampaignData(scope, campaign);
  const filter = parseFilter(campaign.filter_json);
  const url = new URL(request.url);
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    notice: noticeFrom(url),
    canDecide: can(user.role, "org.decide"),
    canRate: can(user.role, "org.records"),
    canExport: can(user.role, "org.export"),
    campaign: {
      id: campaign.id,
      name: campaign.name,
      status: campaign.status,
      opensOn: campaign.opens_on,
      closesOn: campaign.closes_on,
      frameworkId: campaign.framework_id,
      frameworkName: d.frameworkName,
      createdBy: campaign.created_by,
      closedAt: campaign.closed_at,
      closedBy: campaign.closed_by,
      who: describeFilter(filter),
    },
    editValues: {
      name: campaign.name,
      framework_id: String(campaign.framework_id),
      opens_on: campaign.opens_on,
      closes_on: campaign.closes_on,
      categories: filter.categories,
      departments: filter.departments,
      employers: filter.employers,
      refs: filter.refs.join("\n"),
    },
    options: campaign.status === "draft" ? await campaignFormOptions(scope) : null,
    areas: d.areas.length,
    progress: progressCounts(d.areas, d.participants, d.ratings),
    byDepartment: withoutPeople(heatMap("department", d.areas, d.participants, d.ratings)),
    byCategory: withoutPeople(heatMap("category", d.areas, d.participants, d.ratings)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { organisation, scope } = await requireOrgPermission(request, params.slug, "org.decide");
  const campaign = await campaignOr404(scope, params.id);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const base = `/orgs/${organisation.slug}/audits`;
  // The edit form's values travel with its refusals, so the draft's details open again with what was typed.
  const values = campaignFormValues(form);
  const options = { values, context: { intent } };
  if (campaign.status === "closed") return respond(conflict("The campaign is closed: it is read-only."), () => null, options);
  switch (intent) {
    case "open":
      return respond(await changeCampaignStatus(scope, { campaignId: campaign.id, to: "open" }), () => redirect(withNotice(`${base}/${campaign.id}`, "The campaign is open: ratings can be entered and imported.")), options);
    case "close":
      return respond(await changeCampaignStatus(scope, { campaignId: campaign.id, to: "closed" }), () => redirect(withNotice(`${base}/${campaign.id}`, "The campaign is closed: its ratings, areas and targets are now fixed.")), options);
    case "update": {
      const parsed = withInvalidMessage(parseForm(form, campaignForm), "Check the highlighted fields.");
      const result = await andThen(parsed, (input) => updateDraftCampaign(scope, { ...input, campaignId: campaign.id }));
      return respond(result, (updated) => redirect(withNotice(`${base}/${campaign.id}`, `Draft updated: ${plural(updated.participants, "person")} included.`)), options);
    }
    case "delete":
      return respond(await deleteDraftCampaign(scope, { campaignId: campaign.id }), () => redirect(withNotice(`${base}`, `Deleted the draft "${campaign.name}".`)), options);
    default:
      return refuse({}, options, "Unknown action.");
  }
}

export default function Campaign() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/orgs/${d.organisation.slug}/audits/${d.campaign.id}`;
  const c = d.campaign;
  const p = d.progress;
  const peopleHref = (dimension: "department" | "category") => (area: string, column: string | null) =>
    `${base}/people?area=${encodeURIComponent(area)}&gap=1${column === null ? "" : `&${dimension}=${encodeURIComponent(column)}`}`;
  return (
    <>
      <div className="page-header">
        <div>
          <p>
            <Link to={`/orgs/${d.organisation.slug}/audits`}>Skills audits</Link>
          </p>
          <h1>{c.name}</h1>
          <p>
            <span className={`campaign-state state-${c.status}`} data-testid="campaign-state">
              {CAMPAIGN_STATUS_LABELS[c.status]}
            </span>{" "}
            · {formatDateLong(c.opensOn)} to {formatDateLong(c.closesOn)} · {c.frameworkName} ({plural(d.areas, "area")}) · {c.who}
            {c.closedAt ? ` · closed ${formatDateLong(c.closedAt.slice(0, 10))} by ${c.closedBy ?? "?"}` : ""}
          </p>
        </div>
        <div className="form-row" style={{ marginBottom: 0 }}>
          <Link className="button secondary" to={`${base}/people`}>
            People and ratings
          </Link>
          {c.status === "open" && d.canRate ? (
            <Link className="button secondary" to={`${base}/import`}>
              Import ratings (CSV)
            </Link>
          ) : null}
          <Link className="button secondary" to={`${base}/report`}>
            Report
          </Link>
        </div>
      </div>
      {d.notice ? (
        <p className="notice success" role="status">
          {d.notice}
        </p>
      ) : null}
      {actionData?.message ? (
        <p className="notice error" role="alert">
          {actionData.message}
        </p>
      ) : null}
      {c.status === "closed" ? <p className="notice info">This campaign is closed and read-only: its ratings, areas and targets are kept as they were when it closed.</p> : null}

      <section className="tiles" aria-label="Progress" data-testid="campaign-progress">
        <div className="tile">
          <div className="label">People</div>
          <div className="value">{p.total}</div>
        </div>
        <div className="tile">
          <div className="label">Complete</div>
          <div className="value" data-figure="complete">
            {p.complete}
          </div>
          <div className="sub">an agreed rating for every area</div>
        </div>
        <div className="tile">
          <div className="label">Partly done</div>
          <div className="value" data-figure="partial">
            {p.partial}
          </div>
        </div>
        <div className="tile">
          <div className="label">Not started</div>
          <div className="value" data-figure="not-started">
            {p.not_started}
          </div>
        </div>
      </section>

      {d.canDecide && c.status !== "closed" ? (
        <section className="panel no-print" aria-labelledby="state-title">
          <h2 id="state-title" style={{ marginTop: 0 }}>
            {c.status === "draft" ? "Draft: check who is included, then open" : "Open: collecting ratings"}
          </h2>
          <div className="form-row">
            {c.status === "draft" ? (
              <>
                <Form method="post">
                  <input type="hidden" name="intent" value="open" />
                  <button type="submit">Open the campaign</button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="delete" />
                  <button type="submit" className="danger">
                    Delete the draft
                  </button>
                </Form>
              </>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="close" />
                <button type="submit">Close the campaign (read-only afterwards)</button>
              </Form>
            )}
          </div>
          {c.status === "draft" && d.options ? (
            <details open={actionData?.intent === "update"}>
              <summary>Change the details or who is included</summary>
              <Form method="post">
                <input type="hidden" name="intent" value="update" />
                <CampaignFields idPrefix="edit" values={actionData?.intent === "update" ? actionData.values : d.editValues} errors={actionData?.intent === "update" ? actionData.errors : undefined} options={d.options} />
                <button type="submit">Save the draft</button>
              </Form>
            </details>
          ) : null}
        </section>
      ) : null}

      <section className="panel" aria-labelledby="heat-dept-title">
        <h2 id="heat-dept-title" style={{ marginTop: 0 }}>
          Gaps by area and department
        </h2>
        <HeatLegend />
        <HeatMapTable map={d.byDepartment} caption="Gaps by area and department" peopleHref={peopleHref("department")} testId="heat-department" />
      </section>
      <section className="panel" aria-labelledby="heat-cat-title">
        <h2 id="heat-cat-title" style={{ marginTop: 0 }}>
          Gaps by area and category
        </h2>
        <HeatMapTable map={d.byCategory} caption="Gaps by area and category" peopleHref={peopleHref("category")} testId="heat-category" />
      </section>
      {d.canExport ? (
        <p className="no-print">
          <a href={`${base}/ratings.csv`}>Download the ratings (CSV)</a> · <a href={`${base}/recommendations.csv`}>Download the recommendations (CSV)</a>
        </p>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
