import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireOrgPermission } from "~/utils/access.server";
import { can } from "~/utils/permissions";
import { asOfFrom } from "~/models/compliance.server";
import { compareSnapshots, listSnapshots, takeSnapshot } from "~/models/snapshots.server";
import { parseForm, refused } from "~/utils/respond.server";
import { textForm } from "~/utils/text-form";
import { formatDateLong, isIsoDate } from "~/compliance/dates";
import { STATUS_LABELS, pct } from "~/components/labels";
import type { ComplianceStatus } from "~/compliance/types";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const url = new URL(request.url);
  const snapshots = await listSnapshots(scope);
  const a = Number(url.searchParams.get("compareFrom"));
  const b = Number(url.searchParams.get("compareTo"));
  const comparison = a > 0 && b > 0 ? await compareSnapshots(scope, a, b) : null;
  if (a > 0 && b > 0 && !comparison) throw new Response("Not found", { status: 404 });
  return {
    slug: organisation.slug,
    asOf: asOfFrom(url.searchParams.get("asOf")),
    snapshots: snapshots.map((s) => ({ id: s.id, label: s.label, takenAt: s.takenAt, asOf: s.asOf, trigger: s.trigger, takenBy: s.takenBy, inScope: s.measures.inScope, pctQualified: s.measures.pctQualified, pctQualifiedOrEnrolled: s.measures.pctQualifiedOrEnrolled })),
    comparison,
    canSnapshot: can(user.role, "org.snapshot"),
    canExport: can(user.role, "org.export"),
  };
}

