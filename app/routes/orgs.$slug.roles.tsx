import { plural } from "~/utils/plural";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, type ChangeEvent } from "react";
import { requireOrgPermission } from "~/utils/access.server";
import { can } from "~/utils/permissions";
import { cachedEvaluation, evaluateOrganisation } from "~/models/compliance.server";
import { decideScope, decisionImpact, impactNotice, loadRoleMapping, type DecisionView, type RoleTitle } from "~/models/scope-decisions.server";
import { formatDateLong } from "~/compliance/dates";
import { scopeDecisionForm } from "~/compliance/record-rules";
import { mapFailureFields } from "~/models/result";
import { parseForm, refused, respond } from "~/utils/respond.server";
import { normaliseJobTitle, requiredLevelFor } from "~/compliance/scope";
import { CATEGORIES, type Category } from "~/compliance/types";
import { CATEGORY_LABELS } from "~/components/labels";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { RoleSuggestion } from "~/models/role-suggestions";

export const meta: MetaFunction = () => [{ title: "Role mapping · Competence & Conduct" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const url = new URL(request.url);
  const today = scope.today;
  const mapping = await loadRoleMapping(scope, today);
  const editParam = url.searchParams.get("edit");
  const edit = editParam ? normaliseJobTitle(editParam) : null;
  const editDecision =
    (edit && (mapping.titles.find((t) => t.normalised === edit)?.decision ?? mapping.orphanDecisions.find((d) => d.normalised === edit))) || null;
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    today,
    canDecide: can(user.role, "org.decide"),
    canExport: can(user.role, "org.export"),
    edit,
    editDecision,
    ...mapping,
  };
}

/* The page ticks job titles as repeated `title` fields; the shared schema names the list `titles`. */
const decisionPost = scopeDecisionForm.omit({ titles: true }).extend({ title: scopeDecisionForm.shape.titles });

type DecisionField = "titles" | "category" | "timeManagingPct" | "rationale" | "reviewDate";
type FieldErrors = Partial<Record<DecisionField | "form", string>>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireOrgPermission(request, params.slug, "org.decide");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "decide");
  if (intent !== "decide") throw new Response("Unknown action", { status: 400 });
  const values = {
    titles: form.getAll("title").map(String),
    category: String(form.get("category") ?? ""),
    timeManagingPct: String(form.get("timeManagingPct") ?? ""),
    rationale: String(form.get("rationale") ?? ""),
    reviewDate: String(form.get("reviewDate") ?? ""),
  };
  const parsed = mapFailureFields(parseForm(form, decisionPost), (field) => (field === "title" ? { field: "titles", prefix: "" } : null));
  if (!parsed.ok) return refused(parsed, { values });
  const { title: titles, ...decision } = parsed.value;
  // The figures before the write from the copy this worker holds when it is current (no evaluation); only a worker
  // holding none loads it here, so the evaluation after the write is a partial reload of the decisions (0056).
  const before = (await cachedEvaluation(scope, scope.today)) ?? (await evaluateOrganisation(scope, scope.today));
  const result = await decideScope(scope, {
    jobTitles: titles,
    category: decision.category,
    timeManagingPct: decision.timeManagingPct,
    rationale: decision.rationale,
    reviewDate: decision.reviewDate,
  });
  return respond(
    result,
    async (changes) => {
      const impact = await decisionImpact(scope, titles, scope.today);
      return { ok: true as const, notice: impactNotice(changes.length, decision.category, impact, before.measures.inScope), decided: changes.map((c) => c.jobTitle) };
    },
    { values },
  );
}

function levelText(category: Category): string {
  const level = requiredLevelFor(category);
  return level != null ? `Level ${level}` : "no qualification";
}

function SuggestionText({ suggestion }: { suggestion: RoleSuggestion | null }) {
  if (!suggestion) return <span className="muted">No suggestion</span>;
  return (
    <span className="suggestion" title={suggestion.note ?? undefined}>
      Suggested: {CATEGORY_LABELS[suggestion.category]} ({levelText(suggestion.category)})
      <span className="muted">
        {" "}
        · {suggestion.explanation}
        {suggestion.note ? `: ${suggestion.note}` : ""}
      </span>
    </span>
  );
}

function ReviewCell({ decision }: { decision: DecisionView }) {
  if (!decision.reviewDate) return <span className="muted">No review date</span>;
  if (decision.reviewOverdue) return <strong className="overdue">Review overdue since {formatDateLong(decision.reviewDate)}</strong>;
  return <>Review by {formatDateLong(decision.reviewDate)}</>;
}

