import { plural } from "~/utils/plural";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireOrgPermission } from "~/utils/access.server";
import { parseForm, refuse, respond } from "~/utils/respond.server";
import { andThen } from "~/models/result";
import { formWideError } from "~/utils/form-refusal";
import { can } from "~/utils/permissions";
import { campaignFormOptions, createCampaign, listCampaigns } from "~/models/skills-audits/campaigns.server";
import { addDays, formatDateLong } from "~/compliance/dates";
import { campaignForm, campaignFormValues, type CampaignFormValues } from "~/skills/forms";
import { CampaignFields } from "~/skills/ui";
import { CAMPAIGN_STATUS_LABELS } from "~/skills/types";
import { uniqueCampaignName } from "~/skills/comparison";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { withNotice, noticeFrom } from "~/utils/notice.server";

export const meta: MetaFunction = () => [{ title: "Skills audits · Competence & Conduct" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const today = scope.today;
  const [campaigns, options] = await Promise.all([listCampaigns(scope), campaignFormOptions(scope)]);
  const url = new URL(request.url);
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    canDecide: can(user.role, "org.decide"),
    notice: noticeFrom(url),
    campaigns,
    options,
    defaults: {
      name: uniqueCampaignName(`Skills audit ${today.slice(0, 4)}`, campaigns.map((c) => c.name)),
      framework_id: String(options.frameworks[0]?.id ?? ""),
      opens_on: today,
      closes_on: addDays(today, 42),
      categories: ["senior_executive", "senior_manager"],
      departments: [],
      employers: [],
      refs: "",
    } satisfies CampaignFormValues,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { organisation, scope } = await requireOrgPermission(request, params.slug, "org.decide");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const values = campaignFormValues(form);
  if (intent !== "create") return refuse({ form: "Unknown action." }, { values });
  return respond(await andThen(parseForm(form, campaignForm), (input) => createCampaign(scope, input)), (created) => redirect(withNotice(`/orgs/${organisation.slug}/audits/${created.id}`, `Draft campaign created with ${plural(created.participants, "person")}. Open it when you are ready to collect ratings.`)), { values });
}

export default function SkillsAudits() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const base = `/orgs/${d.organisation.slug}/audits`;
  // The newest campaign "with" the newest closed one before it (never the same campaign on both sides).
  const compareWith = d.campaigns[0];
  const compareFrom = d.campaigns.find((c) => c.status === "closed" && c.id !== compareWith?.id) ?? d.campaigns[1];
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Skills audits</h1>
          <p>Ratings against the Senior Housing / Property Management apprenticeship standard and the code of conduct, with the gaps mapped to the units and courses that close them.</p>
        </div>
        <div className="form-row" style={{ marginBottom: 0 }}>
          <Link className="button secondary" to={`${base}/frameworks`}>
            Frameworks and targets
          </Link>
          <Link className="button secondary" to={`${base}/courses`}>
            Short courses
          </Link>
        </div>
      </div>
      {d.notice ? (
        <p className="notice success" role="status">
          {d.notice}
        </p>
      ) : null}
      {formWideError(actionData) ? (
        <p className="notice error" role="alert">
          {formWideError(actionData)}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="campaigns-title">
        <h2 id="campaigns-title" style={{ marginTop: 0 }}>
          Campaigns
        </h2>
        {d.campaigns.length === 0 ? (
          <p>No skills audits yet.{d.canDecide ? " Create the first one below." : ""}</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="campaigns">
              <thead>
                <tr>
                  <th>Campaign</th>
                  <th>State</th>
                  <th>Dates</th>
                  <th>Framework</th>
                  <th className="num">People</th>
                  <th className="num">Complete</th>
                  <th className="num">Partly done</th>
                  <th className="num">Not started</th>
                </tr>
              </thead>
              <tbody>
                {d.campaigns.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`${base}/${c.id}`}>{c.name}</Link>
                    </td>
                    <td>
                      <span className={`campaign-state state-${c.status}`}>{CAMPAIGN_STATUS_LABELS[c.status]}</span>
                    </td>
                    <td>
                      {formatDateLong(c.opensOn)} to {formatDateLong(c.closesOn)}
                    </td>
                    <td>{c.frameworkName}</td>
                    <td className="num">{c.people}</td>
                    <td className="num">{c.complete}</td>
                    <td className="num">{c.partial}</td>
                    <td className="num">{c.notStarted}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {d.campaigns.length >= 2 ? (
          <Form method="get" action={`${base}/compare`} className="form-row" style={{ marginTop: "1rem" }}>
            <div className="field" style={{ marginBottom: 0 }}>
              <label htmlFor="compare-a">Compare</label>
              <select id="compare-a" name="a" defaultValue={String(compareFrom?.id ?? "")}>
                {d.campaigns.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field" style={{ marginBottom: 0 }}>
              <label htmlFor="compare-b">with</label>
              <select id="compare-b" name="b" defaultValue={String(compareWith?.id ?? "")}>
                {d.campaigns.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="secondary">
              Compare campaigns
            </button>
          </Form>
        ) : null}
      </section>

      {d.canDecide ? (
        <section className="panel" aria-labelledby="create-title">
          <h2 id="create-title" style={{ marginTop: 0 }}>
            Create a campaign
          </h2>
          <Form method="post">
            <input type="hidden" name="intent" value="create" />
            <CampaignFields idPrefix="new" values={actionData?.values ?? d.defaults} errors={actionData?.errors} options={d.options} />
            <button type="submit" disabled={navigation.state === "submitting"}>
              Create draft campaign
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