const snapshotSchema = textForm({
  label: z.string().trim().min(1, "Give the snapshot a label, e.g. “Board pack November 2026”").max(200, "Keep the label under 200 characters"),
  asOf: z.string().refine((v) => v === "" || isIsoDate(v), "Use a real date"),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { organisation, scope } = await requireOrgPermission(request, params.slug, "org.snapshot");
  const form = await request.formData();
  const parsed = parseForm(form, snapshotSchema);
  if (!parsed.ok) return refused(parsed, { values: { label: String(form.get("label") ?? "") } });
  const { id } = await takeSnapshot(scope, { label: parsed.value.label, trigger: "manual", asOf: parsed.value.asOf || undefined });
  return redirect(`/orgs/${organisation.slug}/reports/executive?snapshot=${id}`);
}

export default function Reports() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const base = `/orgs/${d.slug}`;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Reports and evidence</h1>
          <p>Board reports, saved snapshots and the evidence exports a regulator may ask for.</p>
        </div>
      </div>
      <section className="panel">
        <h2 style={{ marginTop: 0 }}>Executive report</h2>
        <p>One printable page of headline measures, milestones, charts, breakdowns and a narrative, for any date or saved snapshot.</p>
        <Link className="button" to={`${base}/reports/executive?asOf=${d.asOf}`}>
          Open the executive report
        </Link>
      </section>

      {d.canSnapshot ? (
        <section className="panel" id="save-snapshot">
          <h2 style={{ marginTop: 0 }}>Save for board pack</h2>
          <p>A snapshot freezes today's measures and every person's status, reasons and dates. It never changes afterwards.</p>
          <Form method="post" className="form-row">
            <div className="field">
              <label htmlFor="label">Label</label>
              <input id="label" name="label" type="text" defaultValue={actionData?.values.label ?? ""} aria-describedby="label-error" size={40} />
              {actionData?.errors.label ? <span id="label-error" className="field-error">{actionData.errors.label}</span> : null}
            </div>
            <div className="field">
              <label htmlFor="snapshot-asOf">As of</label>
              <input id="snapshot-asOf" name="asOf" type="date" defaultValue={params.get("asOf") ?? d.asOf} />
            </div>
            <div className="field">
              <button type="submit">Save snapshot</button>
            </div>
          </Form>
        </section>
      ) : null}

      <section className="panel">
        <h2 style={{ marginTop: 0 }}>Snapshots</h2>
        {d.snapshots.length === 0 ? (
          <p>No snapshots yet. One is taken after every applied import, and you can save one for a board pack.</p>
        ) : (
          <>
            <div className="table-wrap">
              <table data-testid="snapshots">
                <thead>
                  <tr>
                    <th>Label</th>
                    <th>Taken</th>
                    <th>As of</th>
                    <th>How</th>
                    <th className="num">In scope</th>
                    <th className="num">% qualified</th>
                    <th className="num">% qualified or enrolled</th>
                  </tr>
                </thead>
                <tbody>
                  {d.snapshots.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <Link to={`${base}/reports/executive?snapshot=${s.id}`}>{s.label}</Link>
                      </td>
                      <td>
                        {s.takenAt.slice(0, 16).replace("T", " ")} by {s.takenBy}
                      </td>
                      <td>{formatDateLong(s.asOf)}</td>
                      <td>{s.trigger === "import" ? "After an import" : s.trigger === "cli" ? "Command line" : "Saved by hand"}</td>
                      <td className="num">{s.inScope}</td>
                      <td className="num">{pct(s.pctQualified)}</td>
                      <td className="num">{pct(s.pctQualifiedOrEnrolled)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {d.snapshots.length > 1 ? (
              <Form method="get" className="form-row" style={{ marginTop: "0.75rem" }}>
                <div className="field">
                  <label htmlFor="compareFrom">Compare</label>
                  <select id="compareFrom" name="compareFrom" defaultValue={String(d.comparison?.before.id ?? d.snapshots[1].id)}>
                    {d.snapshots.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.label} ({s.asOf})
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="compareTo">with</label>
                  <select id="compareTo" name="compareTo" defaultValue={String(d.comparison?.after.id ?? d.snapshots[0].id)}>
                    {d.snapshots.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.label} ({s.asOf})
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <button type="submit">Compare</button>
                </div>
              </Form>
            ) : null}
          </>
        )}
        {d.comparison ? (
          <div data-testid="comparison">
            <h3>
              {d.comparison.before.label} → {d.comparison.after.label}
            </h3>
            <table>
              <thead>
                <tr>
                  <th>Measure</th>
                  <th className="num">{d.comparison.before.label}</th>
                  <th className="num">{d.comparison.after.label}</th>
                </tr>
              </thead>
              <tbody>
                {(
                  [
                    ["People in scope", (m: typeof d.comparison.before.measures) => String(m.inScope)],
                    ["Qualified", (m: typeof d.comparison.before.measures) => `${m.qualified} (${pct(m.pctQualified)})`],
                    ["Qualified or enrolled", (m: typeof d.comparison.before.measures) => `${m.qualified + m.workingTowards} (${pct(m.pctQualifiedOrEnrolled)})`],
                    ["Not enrolled", (m: typeof d.comparison.before.measures) => String(m.notEnrolled)],
                    ["Decisions needed", (m: typeof d.comparison.before.measures) => String(m.unmappedCount)],
                    ["Red / amber", (m: typeof d.comparison.before.measures) => `${m.countsByRag.red} / ${m.countsByRag.amber}`],
                  ] as const
                ).map(([label, value]) => (
                  <tr key={label}>
                    <td>{label}</td>
                    <td className="num">{value(d.comparison!.before.measures)}</td>
                    <td className="num">{value(d.comparison!.after.measures)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>People whose status changed ({d.comparison.changedPeople.length})</h3>
            {d.comparison.changedPeople.length === 0 ? (
              <p>Nobody's status or RAG changed.</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th>Person</th>
                    <th>Before</th>
                    <th>After</th>
                  </tr>
                </thead>
                <tbody>
                  {d.comparison.changedPeople.map((p) => (
                    <tr key={p.employeeRef}>
                      <td>
                        {p.name} <span className="muted">{p.employeeRef}</span>
                      </td>
                      <td>{p.before ? `${STATUS_LABELS[p.before.status as ComplianceStatus] ?? p.before.status} (${p.before.rag})` : "Not in the snapshot"}</td>
                      <td>{p.after ? `${STATUS_LABELS[p.after.status as ComplianceStatus] ?? p.after.status} (${p.after.rag})` : "Not in the snapshot"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        ) : null}
      </section>

      {d.canExport ? (
        <section className="panel">
          <h2 style={{ marginTop: 0 }}>Evidence exports (CSV)</h2>
          <ul>
            <li>
              <a href={`${base}/people.csv?asOf=${d.asOf}`}>People and status</a> (the same columns as the command line's <code>export status</code>; filter on the People page first to export a subset)
            </li>
            <li>
              <a href={`${base}/exports/scope-decisions.csv?asOf=${d.asOf}`}>Scope decisions</a> with rationale, who decided, and review dates
            </li>
            <li>
              <a href={`${base}/exports/qualification-records.csv`}>Qualification records</a> with certificate references and who verified the evidence
            </li>
            <li>
              <a href={`${base}/exports/import-history.csv`}>Import history</a> with file names, SHA-256 and counts
            </li>
          </ul>
        </section>
      ) : null}
    </>
  );
}
