import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireOrgPermission } from "~/utils/access.server";
import { can } from "~/utils/permissions";
import { AUDIT_PAGE_SIZE, auditEvents, type AuditFilter } from "~/models/audit-log.server";

export function auditFilterFrom(url: URL): AuditFilter {
  const date = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
  return {
    action: url.searchParams.get("action") || null,
    actor: url.searchParams.get("actor")?.slice(0, 200) || null,
    entity: url.searchParams.get("entity") || null,
    from: date(url.searchParams.get("from")),
    to: date(url.searchParams.get("to")),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const url = new URL(request.url);
  const filter = auditFilterFrom(url);
  const page = Math.max(1, Math.min(100_000, Number(url.searchParams.get("page")) || 1));
  const result = await auditEvents(scope, filter, page);
  return { slug: organisation.slug, filter, page, ...result, canExport: can(user.role, "org.export"), query: url.searchParams.toString() };
}

function Json({ value }: { value: string | null }) {
  if (!value) return <span className="muted">–</span>;
  let pretty = value;
  try {
    pretty = JSON.stringify(JSON.parse(value), null, 1);
  } catch {
    // stored text that is not JSON is shown as it is
  }
  return (
    <details>
      <summary>Show</summary>
      <pre className="audit-json">{pretty}</pre>
    </details>
  );
}

export default function AuditTrail() {
  const d = useLoaderData<typeof loader>();
  const base = `/orgs/${d.slug}`;
  const pages = Math.max(1, Math.ceil(d.total / AUDIT_PAGE_SIZE));
  const pageHref = (p: number) => {
    const q = new URLSearchParams(d.query);
    q.set("page", String(p));
    return `?${q.toString()}`;
  };
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Audit trail</h1>
          <p>Every change people made: scope decisions, overrides, records, settings, imports and undo, with before and after.</p>
        </div>
        {d.canExport ? (
          <a className="button secondary" href={`${base}/audit.csv?${d.query}`}>
            Download CSV
          </a>
        ) : null}
      </div>
      <Form method="get" className="panel form-row">
        <div className="field">
          <label htmlFor="action">Action</label>
          <select id="action" name="action" defaultValue={d.filter.action ?? ""}>
            <option value="">Any</option>
            {d.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="actor">Who</label>
          <input id="actor" name="actor" type="text" defaultValue={d.filter.actor ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="from">From</label>
          <input id="from" name="from" type="date" defaultValue={d.filter.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">To</label>
          <input id="to" name="to" type="date" defaultValue={d.filter.to ?? ""} />
        </div>
        <div className="field">
          <button type="submit">Filter</button>
        </div>
      </Form>
      <p>
        {d.total} events{d.total > AUDIT_PAGE_SIZE ? `, page ${d.page} of ${pages}` : ""}.
      </p>
      <div className="table-wrap">
        <table data-testid="audit">
          <thead>
            <tr>
              <th>When (UTC)</th>
              <th>Who</th>
              <th>Action</th>
              <th>What</th>
              <th>Before</th>
              <th>After</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((e) => (
              <tr key={e.id}>
                <td>{e.at.slice(0, 19).replace("T", " ")}</td>
                <td>{e.actor}</td>
                <td>{e.action}</td>
                <td>{e.summary}</td>
                <td>
                  <Json value={e.before_json} />
                </td>
                <td>
                  <Json value={e.after_json} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav className="pagination" aria-label="Pages">
          {d.page > 1 ? <Link to={pageHref(d.page - 1)}>Previous</Link> : null}
          <span>
            Page {d.page} of {pages}
          </span>
          {d.page < pages ? <Link to={pageHref(d.page + 1)}>Next</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