function DecisionCells({ decision }: { decision: DecisionView }) {
  return (
    <>
      <td>
        {CATEGORY_LABELS[decision.category]}
        <div className="muted">{levelText(decision.category)}</div>
      </td>
      <td className="num">{decision.timeManagingPct == null ? "–" : `${decision.timeManagingPct}%`}</td>
      <td className="rationale">
        {decision.rationale || <span className="muted">No rationale recorded</span>}
        {decision.checks.length > 0 ? (
          <ul className="consistency-checks" aria-label="Scope consistency checks">
            {decision.checks.map((c) => (
              <li key={c.code} className="overdue" data-check={c.code}>
                Check: {c.message}
              </li>
            ))}
          </ul>
        ) : null}
      </td>
      <td>
        {decision.decidedOn ? formatDateLong(decision.decidedOn) : "–"}
        {decision.decidedBy ? <div className="muted">{decision.decidedBy}</div> : null}
      </td>
      <td>
        <ReviewCell decision={decision} />
      </td>
    </>
  );
}

function SelectAll({ id, label }: { id: string; label: string }) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!hydrated) return null;
  const toggle = (e: ChangeEvent<HTMLInputElement>) => {
    const checked = e.currentTarget.checked;
    e.currentTarget
      .closest("table")
      ?.querySelectorAll<HTMLInputElement>('input[name="title"]')
      .forEach((box) => {
        box.checked = checked;
      });
  };
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input id={id} type="checkbox" onChange={toggle} />
    </>
  );
}

interface TableProps {
  selectable: boolean;
  selected: ReadonlySet<string>;
  editHref: (normalised: string) => string;
}

