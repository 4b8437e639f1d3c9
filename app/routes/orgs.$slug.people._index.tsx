import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireOrgPermission } from "~/utils/access.server";
import { can } from "~/utils/permissions";
import { asOfFrom, evaluateOrganisation, todayIso } from "~/models/compliance.server";
import { parsePeopleQuery, peopleOptions, peoplePage, type PeopleFilter, type PeopleSort } from "~/models/people.server";
import { formatDateLong } from "~/compliance/dates";
import { COMPLIANCE_STATUSES, RAGS } from "~/compliance/types";
import { CATEGORY_LABELS, RAG_LABELS, RagBadge, STATUS_LABELS, STATUTORY_LABELS, StatutoryBadge } from "~/components/labels";
import { STATUTORY_POSITIONS } from "~/compliance/statutory";
import type { ScopeResult } from "~/compliance/types";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "People · Competence & Conduct" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const url = new URL(request.url);
  const query = parsePeopleQuery(url.searchParams);
  const asOf = asOfFrom(query.asOf);
  const evaluated = await evaluateOrganisation(scope, asOf);
  const page = peoplePage(evaluated, query);
  const filter: PeopleFilter = { ...query.filter, sort: query.sort, dir: query.dir };
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    asOf,
    isToday: asOf === todayIso(),
    filter,
    options: peopleOptions(evaluated),
    canExport: can(user.role, "org.export"),
    ...page,
  };
}

type Filter = PeopleFilter;

const SORT_LABELS: Record<PeopleSort, string> = {
  name: "Name",
  ref: "Reference",
  title: "Job title",
  statutory: "Legal test",
  status: "Status",
  rag: "RAG (against our targets)",
  enrol_by: "Enrol by",
  qualify_by: "Qualify by",
  next: "Next date",
};
const PEOPLE_SORTS = Object.keys(SORT_LABELS) as PeopleSort[];
const CATEGORY_KEYS = Object.keys(CATEGORY_LABELS) as Array<ScopeResult["category"]>;

