import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { ColumnMappingTable, ImportErrors } from "~/components/import-review";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { requireOrgPermission } from "~/utils/access.server";
import { getDb } from "~/utils/db.server";
import { applyStaged, discardStaged, getStaged, stagedPreview, updateStaged } from "~/models/import-staging.server";
import { takeSnapshot } from "~/models/snapshots.server";
import { recordAudit } from "~/models/audit.server";
import { listMappingProfiles, saveMappingProfile, validateMapping, ImportUsageError, UploadAlreadyAppliedError } from "~/models/importers.server";
import { DatabaseBusyError } from "../../db/sqlite-dialect";
import { withNotice } from "~/utils/notice.server";

function stagedOr404(organisationId: number, token: string | undefined) {
  const staged = getStaged(organisationId, token ?? "");
  if (!staged) throw new Response("Not found", { status: 404 });
  return staged;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation } = await requireOrgPermission(request, params.slug, "org.import");
  const staged = stagedOr404(organisation.id, params.token);
  const db = getDb();
  const { inspect, preview } = await stagedPreview(db, staged, user.email, organisation.date_order);
  const profiles = await listMappingProfiles({ db, organisationId: organisation.id, kind: staged.kind });
  return {
    slug: organisation.slug,
    staged: { token: staged.token, kind: staged.kind, mode: staged.mode, fileName: staged.fileName, uploadedAt: staged.uploadedAt, uploadedBy: staged.uploadedBy },
    inspect: { headers: inspect.headers, fields: inspect.fields, sampleRows: inspect.sampleRows, rowCount: inspect.rowCount },
    detected: preview.detected,
    counts: preview.counts,
    changes: preview.changes.slice(0, 200),
    leavers: preview.changes.filter((c) => c.action === "leaver").slice(0, 200),
    errors: preview.errors.slice(0, 200),
    warnings: preview.warnings,
    profiles: profiles.map((p) => ({ id: p.id, name: p.name })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, organisation } = await requireOrgPermission(request, params.slug, "org.import");
  const staged = stagedOr404(organisation.id, params.token);
  const db = getDb();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const base = `/orgs/${organisation.slug}/imports`;
  const mappingFromForm = () => {
    const mapping: Record<string, string> = {};
    for (const [key, value] of form.entries()) if (key.startsWith("map.") && typeof value === "string") mapping[key.slice(4)] = value;
    return validateMapping(staged.kind, mapping);
  };
  try {
    switch (intent) {
      case "remap":
        updateStaged(staged, { mapping: mappingFromForm(), mode: staged.kind === "staff" && form.get("mode") === "partial" ? "partial" : "full" });
        return redirect(`${base}/${staged.token}`);
      case "use-profile": {
        const profile = (await listMappingProfiles({ db, organisationId: organisation.id, kind: staged.kind })).find((p) => p.id === Number(form.get("profileId")));
        if (!profile) return data({ error: "Choose a saved mapping." }, { status: 400 });
        updateStaged(staged, { mapping: profile.mapping });
        return redirect(`${base}/${staged.token}`);
      }
      case "save-profile": {
        const name = String(form.get("profileName") ?? "");
        const mapping = mappingFromForm();
        const profile = await saveMappingProfile({ db, organisationId: organisation.id, kind: staged.kind, name, mapping });
        await recordAudit(db, { userId: user.id, name: user.email }, { organisationId: organisation.id, action: "mapping_profile.save", entity: "mapping_profile", entityId: profile.id, summary: `Saved the ${staged.kind} mapping "${profile.name}"`, after: mapping });
        updateStaged(staged, { mapping });
        return redirect(`${base}/${staged.token}`);
      }
      case "discard":
        discardStaged(staged);
        return redirect(withNotice(`${base}`, `Discarded ${staged.fileName}; nothing was imported.`));
      case "apply": {
        const result = await applyStaged(db, staged, { userId: user.id, name: user.email });
        if (result.status !== "applied") {
          return data({ error: `The file was rejected: ${result.counts.errors} errors. Nothing was written. Download the errors, correct the mapping or the file, and try again.`, importRunId: result.importRunId }, { status: 422 });
        }
        const snapshot = await takeSnapshot(db, { organisationId: organisation.id, label: `After ${staged.kind} import ${result.importRunId}`, trigger: "import", importRunId: result.importRunId }, { userId: user.id, name: user.email });
        discardStaged(staged);
        const c = result.counts;
        const notice = `Imported ${staged.fileName}: ${c.added} added, ${c.changed} changed, ${c.unchanged} unchanged${staged.kind === "staff" && staged.mode === "full" ? `, ${c.leavers} marked as leavers` : ""}. Snapshot ${snapshot.id} saved.`;
        return redirect(withNotice(`${base}`, notice));
      }
      default:
        return data({ error: "Unknown action." }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof ImportUsageError) return data({ error: error.message }, { status: 400 });
    if (error instanceof UploadAlreadyAppliedError) return redirect(withNotice(base, `${staged.fileName} was already applied (import ${error.importRunId}); nothing more was imported.`));
    if (error instanceof DatabaseBusyError) return data({ error: error.message }, { status: 503, headers: { "Retry-After": "10" } });
    throw error;
  }
}

function ApplyProgress({ slug, token, active }: { slug: string; token: string; active: boolean }) {
  const fetcher = useFetcher<{ progress: { done: number; total: number | null; phase: string } | null }>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setTick((t) => t + 1), 500);
    return () => clearInterval(id);
  }, [active]);
  useEffect(() => {
    if (active && fetcher.state === "idle") fetcher.load(`/orgs/${slug}/imports/${token}/progress`);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick, active]);
  if (!active) return null;
  const p = fetcher.data?.progress;
  return (
    <p role="status" aria-live="polite" className="notice info">
      Applying… {p ? `${p.done.toLocaleString("en-GB")}${p.total ? ` of ${p.total.toLocaleString("en-GB")}` : ""} rows` : ""}
      {p?.total ? <progress max={p.total} value={p.done} style={{ marginLeft: "0.5rem" }} /> : null}
    </p>
  );
}

