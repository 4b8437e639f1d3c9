/**
 * One person's page. The loader reads the person through the organisation scope; the action dispatches on the
 * form's intent to the person commands (app/models/person/actions.server.ts) and answers with `respond`. The
 * panels live in app/components/person/ (add one in panels.tsx).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireOrgPermission } from "~/utils/access.server";
import { can } from "~/utils/permissions";
import { formValues, required, respond } from "~/utils/respond.server";
import { displayName } from "~/utils/person-name";
import { asOfFrom } from "~/models/compliance.server";
import { findPerson, loadPersonDetail } from "~/models/person/detail.server";
import { PERSON_ACTIONS } from "~/models/person/actions.server";
import { PERSON_INTENTS, isPersonIntent } from "~/models/person/intents";
import { loadPanelData } from "~/models/person/panel-data.server";
import { formatDateLong, isIsoDate } from "~/compliance/dates";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EmploymentPanel } from "~/components/person/employment-panel";
import { Notice } from "~/components/person/form-parts";
import { PERSON_PANELS } from "~/components/person/panels";
import { StatusPanel } from "~/components/person/status-panel";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.person.name ?? "Person"} · Competence & Conduct` }];

function when(at: string): string {
  const date = at.slice(0, 10);
  if (!isIsoDate(date)) return at;
  const time = at.length >= 16 ? ` ${at.slice(11, 16)} UTC` : "";
  return `${formatDateLong(date)}${time}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const staff = required(await findPerson(scope, params.employeeRef));
  const asOf = asOfFrom(new URL(request.url).searchParams.get("asOf"));
  const [detail, manager, panels] = await Promise.all([
    loadPersonDetail(scope, staff, asOf),
    staff.manager_ref ? findPerson(scope, staff.manager_ref) : null,
    loadPanelData(scope, staff, asOf),
  ]);
  const s = detail.staff;
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    asOf,
    isToday: asOf === scope.today,
    today: scope.today,
    canDecide: can(user.role, "org.decide"),
    canRecords: can(user.role, "org.records"),
    person: {
      employeeRef: s.employee_ref,
      name: displayName(s),
      email: s.email,
      jobTitle: s.job_title,
      department: s.department,
      location: s.location,
      employer: s.employer,
      managerRef: s.manager_ref,
      /** The line manager's name when they are a person on record here (then the page links to them). */
      managerName: manager?.ok ? displayName(manager.value) : null,
      startDate: s.start_date,
      roleStartDate: s.role_start_date,
      endDate: s.end_date,
      onProbation: s.on_probation === 1,
    },
    compliance: detail.compliance,
    scope: detail.scope,
    records: detail.records,
    absences: detail.absences.map((a) => ({ id: a.id, kind: a.kind, from: a.from_date, to: a.to_date, note: a.note })),
    absencesPauseClocks: detail.absencesPauseClocks,
    history: detail.history.map((h) => ({ ...h, when: when(h.at) })),
    catalogue: detail.catalogue,
    /** Data of panels other features add (app/models/person/panel-data.server.ts). */
    panels,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (!isPersonIntent(intent)) throw new Response("Unknown action", { status: 400 });
  if (!can(user.role, PERSON_INTENTS[intent])) throw new Response("Forbidden", { status: 403 });
  const person = required(await findPerson(scope, params.employeeRef));
  const values = formValues(form);
  const targetId = values.record_id || values.absence_id || values.top_up_id || values.assessment_id || null;
  const result = await PERSON_ACTIONS[intent](scope, person.employee_ref, form);
  return respond(result, (message) => ({ ok: true as const, intent, targetId, message, savedAt: Date.now() }), { values, context: { intent, targetId } });
}

// ---------------------------------------------------------------------------------------------
// Page

export default function PersonPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  // A successful save remounts the forms (empty again); after a failure they keep what was typed.
  const formKey = actionData?.ok ? actionData.savedAt : 0;
  const p = d.person;
  const peopleHref = `/orgs/${d.organisation.slug}/people${d.isToday ? "" : `?asOf=${d.asOf}`}`;
  const left = p.endDate != null && p.endDate <= d.asOf;
  return (
    <div className="person-page">
      <p className="no-print breadcrumb">
        <Link to={peopleHref}>← People</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{p.name}</h1>
          <p>
            {p.employeeRef} · {p.jobTitle}
            {p.department ? ` · ${p.department}` : ""}
            {p.employer ? ` · employed by ${p.employer}` : ""}
          </p>
        </div>
        <Form method="get" className="form-row no-print" aria-label="Choose the as-of date">
          <div className="field" style={{ marginBottom: 0 }}>
            <label htmlFor="person-asOf">As of date</label>
            <input id="person-asOf" name="asOf" type="date" defaultValue={d.asOf} />
          </div>
          <button type="submit">Recalculate</button>
        </Form>
      </div>
      {left ? (
        <p className="notice info">
          Left on {formatDateLong(p.endDate!)}. Leavers are kept with their history and are not counted in the measures.
        </p>
      ) : null}
      <Notice actionData={actionData} />
      <div className="grid-2">
        <StatusPanel d={d} />
        <EmploymentPanel d={d} />
      </div>
      {PERSON_PANELS.map(({ key, Panel }) => (
        <Panel key={key} d={d} actionData={actionData} formKey={formKey} busy={busy} />
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
