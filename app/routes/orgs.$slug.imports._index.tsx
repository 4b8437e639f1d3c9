import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireOrgPermission } from "~/utils/access.server";
import { can } from "~/utils/permissions";
import { chooseProfile, getStaged, listWaiting, stageUpload, uploadedFileProblem } from "~/models/import-staging.server";
import { discardUploadedFile, readUploadForm, UploadFormError, UploadTooLargeError, type UploadForm } from "~/utils/upload-form.server";
import { takeSnapshot } from "~/models/snapshots.server";
import { listImportRuns, listMappingProfiles, previewUndo, undoLastImport, uploadProblem, type ImportKind } from "~/models/importers.server";
import { DEFAULT_LIMITS } from "../../importers/types";
import { IMPORT_KINDS, IMPORT_KIND_HELP, IMPORT_KIND_LABELS, isConductKind, isImportKind } from "../../importers/kinds";
import { withNotice, noticeFrom } from "~/utils/notice.server";

export const MAX_UPLOAD_BYTES = DEFAULT_LIMITS.maxBytes;
const KINDS: Array<{ kind: ImportKind; label: string; help: string; conduct: boolean }> = IMPORT_KINDS.map((kind) => ({
  kind,
  label: IMPORT_KIND_LABELS[kind],
  help: IMPORT_KIND_HELP[kind],
  conduct: isConductKind(kind),
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const runs = await listImportRuns(scope);
  const lastApplied = runs.find((r) => r.status === "applied")?.id ?? null;
  const url = new URL(request.url);
  const canImport = can(user.role, "org.import");
  const undoId = Number(url.searchParams.get("undo"));
  const undo = canImport && Number.isInteger(undoId) && undoId > 0 ? await previewUndo(scope, undoId) : null;
  const profiles = canImport ? (await listMappingProfiles(scope)).map((p) => ({ id: p.id, name: p.name, kind: p.kind })) : [];
  return {
    undo,
    profiles,
    waiting: canImport ? await listWaiting(scope) : [],
    slug: organisation.slug,
    canImport: can(user.role, "org.import"),
    /** Conduct evidence (acknowledgements, meetings, training) is recorded by those who keep records. */
    canRecord: can(user.role, "org.records"),
    canExport: can(user.role, "org.export"),
    lastApplied,
    notice: noticeFrom(url),
    runs,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.import");
  const base = `/orgs/${organisation.slug}/imports`;
  const contentType = request.headers.get("Content-Type") ?? "";
  if (contentType.startsWith("multipart/form-data")) {
    const tooLarge = `The file is larger than the ${Math.round(MAX_UPLOAD_BYTES / 1024 / 1024)} MB upload limit. Split it, or import it with the command line.`;
    let upload: UploadForm;
    try {
      upload = await readUploadForm(request, { fileField: "file", maxFileBytes: MAX_UPLOAD_BYTES });
    } catch (error) {
      if (error instanceof UploadTooLargeError) return data({ error: tooLarge }, { status: 413 });
      if (error instanceof UploadFormError) return data({ error: error.message }, { status: 400 });
      throw error;
    }
    const { fields, file } = upload;
    try {
      const kind = fields.kind ?? "";
      const mode = fields.mode === "partial" ? "partial" : "full";
      if (!isImportKind(kind)) return data({ error: "Choose what the file contains." }, { status: 400 });
      if (isConductKind(kind) && !can(user.role, "org.records")) return data({ error: "Importing conduct evidence needs permission to keep records." }, { status: 403 });
      if (!file || (file.size === 0 && file.name === "")) return data({ error: "Choose a CSV or .xlsx file to upload." }, { status: 400 });
      // Empty, blank and non-table files are told so here, before any mapping page.
      const problem = await uploadedFileProblem(file.path, file.size);
      if (problem) return data({ error: `${file.name}: ${problem}` }, { status: 400 });
      const token = await stageUpload(scope, { kind, mode, fileName: file.name, filePath: file.path, uploadedBy: user.email });
      const profile = String(fields.profile ?? "auto");
      const staged = await getStaged(scope, token);
      if (staged) await chooseProfile(scope, staged, profile === "none" ? "none" : /^\d+$/.test(profile) ? Number(profile) : "auto");
      return redirect(`${base}/${token}`);
    } finally {
      discardUploadedFile(file);
    }
  }
  const form = await request.formData();
  if (form.get("intent") === "undo") {
    const importRunId = Number(form.get("importRunId"));
    if (!Number.isInteger(importRunId)) return data({ error: "Choose an import to undo." }, { status: 400 });
    const result = await undoLastImport(scope, importRunId);
    if (!result.ok) return data({ error: result.message }, { status: 409 });
    await takeSnapshot(scope, { label: `After undoing import ${importRunId}`, trigger: "import" });
    return redirect(withNotice(`${base}`, result.message));
  }
  return data({ error: "Unknown action." }, { status: 400 });
}

export default function Imports() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const base = `/orgs/${d.slug}/imports`;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Imports</h1>
          <p>Load your HR system's export as it comes: CSV in any of the usual encodings, delimiters and date styles, or an Excel .xlsx workbook.</p>
        </div>
        {d.canExport ? (
          <a className="button secondary" href={`/orgs/${d.slug}/exports/import-history.csv`}>
            Import history CSV
          </a>
        ) : null}
      </div>
      {d.notice ? <p className="notice success" role="status">{d.notice}</p> : null}
      {actionData?.error ? (
        <p className="notice error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {d.undo ? (
        <section className="panel" aria-labelledby="undo-title" data-testid="undo-confirm">
          <h2 id="undo-title" style={{ marginTop: 0 }}>
            Undo import {d.undo.importRunId}?
          </h2>
          {d.undo.ok ? (
            <>
              <p>{d.undo.message}</p>
              <div className="form-row">
                <Form method="post">
                  <input type="hidden" name="importRunId" value={d.undo.importRunId} />
                  <button type="submit" name="intent" value="undo" className="danger">
                    Yes, undo import {d.undo.importRunId}
                  </button>
                </Form>
                <Link to={base}>Cancel</Link>
              </div>
            </>
          ) : (
            <>
              <p className="notice error">It can't be undone. {d.undo.message}</p>
              <Link to={base}>Back</Link>
            </>
          )}
        </section>
      ) : null}
      {d.waiting.length ? (
        <section className="panel" aria-labelledby="waiting-title">
          <h2 id="waiting-title" style={{ marginTop: 0 }}>
            Checked but not applied
          </h2>
          <p className="muted">Uploads are kept for a day, then removed. Nothing in them has been imported.</p>
          <div className="table-wrap">
            <table data-testid="waiting-uploads">
              <thead>
                <tr>
                  <th>File</th>
                  <th>Kind</th>
                  <th>Uploaded</th>
                  <th>Kept until</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                {d.waiting.map((w) => (
                  <tr key={w.token}>
                    <td>{w.fileName}</td>
                    <td>
                      {w.kind}
                      {w.kind === "staff" ? ` (${w.mode})` : ""}
                    </td>
                    <td>
                      {w.uploadedAt.slice(0, 16).replace("T", " ")} by {w.uploadedBy}
                    </td>
                    <td>{w.expiresAt.slice(0, 16).replace("T", " ")}</td>
                    <td>
                      <Link to={`${base}/${w.token}`}>Continue checking</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {d.canImport ? (
        <section className="panel">
          <h2 style={{ marginTop: 0 }}>Upload a file</h2>
          <Form method="post" encType="multipart/form-data">
            <fieldset className="field">
              <legend>What does the file contain?</legend>
              {KINDS.filter((k) => !k.conduct || d.canRecord).map((k, i) => (
                <label key={k.kind} style={{ fontWeight: "normal" }}>
                  <input type="radio" name="kind" value={k.kind} defaultChecked={i === 0} /> <strong>{k.label}</strong> — {k.help}
                </label>
              ))}
            </fieldset>
            <fieldset className="field">
              <legend>For staff files</legend>
              <label style={{ fontWeight: "normal" }}>
                <input type="radio" name="mode" value="full" defaultChecked /> The whole workforce: people missing from the file are marked as leavers (never deleted)
              </label>
              <label style={{ fontWeight: "normal" }}>
                <input type="radio" name="mode" value="partial" /> Only these people: add and update the rows given
              </label>
            </fieldset>
            <div className="field">
              <label htmlFor="file">CSV or Excel (.xlsx) file (up to {Math.round(MAX_UPLOAD_BYTES / 1024 / 1024)} MB)</label>
              <input id="file" name="file" type="file" accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
            </div>
            {d.profiles.length ? (
              <div className="field">
                <label htmlFor="profile">Column mapping</label>
                <select id="profile" name="profile" defaultValue="auto">
                  <option value="auto">A saved mapping whose columns match the file, else match by name</option>
                  <option value="none">None: match columns by name</option>
                  {d.profiles.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name} ({IMPORT_KIND_LABELS[p.kind].toLowerCase()})
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <button type="submit" disabled={navigation.state === "submitting"}>
              {navigation.state === "submitting" ? "Uploading…" : "Upload and check"}
            </button>
            <p className="muted">Nothing changes until you have seen the preview and pressed Apply.</p>
            <p className="muted">
              Starting from scratch? Templates with the expected columns: <a href="/templates/staff.csv" download>staff</a>,{" "}
              <a href="/templates/enrolments.csv" download>qualification records</a>, <a href="/templates/roles.csv" download>scope decisions</a>
              {d.canRecord ? (
                <>
                  , <a href="/templates/acknowledgements.csv" download>code of conduct acknowledgements</a>, <a href="/templates/supervisions.csv" download>supervisions</a>,{" "}
                  <a href="/templates/training.csv" download>training completions</a>
                </>
              ) : null}
              . Your HR system's own
              column names work too.
            </p>
          </Form>
        </section>
      ) : null}
      <section className="panel">
        <h2 style={{ marginTop: 0 }}>History</h2>
        {d.runs.length === 0 ? (
          <p>No imports yet.</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="import-history">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Who</th>
                  <th>File</th>
                  <th>Kind</th>
                  <th>Result</th>
                  <th className="num">Rows</th>
                  <th className="num">Added</th>
                  <th className="num">Changed</th>
                  <th className="num">Leavers</th>
                  <th className="num">Errors</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                {d.runs.map((r) => (
                  <tr key={r.id}>
                    <td>{r.created_at.slice(0, 16).replace("T", " ")}</td>
                    <td>{r.actor}</td>
                    <td>
                      {r.file_name}
                      <div className="muted" title={`SHA-256 ${r.file_sha256}`}>
                        SHA-256 {r.file_sha256.slice(0, 12)}…
                      </div>
                    </td>
                    <td>
                      {r.kind}
                      {r.kind === "staff" ? ` (${r.mode})` : ""}
                    </td>
                    <td>{r.status === "undone" ? `Undone ${r.undone_at?.slice(0, 10) ?? ""} by ${r.undone_by ?? ""}` : r.status === "applied" ? "Applied" : "Rejected"}</td>
                    <td className="num">{r.counts.rows ?? 0}</td>
                    <td className="num">{r.counts.added ?? 0}</td>
                    <td className="num">{r.counts.changed ?? 0}</td>
                    <td className="num">{r.counts.leavers ?? 0}</td>
                    <td className="num">
                      {r.counts.errors ? <Link to={`${base}/runs/${r.id}/errors.csv`} reloadDocument>{r.counts.errors} (CSV)</Link> : 0}
                    </td>
                    <td data-testid={`undo-${r.id}`}>
                      {r.status === "applied" && r.id === d.lastApplied ? (
                        d.canImport ? (
                          <Link className="button secondary" to={`?undo=${r.id}`} preventScrollReset>
                            Undo…
                          </Link>
                        ) : null
                      ) : r.status === "applied" ? (
                        <span className="muted">Can't be undone: a later import was applied after it (only the most recent import can be undone).</span>
                      ) : r.status === "rejected" ? (
                        <span className="muted">Nothing to undo: it was rejected, so nothing was written.</span>
                      ) : (
                        <span className="muted">Already undone.</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
