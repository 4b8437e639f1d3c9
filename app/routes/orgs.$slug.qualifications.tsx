import { plural } from "~/utils/plural";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { requireOrgPermission } from "~/utils/access.server";
import { parseForm, refused, respond } from "~/utils/respond.server";
import { textForm } from "~/utils/text-form";
import { can } from "~/utils/permissions";
import {
  OFQUAL_NUMBER_PATTERN,
  SHARED_ENTRY_READ_ONLY,
  createQualification,
  findVisibleQualification,
  listCatalogue,
  updateQualification,
  type CatalogueEntry,
  type CatalogueRules,
  type QualificationField,
} from "~/models/catalogue.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { pathwayCredits, pathwayCreditsNote } from "~/compliance/rules-of-combination";

export const meta: MetaFunction = () => [{ title: "Qualifications · Competence & Conduct" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const url = new URL(request.url);
  const entries = await listCatalogue(scope);
  const editParam = url.searchParams.get("edit");
  let editing: CatalogueEntry | null = null;
  if (editParam) {
    editing = entries.find((q) => String(q.id) === editParam) ?? null;
    if (!editing) throw new Response("Not found", { status: 404 });
  }
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    canEdit: can(user.role, "org.settings"),
    entries,
    editing,
  };
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters`)
    .transform((v) => (v === "" ? null : v));

const qualificationSchema = textForm({
  title: z.string().trim().min(1, "Enter the qualification's title").max(200, "Keep the title under 200 characters"),
  code: optionalText(40),
  awardingBody: z.string().trim().min(1, "Enter the awarding body").max(200, "Keep this under 200 characters"),
  level: z
    .string()
    .trim()
    .refine((v) => /^[1-8]$/.test(v), "Choose a level from 1 to 8")
    .transform(Number),
  ofqualNumber: z
    .string()
    .trim()
    .refine((v) => v === "" || OFQUAL_NUMBER_PATTERN.test(v), "Write the Ofqual number like 603/1433/3, or leave it blank")
    .transform((v) => (v === "" ? null : v.toUpperCase())),
  /* A tick-box: "on" when ticked, not posted when not. */
  recognised: z.string().transform((v) => v === "on"),
  typicalMonths: z
    .string()
    .trim()
    .refine((v) => v === "" || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 120), "Enter a whole number of months from 1 to 120, or leave it blank")
    .transform((v) => (v === "" ? null : Number(v))),
  note: optionalText(500),
});

type FormErrors = Partial<Record<QualificationField | "form", string>>;

function qualificationValues(form: FormData) {
  const text = (name: string) => String(form.get(name) ?? "");
  return {
    title: text("title"),
    code: text("code"),
    awardingBody: text("awardingBody"),
    level: text("level"),
    ofqualNumber: text("ofqualNumber"),
    recognised: form.get("recognised") === "on",
    typicalMonths: text("typicalMonths"),
    note: text("note"),
  };
}

function parseId(value: FormDataEntryValue | null): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  return id;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireOrgPermission(request, params.slug, "org.settings");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  /** A shared entry answers 403 (read-only to every organisation), in the page's refusal shape. */
  const readOnly = (id: number, values: ReturnType<typeof qualificationValues> | null) => data({ intent, id, errors: { form: SHARED_ENTRY_READ_ONLY } as FormErrors, values }, { status: 403 });

  if (intent === "recognise") {
    const id = parseId(form.get("id"));
    const recognised = form.get("recognised") === "1";
    const result = await updateQualification(scope, { id, change: { recognised } });
    if (!result.ok && result.failure.kind === "conflict") return readOnly(id, null);
    return respond(result, () => ({ ok: true as const, intent, notice: recognised ? "Marked as recognised for the Standard." : "Marked as not recognised for the Standard." }), {
      values: null as ReturnType<typeof qualificationValues> | null,
      context: { intent, id },
    });
  }

  if (intent !== "create" && intent !== "update") throw new Response("Unknown action", { status: 400 });
  const id = intent === "update" ? parseId(form.get("id")) : null;
  const values = qualificationValues(form);

  if (id != null) {
    const existing = await findVisibleQualification(scope, id);
    if (!existing) throw new Response("Not found", { status: 404 });
    if (existing.organisation_id == null) return readOnly(id, values);
  }

  const parsed = parseForm(form, qualificationSchema);
  if (!parsed.ok) return refused(parsed, { values, context: { intent, id } });
  const entry = parsed.value;
  if (id == null) {
    return respond(await createQualification(scope, entry), () => ({ ok: true as const, intent, notice: `Added “${entry.title}” to your catalogue.` }), {
      values,
      context: { intent, id },
    });
  }
  const result = await updateQualification(scope, { id, change: entry });
  if (!result.ok && result.failure.kind === "conflict") return readOnly(id, values);
  return respond(result, () => ({ ok: true as const, intent, notice: `Saved “${entry.title}”.` }), { values, context: { intent, id } });
}

/** Pathways with the credits the product counts (pathwayCredits), and where that differs from the specification's text. */
function Pathways({ rules, unitTitle }: { rules: CatalogueRules; unitTitle: Map<string, string> }) {
  const rows = rules.pathways.map((p) => ({ pathway: p, credits: pathwayCredits(rules, p) }));
  const differing = rows.filter((r) => r.credits.differsFromStated);
  return (
    <>
      <h3>Pathways</h3>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Pathway</th>
              <th scope="col">Mandatory units</th>
              <th scope="col" className="num">
                Their credits
              </th>
              <th scope="col" className="num">
                Further optional credits
              </th>
              <th scope="col" className="num">
                Credits in all
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ pathway: p, credits }) => (
              <tr key={p.name}>
                <td>{p.name}</td>
                <td>
                  <ul className="reasons">
                    {p.mandatoryUnits.map((u) => (
                      <li key={u}>
                        {u}
                        {unitTitle.has(u) ? ` ${unitTitle.get(u)}` : ""}
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="num">{credits.mandatoryCredits}</td>
                <td className="num">
                  {credits.furtherOptionalCredits}
                  {credits.differsFromStated ? <span className="muted"> (specification: {credits.statedFurtherOptionalCredits})</span> : null}
                </td>
                <td className="num">{credits.totalCredits}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {differing.length > 0 ? (
        <p className="notice info" data-testid="pathway-credits-note">
          {pathwayCreditsNote(rules, differing[0].credits)}
        </p>
      ) : null}
    </>
  );
}

function RulesOfCombination({ entry, rules }: { entry: CatalogueEntry; rules: CatalogueRules }) {
  const unitTitle = new Map(rules.units.map((u) => [u.unitRef, u.title]));
  const groups = [...new Set(rules.units.map((u) => u.group))];
  const headingId = `rules-${entry.id}`;
  return (
    <section className="panel" aria-labelledby={headingId} data-testid={`rules-${entry.id}`}>
      <h2 id={headingId} style={{ marginTop: 0 }}>
        Rules of combination: {entry.title}
      </h2>
      <ul>
        {rules.minimumCredits != null ? <li>At least {plural(rules.minimumCredits, "credit")} in total.</li> : null}
        {rules.mandatoryGroup ? (
          <li>
            Mandatory group: {rules.mandatoryGroup.units.length > 0 ? rules.mandatoryGroup.units.map((u) => `${u}${unitTitle.has(u) ? ` (${unitTitle.get(u)})` : ""}`).join(", ") : "no units listed"}
            {rules.mandatoryGroup.minimumCredits != null ? `; at least ${plural(rules.mandatoryGroup.minimumCredits, "credit")}` : ""}.
          </li>
        ) : null}
        {rules.optionalGroup?.minimumCredits != null ? <li>Optional group: at least {plural(rules.optionalGroup.minimumCredits, "credit")}.</li> : null}
        {rules.totalQualificationTime != null ? (
          <li>
            Total qualification time {rules.totalQualificationTime} hours{rules.guidedLearningHours != null ? ` (${rules.guidedLearningHours} guided learning hours)` : ""}.
          </li>
        ) : null}
      </ul>

      {rules.units.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="table-caption">Units</caption>
            <thead>
              <tr>
                <th scope="col">Unit</th>
                <th scope="col">Title</th>
                <th scope="col" className="num">
                  Level
                </th>
                <th scope="col" className="num">
                  Credits
                </th>
                <th scope="col">Group</th>
              </tr>
            </thead>
            <tbody>
              {rules.units.map((u) => (
                <tr key={u.unitRef}>
                  <td>{u.unitRef}</td>
                  <td>{u.title}</td>
                  <td className="num">{u.level ?? "–"}</td>
                  <td className="num">{u.credits ?? "–"}</td>
                  <td>{u.group === "mandatory" ? "Mandatory" : u.group === "optional" ? "Optional" : u.group}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              {groups.map((g) => (
                <tr key={g}>
                  <td colSpan={3}>{g === "mandatory" ? "Mandatory" : g === "optional" ? "Optional" : g} units available</td>
                  <td className="num">{rules.units.filter((u) => u.group === g).reduce((sum, u) => sum + (u.credits ?? 0), 0)}</td>
                  <td>credits</td>
                </tr>
              ))}
            </tfoot>
          </table>
        </div>
      ) : null}

      {rules.pathways.length > 0 ? <Pathways rules={rules} unitTitle={unitTitle} /> : null}

      {rules.exemptions.length > 0 ? (
        <>
          <h3>Exemptions</h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Unit exempted</th>
                  <th scope="col">By a pass in</th>
                </tr>
              </thead>
              <tbody>
                {rules.exemptions.map((e) => (
                  <tr key={`${e.unitRef}-${e.exemptedBy.unitRef}`}>
                    <td>
                      {e.unitRef}
                      {unitTitle.has(e.unitRef) ? ` ${unitTitle.get(e.unitRef)}` : ""}
                    </td>
                    <td>
                      {e.exemptedBy.unitRef} {e.exemptedBy.title}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <span className="field-error" id={`${id}-error`}>
      {message}
    </span>
  ) : null;
}

export default function Qualifications() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const base = `/orgs/${d.organisation.slug}`;
  const notice = actionData && "notice" in actionData ? actionData.notice : null;
  const failed = actionData && "errors" in actionData ? actionData : null;
  const formIntent = d.editing && !d.editing.shared ? "update" : "create";
  const errors: FormErrors = failed && failed.intent === formIntent ? failed.errors : {};
  const rowError = failed && failed.intent === "recognise" ? failed.errors.form : null;
  const values = failed && failed.intent === formIntent ? failed.values : null;

  useEffect(() => {
    if (notice) formRef.current?.reset();
  }, [notice]);

  const editing = d.editing && !d.editing.shared ? d.editing : null;
  const prefill = values ?? {
    title: editing?.title ?? "",
    code: editing?.code ?? "",
    awardingBody: editing?.awardingBody ?? "",
    level: editing ? String(editing.level) : "",
    ofqualNumber: editing?.ofqualNumber ?? "",
    recognised: editing ? editing.recognised : true,
    typicalMonths: editing?.typicalMonths == null ? "" : String(editing.typicalMonths),
    note: editing?.note ?? "",
  };
  const invalid = (field: QualificationField) => (errors[field] ? { "aria-invalid": true as const, "aria-describedby": `${field}-error` } : {});
  const withRules = d.entries.filter((q) => q.rules);
  const submitting = navigation.state === "submitting";

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Qualifications catalogue</h1>
          <p>
            Qualifications that records can refer to. A record meets a requirement when its qualification is recognised as a housing management qualification and
            its level is at least the level required (Level 4 for senior housing managers, Level 5 for executives).
          </p>
        </div>
      </div>

      {notice ? (
        <p className="notice success" role="status">
          {notice}
        </p>
      ) : null}
      {rowError ? (
        <p className="notice error" role="alert">
          {rowError}
        </p>
      ) : null}
      {d.editing?.shared ? <p className="notice info">“{d.editing.title}” is a shared catalogue entry and is read-only. Add your own entry if you need a different version.</p> : null}

      <section className="panel" aria-labelledby="catalogue-heading">
        <h2 id="catalogue-heading" style={{ marginTop: 0 }}>
          Catalogue ({d.entries.length})
        </h2>
        <div className="table-wrap">
          <table data-testid="catalogue">
            <thead>
              <tr>
                <th scope="col">Qualification</th>
                <th scope="col">Awarding body</th>
                <th scope="col" className="num">
                  Level
                </th>
                <th scope="col">Ofqual number</th>
                <th scope="col">Recognised</th>
                <th scope="col" className="num">
                  Typical length
                </th>
                <th scope="col">Source</th>
                {d.canEdit ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {d.entries.map((q) => (
                <tr key={q.id} data-qualification={q.id}>
                  <td>
                    {q.title}
                    {q.code ? <div className="muted">{q.code}</div> : null}
                    {q.note ? <div className="muted">{q.note}</div> : null}
                    {q.rules ? (
                      <div>
                        <a href={`#rules-${q.id}`}>Rules of combination</a>
                      </div>
                    ) : null}
                    {q.rulesError ? <div className="field-error">{q.rulesError}</div> : null}
                  </td>
                  <td>{q.awardingBody ?? "–"}</td>
                  <td className="num">{q.level}</td>
                  <td>{q.ofqualNumber ?? "–"}</td>
                  <td>{q.recognised ? "Yes" : "No"}</td>
                  <td className="num">{q.typicalMonths == null ? "–" : `${plural(q.typicalMonths, "month")}`}</td>
                  <td>{q.shared ? "Shared catalogue" : "Your organisation"}</td>
                  {d.canEdit ? (
                    <td>
                      {q.shared ? (
                        <span className="muted">Read-only</span>
                      ) : (
                        <>
                          <Link to={`${base}/qualifications?edit=${q.id}#qualification-form`}>Edit</Link>
                          <Form method="post" action={`${base}/qualifications`} className="inline-form">
                            <input type="hidden" name="intent" value="recognise" />
                            <input type="hidden" name="id" value={q.id} />
                            <input type="hidden" name="recognised" value={q.recognised ? "0" : "1"} />
                            <button type="submit" className="secondary small">
                              {q.recognised ? "Mark not recognised" : "Mark recognised"}
                              <span className="visually-hidden">: {q.title}</span>
                            </button>
                          </Form>
                        </>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {d.canEdit ? (
        <section className="panel" aria-labelledby="qualification-form-heading" id="qualification-form">
          <h2 id="qualification-form-heading" style={{ marginTop: 0 }}>
            {editing ? `Edit “${editing.title}”` : "Add a qualification"}
          </h2>
          {errors.form ? (
            <p className="notice error" role="alert">
              {errors.form}
            </p>
          ) : Object.keys(errors).length > 0 ? (
            <p className="notice error" role="alert">
              The qualification was not saved. Check the fields marked below.
            </p>
          ) : null}
          <Form method="post" action={`${base}/qualifications`} ref={formRef} key={editing?.id ?? "new"} noValidate>
            <input type="hidden" name="intent" value={editing ? "update" : "create"} />
            {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
            <div className="field">
              <label htmlFor="title">Title</label>
              <input id="title" name="title" type="text" defaultValue={prefill.title} {...invalid("title")} />
              <FieldError id="title" message={errors.title} />
            </div>
            <div className="form-row">
              <div className="field">
                <label htmlFor="awardingBody">Awarding body</label>
                <input id="awardingBody" name="awardingBody" type="text" defaultValue={prefill.awardingBody} {...invalid("awardingBody")} />
                <FieldError id="awardingBody" message={errors.awardingBody} />
              </div>
              <div className="field">
                <label htmlFor="level">Level (RQF 1–8)</label>
                <select id="level" name="level" defaultValue={prefill.level} {...invalid("level")}>
                  <option value="">Choose…</option>
                  {[1, 2, 3, 4, 5, 6, 7, 8].map((l) => (
                    <option key={l} value={String(l)}>
                      Level {l}
                    </option>
                  ))}
                </select>
                <FieldError id="level" message={errors.level} />
              </div>
              <div className="field">
                <label htmlFor="ofqualNumber">Ofqual number (optional)</label>
                <input id="ofqualNumber" name="ofqualNumber" type="text" placeholder="603/1433/3" defaultValue={prefill.ofqualNumber} {...invalid("ofqualNumber")} />
                <FieldError id="ofqualNumber" message={errors.ofqualNumber} />
              </div>
              <div className="field">
                <label htmlFor="typicalMonths">Typical length (months)</label>
                <input id="typicalMonths" name="typicalMonths" type="number" min={1} max={120} defaultValue={prefill.typicalMonths} {...invalid("typicalMonths")} />
                <FieldError id="typicalMonths" message={errors.typicalMonths} />
              </div>
              <div className="field">
                <label htmlFor="code">Code (optional)</label>
                <input id="code" name="code" type="text" defaultValue={prefill.code} {...invalid("code")} />
                <FieldError id="code" message={errors.code} />
              </div>
            </div>
            <div className="field checkbox-field">
              <div>
                <input id="recognised" name="recognised" type="checkbox" defaultChecked={prefill.recognised} />{" "}
                <label htmlFor="recognised">Recognised housing management qualification for the Standard</label>
              </div>
              <span className="muted">
                Ofqual-regulated housing management qualifications at the required level or higher count; equivalent qualifications (degrees, CIH professional
                qualification, HND, DipHE) count if they meet the content criteria.
              </span>
            </div>
            <div className="field">
              <label htmlFor="note">Note (optional)</label>
              <textarea id="note" name="note" rows={2} defaultValue={prefill.note} {...invalid("note")} />
              <FieldError id="note" message={errors.note} />
            </div>
            <button type="submit" disabled={submitting}>
              {editing ? "Save changes" : "Add to the catalogue"}
            </button>
            {editing ? (
              <>
                {" "}
                <Link to={`${base}/qualifications`} className="button secondary">
                  Cancel
                </Link>
              </>
            ) : null}
          </Form>
        </section>
      ) : null}

      {withRules.map((q) => (
        <RulesOfCombination key={q.id} entry={q} rules={q.rules!} />
      ))}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