export default function StagedImport() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const base = `/orgs/${d.slug}/imports`;
  const applying = navigation.state === "submitting" && navigation.formData?.get("intent") === "apply";
  const hasErrors = d.counts.errors > 0;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Check the import: {d.staged.fileName}</h1>
          <p>
            {d.staged.kind === "staff" ? `Staff (${d.staged.mode === "full" ? "whole workforce" : "only these people"})` : d.staged.kind === "enrolments" ? "Qualification records" : "Scope decisions"} · {d.inspect.rowCount} rows · uploaded by {d.staged.uploadedBy}
          </p>
        </div>
        <Link to={base}>Back to imports</Link>
      </div>
      {actionData?.error ? (
        <p className="notice error" role="alert">
          {actionData.error}{" "}
          {"importRunId" in actionData && actionData.importRunId ? (
            <a href={`${base}/runs/${actionData.importRunId}/errors.csv`}>Download the errors (CSV)</a>
          ) : null}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="detected-title">
        <h2 id="detected-title" style={{ marginTop: 0 }}>
          What we found
        </h2>
        <ul>
          <li>
            Encoding: <strong>{d.detected.encoding}</strong>; separator: <strong>{d.detected.delimiter === "\t" ? "tab" : `"${d.detected.delimiter}"`}</strong>; header on row {d.detected.headerRow}
          </li>
          <li>
            Dates read {d.detected.dateOrder === "day_first" ? "day first (dd/mm/yyyy)" : "month first (mm/dd/yyyy)"}
            {d.detected.dateColumns.map((c) => (
              <span key={c.field}>
                {" "}
                · {c.header}: {c.basis === "evidence" ? `${c.order === "day_first" ? "day" : "month"} first, as row ${c.evidence?.row} "${c.evidence?.value}" shows` : "the organisation's setting"}
              </span>
            ))}
          </li>
          {d.detected.unmappedHeaders.length ? <li>Columns not imported: {d.detected.unmappedHeaders.join(", ")}</li> : null}
        </ul>
      </section>

      <section className="panel" aria-labelledby="mapping-title">
        <h2 id="mapping-title" style={{ marginTop: 0 }}>
          Columns
        </h2>
        <Form method="post">
          <input type="hidden" name="intent" value="remap" />
          <ColumnMappingTable fields={d.inspect.fields} headers={d.inspect.headers} sample={d.inspect.sampleRows[0]?.cells ?? {}} />
          {d.staged.kind === "staff" ? (
            <fieldset className="field">
              <legend>Mode</legend>
              <label style={{ fontWeight: "normal" }}>
                <input type="radio" name="mode" value="full" defaultChecked={d.staged.mode === "full"} /> Whole workforce (missing people become leavers)
              </label>
              <label style={{ fontWeight: "normal" }}>
                <input type="radio" name="mode" value="partial" defaultChecked={d.staged.mode === "partial"} /> Only these people
              </label>
            </fieldset>
          ) : null}
          <div className="form-row">
            <button type="submit" className="secondary">
              Use these columns and check again
            </button>
            <div className="field" style={{ marginBottom: 0 }}>
              <label htmlFor="profileName">Save as a named mapping</label>
              <input id="profileName" name="profileName" type="text" placeholder="e.g. iTrent weekly export" />
            </div>
            <button type="submit" name="intent" value="save-profile" className="secondary">
              Save mapping
            </button>
          </div>
        </Form>
        {d.profiles.length ? (
          <Form method="post" className="form-row">
            <input type="hidden" name="intent" value="use-profile" />
            <div className="field" style={{ marginBottom: 0 }}>
              <label htmlFor="profileId">Saved mappings</label>
              <select id="profileId" name="profileId">
                {d.profiles.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="secondary">
              Use saved mapping
            </button>
          </Form>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="preview-title" data-testid="import-preview">
        <h2 id="preview-title" style={{ marginTop: 0 }}>
          Preview
        </h2>
        <div className="tiles">
          {(
            [
              ["Rows", d.counts.rows],
              ["To add", d.counts.added],
              ["To change", d.counts.changed],
              ["Unchanged", d.counts.unchanged],
              ...(d.staged.kind === "staff" && d.staged.mode === "full" ? [["Leavers", d.counts.leavers] as const] : []),
              ["Errors", d.counts.errors],
            ] as const
          ).map(([label, value]) => (
            <div className="tile" key={label} data-count={label.toLowerCase().replace(/ /g, "-")}>
              <div className="label">{label}</div>
              <div className="value">{value}</div>
            </div>
          ))}
        </div>
        {d.warnings.map((w) => (
          <p key={w} className="notice info">
            {w}
          </p>
        ))}
        {hasErrors ? (
          <ImportErrors count={d.counts.errors} errors={d.errors} csvHref={`${base}/${d.staged.token}/errors.csv`} testId="import-errors" />
        ) : null}
        {d.changes.length ? (
          <details open={!hasErrors}>
            <summary>
              Changes ({d.counts.added + d.counts.changed + d.counts.leavers}; first {d.changes.length} shown)
            </summary>
            <table>
              <thead>
                <tr>
                  <th>Change</th>
                  <th>Who or what</th>
                  <th>Fields (before → after)</th>
                </tr>
              </thead>
              <tbody>
                {d.changes.map((c, i) => (
                  <tr key={`${c.key}-${i}`}>
                    <td>{c.action === "insert" ? "Add" : c.action === "update" ? "Change" : "Leaver"}</td>
                    <td>{c.key}</td>
                    <td>
                      {c.fields
                        .slice(0, 8)
                        .map((f) => `${f.field}: ${f.before ?? "–"} → ${f.after ?? "–"}`)
                        .join("; ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        ) : null}
        <ApplyProgress slug={d.slug} token={d.staged.token} active={applying} />
        <div className="form-row" style={{ marginTop: "1rem" }}>
          <Form method="post">
            <input type="hidden" name="intent" value="apply" />
            <button type="submit" disabled={hasErrors || applying}>
              {applying ? "Applying…" : "Apply this import"}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="discard" />
            <button type="submit" className="secondary">
              Discard
            </button>
          </Form>
        </div>
      </section>
    </>
  );
}