function UnmappedTable({ rows, selectable, selected, editHref }: TableProps & { rows: RoleTitle[] }) {
  return (
    <div className="table-wrap">
      <table data-testid="unmapped-titles">
        <thead>
          <tr>
            {selectable ? (
              <th scope="col">
                <SelectAll id="select-all-unmapped" label="Tick every unmapped job title" />
              </th>
            ) : null}
            <th scope="col">Job title</th>
            <th scope="col" className="num">
              People
            </th>
            <th scope="col">Suggestion (a starting point: you decide)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t, i) => (
            <tr key={t.normalised} data-title={t.jobTitle}>
              {selectable ? (
                <td>
                  <input type="checkbox" id={`unmapped-${i}`} name="title" value={t.jobTitle} defaultChecked={selected.has(t.normalised)} />
                </td>
              ) : null}
              <td>
                {selectable ? <label htmlFor={`unmapped-${i}`}>{t.jobTitle}</label> : t.jobTitle}
                {t.otherSpellings.length > 0 ? <div className="muted">Also written: {t.otherSpellings.join(", ")}</div> : null}
              </td>
              <td className="num">{t.people}</td>
              <td>
                <SuggestionText suggestion={t.suggestion} />
                {selectable ? (
                  <div>
                    <Link to={editHref(t.normalised)}>Decide this title</Link>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DecidedTable({
  rows,
  selectable,
  selected,
  editHref,
  idPrefix,
  showPeople,
}: TableProps & { rows: Array<{ normalised: string; jobTitle: string; people: number | null; decision: DecisionView; suggestion: RoleSuggestion | null; otherSpellings: string[] }>; idPrefix: string; showPeople: boolean }) {
  return (
    <div className="table-wrap">
      <table data-testid={`${idPrefix}-titles`}>
        <thead>
          <tr>
            {selectable ? (
              <th scope="col">
                <SelectAll id={`select-all-${idPrefix}`} label="Tick every job title in this table" />
              </th>
            ) : null}
            <th scope="col">Job title</th>
            {showPeople ? (
              <th scope="col" className="num">
                People
              </th>
            ) : null}
            <th scope="col">Decision</th>
            <th scope="col" className="num">
              Time managing housing
            </th>
            <th scope="col">Rationale</th>
            <th scope="col">Decided</th>
            <th scope="col">Review</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t, i) => (
            <tr key={t.normalised} data-title={t.jobTitle} className={t.decision.reviewOverdue ? "row-overdue" : undefined}>
              {selectable ? (
                <td>
                  <input type="checkbox" id={`${idPrefix}-${i}`} name="title" value={t.jobTitle} defaultChecked={selected.has(t.normalised)} />
                </td>
              ) : null}
              <td>
                {selectable ? <label htmlFor={`${idPrefix}-${i}`}>{t.jobTitle}</label> : t.jobTitle}
                {t.otherSpellings.length > 0 ? <div className="muted">Also written: {t.otherSpellings.join(", ")}</div> : null}
                {t.suggestion && t.suggestion.category !== t.decision.category ? (
                  <div className="muted">Suggested: {CATEGORY_LABELS[t.suggestion.category]}</div>
                ) : null}
                {selectable ? (
                  <div>
                    <Link to={editHref(t.normalised)}>Change</Link>
                  </div>
                ) : null}
              </td>
              {showPeople ? <td className="num">{t.people}</td> : null}
              <DecisionCells decision={t.decision} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function RoleMapping() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const base = `/orgs/${d.organisation.slug}`;
  const errors: FieldErrors = actionData && "errors" in actionData ? actionData.errors : {};
  const values = actionData && "values" in actionData ? actionData.values : null;
  const notice = actionData && "notice" in actionData ? actionData.notice : null;

  useEffect(() => {
    if (notice) formRef.current?.reset();
  }, [notice]);

  const selected = new Set<string>(values ? values.titles.map(normaliseJobTitle) : d.edit ? [d.edit] : []);
  const prefill = values ?? {
    category: d.editDecision?.category ?? "",
    timeManagingPct: d.editDecision?.timeManagingPct == null ? "" : String(d.editDecision.timeManagingPct),
    rationale: d.editDecision?.rationale ?? "",
    reviewDate: d.editDecision?.reviewDate ?? "",
  };
  const editHref = (normalised: string) => `${base}/roles?edit=${encodeURIComponent(normalised)}#decision`;
  const unmapped = d.titles.filter((t) => !t.decision);
  const decided = d.titles.filter((t) => t.decision).map((t) => ({ ...t, decision: t.decision! }));
  const orphans = d.orphanDecisions.map((o) => ({ normalised: o.normalised, jobTitle: o.jobTitle, people: null, decision: o, suggestion: null, otherSpellings: [] }));
  const tableProps = { selectable: d.canDecide, selected, editHref };
  const submitting = navigation.state === "submitting";
  const hasErrors = Object.keys(errors).length > 0;

  const content = (
    <>
      <section className="panel" aria-labelledby="unmapped-heading">
        <h2 id="unmapped-heading" style={{ marginTop: 0 }}>
          Decisions needed ({plural(d.summary.unmappedTitles, "title")}, {plural(d.summary.unmappedPeople, "person")})
        </h2>
        {unmapped.length === 0 ? (
          <p>Every job title held by current staff has a decision.</p>
        ) : (
          <>
            <p className="muted">
              Suggestions come from common housing job titles and keywords in the title. They are only a starting point: each landlord decides who is in scope
              and must be able to justify it to the regulator.
            </p>
            <UnmappedTable rows={unmapped} {...tableProps} />
          </>
        )}
      </section>

      {d.canDecide ? (
        <fieldset className="panel decision-panel" id="decision" aria-describedby={errors.titles ? "titles-error" : undefined}>
          <legend>{d.editDecision && !values ? `Change the decision for “${d.editDecision.jobTitle}”` : "Decide the ticked job titles"}</legend>
          <p className="muted">
            Tick one or more job titles (above or below), then record one decision for all of them. A senior housing manager (Level 4) or executive (Level 5)
            usually spends more than half of their time managing housing services, or that work is an important and substantial part of the role.
          </p>
          {errors.titles ? (
            <p className="field-error" id="titles-error">
              {errors.titles}
            </p>
          ) : null}
          <div className="form-row">
            <div className="field">
              <label htmlFor="category">Category</label>
              <select id="category" name="category" defaultValue={prefill.category} aria-invalid={errors.category ? true : undefined} aria-describedby={errors.category ? "category-error" : undefined}>
                <option value="">Choose a category…</option>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {CATEGORY_LABELS[c]} ({levelText(c)})
                  </option>
                ))}
              </select>
              {errors.category ? (
                <span className="field-error" id="category-error">
                  {errors.category}
                </span>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="timeManagingPct">Time managing housing services (%)</label>
              <input
                id="timeManagingPct"
                name="timeManagingPct"
                type="number"
                min={0}
                max={100}
                step={1}
                defaultValue={prefill.timeManagingPct}
                aria-invalid={errors.timeManagingPct ? true : undefined}
                aria-describedby={errors.timeManagingPct ? "timeManagingPct-error" : undefined}
              />
              {errors.timeManagingPct ? (
                <span className="field-error" id="timeManagingPct-error">
                  {errors.timeManagingPct}
                </span>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="reviewDate">Review date</label>
              <input
                id="reviewDate"
                name="reviewDate"
                type="date"
                defaultValue={prefill.reviewDate}
                aria-invalid={errors.reviewDate ? true : undefined}
                aria-describedby={errors.reviewDate ? "reviewDate-error" : undefined}
              />
              {errors.reviewDate ? (
                <span className="field-error" id="reviewDate-error">
                  {errors.reviewDate}
                </span>
              ) : null}
            </div>
          </div>
          <div className="field">
            <label htmlFor="rationale">Rationale (required)</label>
            <textarea
              id="rationale"
              name="rationale"
              rows={3}
              defaultValue={prefill.rationale}
              aria-invalid={errors.rationale ? true : undefined}
              aria-describedby={errors.rationale ? "rationale-error rationale-hint" : "rationale-hint"}
            />
            <span className="muted" id="rationale-hint">
              Why these titles are (or are not) senior housing roles, e.g. “Manages the voids team; about 70% of time on housing services”.
            </span>
            {errors.rationale ? (
              <span className="field-error" id="rationale-error">
                {errors.rationale}
              </span>
            ) : null}
          </div>
          <button type="submit" disabled={submitting}>
            {submitting ? "Saving…" : "Save decision for the ticked titles"}
          </button>
          {d.edit ? (
            <>
              {" "}
              <Link to={`${base}/roles`} className="button secondary">
                Cancel
              </Link>
            </>
          ) : null}
        </fieldset>
      ) : null}

      <section className="panel" aria-labelledby="decided-heading">
        <h2 id="decided-heading" style={{ marginTop: 0 }}>
          Decided titles ({d.summary.decidedTitles})
        </h2>
        {d.summary.inconsistent > 0 ? (
          <p className="notice info" data-testid="consistency-notice">
            {plural(d.summary.inconsistent, "decision fails", "decisions fail")} a scope consistency check (marked “Check” below):
            the category, the time managing housing services and the rationale do not agree. Correct the decision or explain it in the rationale.
          </p>
        ) : null}
        {d.summary.reviewOverdue > 0 ? (
          <p className="notice info">
            {plural(d.summary.reviewOverdue, "decision is", "decisions are")} past the review date. Review the rationale and save the
            decision again (with a new review date).
          </p>
        ) : null}
        {decided.length === 0 ? <p>No job title held by current staff has a decision yet.</p> : <DecidedTable rows={decided} idPrefix="decided" showPeople {...tableProps} />}
      </section>

      {orphans.length > 0 ? (
        <section className="panel" aria-labelledby="orphan-heading">
          <h2 id="orphan-heading" style={{ marginTop: 0 }}>
            Decisions for titles no current staff hold ({orphans.length})
          </h2>
          <p className="muted">Kept for people who join with these titles later, and as the record of what was decided.</p>
          <DecidedTable rows={orphans} idPrefix="orphan" showPeople={false} {...tableProps} />
        </section>
      ) : null}
    </>
  );

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Role mapping</h1>
          <p>
            Which job titles are in scope of the qualification duty: senior housing executives need Level 5, senior housing managers Level 4. Counts are active
            staff on {formatDateLong(d.today)}.
          </p>
        </div>
        {d.canExport ? (
          <a className="button secondary" href={`/orgs/${d.organisation.slug}/exports/scope-decisions.csv?asOf=${d.today}`}>
            Download the decisions (CSV)
          </a>
        ) : null}
      </div>

      {notice ? (
        <p className="notice success" role="status" data-testid="decision-notice">
          {notice}
        </p>
      ) : null}
      {hasErrors ? (
        <p className="notice error" role="alert">
          The decision was not saved. Check the fields marked below.
        </p>
      ) : null}
      {!d.canDecide ? <p className="notice info">You can read the role mapping. HR leads and consultants record the decisions.</p> : null}

      <section className="tiles" aria-label="Role mapping summary">
        <div className="tile" data-measure="titles">
          <div className="label">Job titles held</div>
          <div className="value">{d.summary.titles}</div>
        </div>
        <div className="tile" data-measure="unmapped-titles">
          <div className="label">Titles needing a decision</div>
          <div className="value">{d.summary.unmappedTitles}</div>
          <div className="sub">{plural(d.summary.unmappedPeople, "person")}</div>
        </div>
        <div className="tile" data-measure="reviews-overdue">
          <div className="label">Reviews overdue</div>
          <div className="value">{d.summary.reviewOverdue}</div>
        </div>
        <div className="tile" data-measure="consistency-checks">
          <div className="label">Decisions to check</div>
          <div className="value">{d.summary.inconsistent}</div>
          <div className="sub">category, time and rationale disagree</div>
        </div>
      </section>

      {d.canDecide ? (
        <Form method="post" action={`${base}/roles`} ref={formRef} key={d.edit ?? ""} noValidate>
          <input type="hidden" name="intent" value="decide" />
          {content}
        </Form>
      ) : (
        content
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
