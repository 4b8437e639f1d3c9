import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireOrgPermission } from "~/utils/access.server";
import { parseForm, refuse, refused, respond } from "~/utils/respond.server";
import { textForm } from "~/utils/text-form";
import { conflict, withInvalidMessage } from "~/models/result";
import { can } from "~/utils/permissions";
import { addFrameworkArea, frameworkAreas, getFramework, getOwnFramework, setAreaRetired, updateFrameworkAreas, type AreaEdit } from "~/models/skills-audits/frameworks.server";
import { idFrom } from "~/models/skills-audits/campaign-filter";
import { AREA_GROUPS, AREA_GROUP_LABELS, MHM_UNITS } from "~/skills";
import { targetCell } from "~/skills/forms";
import { CATEGORY_LABELS } from "~/compliance/status";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.framework.name ?? "Framework"} · Competence & Conduct` }];

const areaName = z.string().trim().min(1, "Name the area").max(120, "Keep the name under 120 characters");
const addSchema = textForm({
  area_name: areaName,
  area_group: z.enum(["knowledge", "skills", "behaviours", "conduct"], { errorMap: () => ({ message: "Choose a group" }) }),
  target_senior_executive: targetCell,
  target_senior_manager: targetCell,
  target_frontline: targetCell,
});
const frameworkName = z.string().trim().min(1, "Name the framework").max(120, "Keep the name under 120 characters");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const framework = await getFramework(scope, idFrom(params.id));
  if (!framework) throw new Response("Not found", { status: 404 });
  const areas = await frameworkAreas(scope, framework.id);
  return {
    organisation: { slug: organisation.slug },
    framework: { id: framework.id, name: framework.name, description: framework.description, shared: framework.organisation_id === null },
    editable: framework.organisation_id === organisation.id && can(user.role, "org.decide"),
    areas: areas.map((a) => ({ ...a, units: MHM_UNITS.filter((u) => u.areaCodes.includes(a.code)).map((u) => u.unitRef) })),
  };
}

type Errors = Record<string, string>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireOrgPermission(request, params.slug, "org.decide");
  const id = idFrom(params.id);
  const framework = await getFramework(scope, id);
  if (!framework) throw new Response("Not found", { status: 404 });
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") values[k] = v.slice(0, 500);
  const options = { values, context: { intent } };
  const done = (message: string) => ({ ok: true as const, intent, message, errors: {} as Errors, values: {} as Record<string, string> });
  if (!(await getOwnFramework(scope, id))) return respond(conflict("The default framework is shared and read-only: copy it to rename, add or retire areas or change targets."), done, options);
  switch (intent) {
    case "save-areas": {
      const errors: Errors = {};
      const name = frameworkName.safeParse(values.framework_name ?? "");
      if (!name.success) errors.framework_name = name.error.issues[0].message;
      const edits: AreaEdit[] = [];
      for (const area of await frameworkAreas(scope, framework.id)) {
        if (area.retired) continue;
        const n = areaName.safeParse(values[`name.${area.id}`] ?? area.name);
        const t = {
          senior_executive: targetCell.safeParse(values[`target_se.${area.id}`] ?? String(area.targets.senior_executive)),
          senior_manager: targetCell.safeParse(values[`target_sm.${area.id}`] ?? String(area.targets.senior_manager)),
          frontline: targetCell.safeParse(values[`target_fl.${area.id}`] ?? String(area.targets.frontline)),
        };
        if (!n.success) errors[`name.${area.id}`] = n.error.issues[0].message;
        if (!t.senior_executive.success) errors[`target_se.${area.id}`] = t.senior_executive.error.issues[0].message;
        if (!t.senior_manager.success) errors[`target_sm.${area.id}`] = t.senior_manager.error.issues[0].message;
        if (!t.frontline.success) errors[`target_fl.${area.id}`] = t.frontline.error.issues[0].message;
        if (n.success && t.senior_executive.success && t.senior_manager.success && t.frontline.success) {
          edits.push({ areaId: area.id, name: n.data, targets: { senior_executive: t.senior_executive.data, senior_manager: t.senior_manager.data, frontline: t.frontline.data } });
        }
      }
      const names = edits.map((e) => e.name.toLowerCase());
      edits.forEach((e, i) => {
        if (names.indexOf(e.name.toLowerCase()) !== i) errors[`name.${e.areaId}`] = "Two areas cannot have the same name";
      });
      if (Object.keys(errors).length || !name.success) return refuse(errors, options, "Check the highlighted values; nothing was saved.");
      const saved = await updateFrameworkAreas(scope, { frameworkId: framework.id, frameworkName: name.data, edits });
      return respond(saved, (changed) => done(changed ? `Saved: ${changed} area${changed === 1 ? "" : "s"} changed.` : "Saved."), options);
    }
    case "add-area": {
      const parsed = withInvalidMessage(parseForm(form, addSchema), "Check the new area's details.");
      if (!parsed.ok) return refused(parsed, options);
      const d = parsed.value;
      const added = await addFrameworkArea(scope, { frameworkId: framework.id, name: d.area_name, group: d.area_group, targets: { senior_executive: d.target_senior_executive, senior_manager: d.target_senior_manager, frontline: d.target_frontline } });
      return respond(added, () => done(`Added the area "${d.area_name}".`), options);
    }
    case "retire":
    case "restore": {
      const areaId = Number(values.area_id);
      if (!Number.isSafeInteger(areaId)) return refuse({}, options, "Choose an area.");
      const set = await setAreaRetired(scope, { frameworkId: framework.id, areaId, retired: intent === "retire" });
      return respond(set, () => done(intent === "retire" ? "Area retired: its ratings are kept." : "Area restored."), options);
    }
    default:
      return refuse({}, options, "Unknown action.");
  }
}

export default function Framework() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/orgs/${d.organisation.slug}/audits`;
  const errors: Errors = actionData && !actionData.ok ? actionData.errors : {};
  const typed: Record<string, string> = actionData && !actionData.ok ? actionData.values : {};
  const v = (name: string, stored: string | number) => (name in typed ? typed[name] : String(stored));
  const err = (name: string) =>
    errors[name] ? (
      <span className="field-error" id={`${name.replace(".", "-")}-error`}>
        {errors[name]}
      </span>
    ) : null;
  const live = d.areas.filter((a) => !a.retired);
  const retired = d.areas.filter((a) => a.retired);
  const formKey = d.areas.map((a) => `${a.name}${a.targets.senior_executive}${a.targets.senior_manager}${a.targets.frontline}${a.retired}`).join("|") + d.framework.name;
  const target = (prefix: string, area: (typeof d.areas)[number], value: number, label: string) => {
    const name = `${prefix}.${area.id}`;
    return (
      <td className="num">
        {d.editable ? (
          <>
            <label className="visually-hidden" htmlFor={`${prefix}-${area.code}`}>
              {label} target for {area.name}
            </label>
            <input id={`${prefix}-${area.code}`} name={name} type="number" min={0} max={4} step={1} className="rating-input" defaultValue={v(name, value)} aria-invalid={errors[name] ? true : undefined} />
            {err(name)}
          </>
        ) : (
          value
        )}
      </td>
    );
  };
  return (
    <>
      <div className="page-header">
        <div>
          <p>
            <Link to={`${base}/frameworks`}>Frameworks</Link>
          </p>
          <h1>{d.framework.name}</h1>
          <p>{d.framework.shared ? "Shared default: read-only. Copy it to change areas or targets." : (d.framework.description ?? "This organisation's framework.")}</p>
        </div>
      </div>
      {actionData ? (
        <p className={`notice ${actionData.ok ? "success" : "error"}`} role={actionData.ok ? "status" : "alert"}>
          {actionData.message}
        </p>
      ) : null}
      <section className="panel">
        <Form method="post" key={formKey}>
          <input type="hidden" name="intent" value="save-areas" />
          {d.editable ? (
            <div className="field">
              <label htmlFor="framework_name">Framework name</label>
              <input id="framework_name" name="framework_name" type="text" maxLength={120} defaultValue={v("framework_name", d.framework.name)} />
              {err("framework_name")}
            </div>
          ) : null}
          <div className="table-wrap">
            <table data-testid="framework-areas">
              <caption className="visually-hidden">Areas and target levels (0 none, 1 aware, 2 working, 3 proficient, 4 expert) per category</caption>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Area</th>
                  <th scope="col">Group</th>
                  <th scope="col" className="num">
                    {CATEGORY_LABELS.senior_executive}
                  </th>
                  <th scope="col" className="num">
                    {CATEGORY_LABELS.senior_manager}
                  </th>
                  <th scope="col" className="num">
                    {CATEGORY_LABELS.frontline}
                  </th>
                  <th scope="col">Units that cover it</th>
                </tr>
              </thead>
              <tbody>
                {live.map((a) => (
                  <tr key={a.id}>
                    <td>{a.code}</td>
                    <td>
                      {d.editable ? (
                        <>
                          <label className="visually-hidden" htmlFor={`name-${a.code}`}>
                            Name of area {a.code}
                          </label>
                          <input id={`name-${a.code}`} name={`name.${a.id}`} type="text" maxLength={120} defaultValue={v(`name.${a.id}`, a.name)} />
                          {err(`name.${a.id}`)}
                        </>
                      ) : (
                        a.name
                      )}
                    </td>
                    <td>{AREA_GROUP_LABELS[a.group]}</td>
                    {target("target_se", a, a.targets.senior_executive, CATEGORY_LABELS.senior_executive)}
                    {target("target_sm", a, a.targets.senior_manager, CATEGORY_LABELS.senior_manager)}
                    {target("target_fl", a, a.targets.frontline, CATEGORY_LABELS.frontline)}
                    <td className="muted">{a.units.length ? a.units.join(", ") : "none (courses only)"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {d.editable ? (
            <button type="submit" style={{ marginTop: "0.75rem" }}>
              Save names and targets
            </button>
          ) : null}
        </Form>
      </section>
      {d.editable ? (
        <section className="panel">
          <h2 style={{ marginTop: 0 }}>Retire or restore areas</h2>
          <p className="muted">Retired areas keep their ratings in past campaigns but are not offered in new ratings.</p>
          <div className="form-row">
            {live.map((a) => (
              <Form method="post" key={a.id}>
                <input type="hidden" name="intent" value="retire" />
                <input type="hidden" name="area_id" value={a.id} />
                <button type="submit" className="secondary" aria-label={`Retire ${a.name}`}>
                  Retire {a.code}
                </button>
              </Form>
            ))}
          </div>
          {retired.length ? (
            <>
              <h3>Retired</h3>
              <ul>
                {retired.map((a) => (
                  <li key={a.id}>
                    {a.code} {a.name}{" "}
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="restore" />
                      <input type="hidden" name="area_id" value={a.id} />
                      <button type="submit" className="secondary">
                        Restore
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h2>Add an area</h2>
          <Form method="post" className="form-row">
            <input type="hidden" name="intent" value="add-area" />
            <div className="field">
              <label htmlFor="area_name">Name</label>
              <input id="area_name" name="area_name" type="text" maxLength={120} defaultValue={typed.area_name ?? ""} />
              {err("area_name")}
            </div>
            <div className="field">
              <label htmlFor="area_group">Group</label>
              <select id="area_group" name="area_group" defaultValue={typed.area_group ?? "skills"}>
                {AREA_GROUPS.map((g) => (
                  <option key={g} value={g}>
                    {AREA_GROUP_LABELS[g]}
                  </option>
                ))}
              </select>
              {err("area_group")}
            </div>
            {(
              [
                ["target_senior_executive", CATEGORY_LABELS.senior_executive, "3"],
                ["target_senior_manager", CATEGORY_LABELS.senior_manager, "3"],
                ["target_frontline", CATEGORY_LABELS.frontline, "2"],
              ] as const
            ).map(([name, label, dflt]) => (
              <div className="field" key={name}>
                <label htmlFor={name}>Target: {label}</label>
                <input id={name} name={name} type="number" min={0} max={4} step={1} defaultValue={typed[name] ?? dflt} />
                {err(name)}
              </div>
            ))}
            <button type="submit">Add area</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