/** The list's query string (for sort headers, pages and the CSV download); `extra` values of null are dropped. */
function peopleSearchParams(asOf: string | null, filter: Filter, extra: Record<string, string | number | null | undefined> = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (asOf) params.set("asOf", asOf);
  if (filter.q) params.set("q", filter.q);
  for (const key of ["statutory", "status", "rag", "category", "department", "employer", "provider"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (filter.inScope) params.set("inScope", "1");
  if (filter.sort && filter.sort !== "name") params.set("sort", filter.sort);
  if (filter.dir && filter.dir !== "asc") params.set("dir", filter.dir);
  for (const [k, v] of Object.entries(extra)) {
    if (v == null || v === "") params.delete(k);
    else params.set(k, String(v));
  }
  return params;
}

function SortHeader({ sort, label, filter, asOf, base, className }: { sort: PeopleSort; label: string; filter: Filter; asOf: string; base: string; className?: string }) {
  const active = filter.sort === sort;
  const nextDir = active && filter.dir === "asc" ? "desc" : "asc";
  const params = peopleSearchParams(asOf, { ...filter, sort, dir: nextDir }, { page: null });
  return (
    <th className={className} aria-sort={active ? (filter.dir === "desc" ? "descending" : "ascending") : undefined} scope="col">
      <Link to={`${base}?${params}`} className="sort-link">
        {label}
        {active ? <span aria-hidden="true">{filter.dir === "desc" ? " ▼" : " ▲"}</span> : null}
        <span className="visually-hidden">{active ? `, sorted ${filter.dir === "desc" ? "descending" : "ascending"}; select to reverse` : ", select to sort"}</span>
      </Link>
    </th>
  );
}

function Select({ name, label, value, options }: { name: string; label: string; value: string | null | undefined; options: Array<{ value: string; label: string }> }) {
  const known = options.some((o) => o.value === value);
  return (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">Any</option>
        {value && !known ? <option value={value}>{value}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function People() {
  const d = useLoaderData<typeof loader>();
  const base = `/orgs/${d.organisation.slug}/people`;
  const f = d.filter;
  const filterKey = peopleSearchParams(d.asOf, f).toString();
  const csvHref = `/orgs/${d.organisation.slug}/people.csv?${peopleSearchParams(d.asOf, f)}`;
  const pageHref = (page: number) => `${base}?${peopleSearchParams(d.asOf, f, { page })}`;
  const anyFilter = Boolean(f.q || f.statutory || f.status || f.rag || f.category || f.department || f.employer || f.provider || f.inScope);
  const from = d.total === 0 ? 0 : (d.page - 1) * d.pageSize + 1;
  const to = Math.min(d.total, d.page * d.pageSize);
  const asOfQuery = d.isToday ? "" : `?asOf=${d.asOf}`;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>People</h1>
          <p>
            Compliance as of {formatDateLong(d.asOf)}
            {d.isToday ? " (today)" : ""} · leavers are kept and shown
          </p>
        </div>
        {d.canExport ? (
          <a className="button secondary no-print" href={csvHref} download>
            Download these people (CSV)
          </a>
        ) : null}
      </div>

      <Form method="get" className="panel people-filters no-print" aria-label="Filter people" key={filterKey}>
        <div className="filter-grid">
          <div className="field filter-search">
            <label htmlFor="filter-q">Search name, reference or job title</label>
            <input id="filter-q" name="q" type="search" defaultValue={f.q ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="filter-asOf">As of date</label>
            <input id="filter-asOf" name="asOf" type="date" defaultValue={d.asOf} />
          </div>
          <Select name="statutory" label="Legal test" value={f.statutory} options={STATUTORY_POSITIONS.map((s) => ({ value: s, label: STATUTORY_LABELS[s] }))} />
          <Select name="status" label="Status" value={f.status} options={COMPLIANCE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
          <Select name="rag" label="RAG (against our targets)" value={f.rag} options={RAGS.map((r) => ({ value: r, label: RAG_LABELS[r] }))} />
          <Select name="category" label="Category" value={f.category} options={CATEGORY_KEYS.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} />
          <Select name="department" label="Department" value={f.department} options={d.options.departments.map((v) => ({ value: v, label: v }))} />
          <Select name="employer" label="Employer" value={f.employer} options={d.options.employers.map((v) => ({ value: v, label: v }))} />
          <Select name="provider" label="Provider" value={f.provider} options={d.options.providers.map((v) => ({ value: v, label: v }))} />
          <div className="field">
            <label htmlFor="filter-sort">Sort by</label>
            <select id="filter-sort" name="sort" defaultValue={f.sort ?? "name"}>
              {PEOPLE_SORTS.map((s) => (
                <option key={s} value={s}>
                  {SORT_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-dir">Order</label>
            <select id="filter-dir" name="dir" defaultValue={f.dir ?? "asc"}>
              <option value="asc">Ascending (A–Z, earliest first)</option>
              <option value="desc">Descending (Z–A, latest first)</option>
            </select>
          </div>
        </div>
        <div className="form-row">
          <div className="checkbox">
            <input id="filter-inScope" name="inScope" type="checkbox" value="1" defaultChecked={Boolean(f.inScope)} />
            <label htmlFor="filter-inScope">Only people in scope (active and needing a qualification)</label>
          </div>
          <button type="submit">Apply filters</button>
          {anyFilter ? (
            <Link to={`${base}${asOfQuery}`} className="button secondary">
              Clear filters
            </Link>
          ) : null}
        </div>
      </Form>

      <section className="panel" aria-labelledby="people-count">
        <p id="people-count" className="people-count" role="status">
          {d.total === 0 ? (
            "No people match these filters."
          ) : (
            <>
              Showing {from}–{to} of {d.total.toLocaleString("en-GB")} {d.total === 1 ? "person" : "people"}
              {d.counts.inScope !== d.total ? ` (${d.counts.inScope.toLocaleString("en-GB")} in scope)` : ""}: {d.counts.qualified} qualified ·{" "}
              {d.counts.workingTowards} working towards · {d.counts.notEnrolled} not enrolled · {d.counts.inBreach} in breach of the legal test
            </>
          )}
        </p>
        {d.rows.length > 0 ? (
          <div className="table-wrap">
            <table className="people-table" data-testid="people-table">
              <caption className="visually-hidden">People, page {d.page} of {d.pageCount}</caption>
              <thead>
                <tr>
                  <SortHeader sort="statutory" label="Legal test" filter={f} asOf={d.asOf} base={base} />
                  <SortHeader sort="rag" label="RAG (targets)" filter={f} asOf={d.asOf} base={base} />
                  <SortHeader sort="name" label="Name" filter={f} asOf={d.asOf} base={base} />
                  <SortHeader sort="ref" label="Reference" filter={f} asOf={d.asOf} base={base} />
                  <SortHeader sort="title" label="Job title and department" filter={f} asOf={d.asOf} base={base} />
                  <th scope="col">Category</th>
                  <SortHeader sort="status" label="Status" filter={f} asOf={d.asOf} base={base} />
                  <SortHeader sort="enrol_by" label="Enrol by" filter={f} asOf={d.asOf} base={base} />
                  <SortHeader sort="qualify_by" label="Qualify by" filter={f} asOf={d.asOf} base={base} />
                  <SortHeader sort="next" label="Next date" filter={f} asOf={d.asOf} base={base} />
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={r.employeeRef} data-department={r.department}>
                    <td title={r.statutoryReason ?? undefined}>
                      <StatutoryBadge position={r.statutory} />
                    </td>
                    <td>
                      <RagBadge rag={r.rag} />
                    </td>
                    <td>
                      <Link to={`${base}/${encodeURIComponent(r.employeeRef)}${asOfQuery}`}>{r.name}</Link>
                      {r.leftOn && r.status === "left" ? <div className="muted">Left {formatDateLong(r.leftOn)}</div> : null}
                    </td>
                    <td>{r.employeeRef}</td>
                    <td>
                      {r.jobTitle}
                      <div className="muted">
                        {r.department}
                        {r.employer !== "Direct" ? ` · ${r.employer}` : ""}
                      </div>
                    </td>
                    <td>
                      {CATEGORY_LABELS[r.category]}
                      {r.requiredLevel ? <div className="muted">Level {r.requiredLevel}</div> : null}
                    </td>
                    <td>
                      {STATUS_LABELS[r.status]}
                      {r.qualification ? <div className="muted">{r.qualification}</div> : null}
                    </td>
                    <td className="nowrap">{r.enrolBy ? formatDateLong(r.enrolBy) : "–"}</td>
                    <td className="nowrap">{r.qualifyBy ? formatDateLong(r.qualifyBy) : "–"}</td>
                    <td className="nowrap">{r.nextDate ? formatDateLong(r.nextDate) : "–"}</td>
                    <td className="why">
                      {r.statutoryReason ? <div>{r.statutoryReason}</div> : null}
                      <div className={r.statutoryReason ? "muted" : undefined}>{r.statutoryReason ? `Against our targets: ${r.ragReason}` : r.ragReason}</div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {d.pageCount > 1 ? (
          <nav className="pagination no-print" aria-label="Pages">
            {d.page > 1 ? (
              <Link to={pageHref(d.page - 1)} rel="prev">
                ← Previous
              </Link>
            ) : (
              <span className="muted">← Previous</span>
            )}
            <span>
              Page {d.page} of {d.pageCount}
            </span>
            {d.page < d.pageCount ? (
              <Link to={pageHref(d.page + 1)} rel="next">
                Next →
              </Link>
            ) : (
              <span className="muted">Next →</span>
            )}
          </nav>
        ) : null}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
