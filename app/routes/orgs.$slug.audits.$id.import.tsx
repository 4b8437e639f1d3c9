import { plural } from "~/utils/plural";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { ColumnMappingTable, ImportErrors } from "~/components/import-review";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireOrgPermission } from "~/utils/access.server";
import { getCampaign } from "~/models/skills-audits/campaigns.server";
import { idFrom } from "~/models/skills-audits/campaign-filter";
import type { OrganisationReader } from "~/models/organisation-scope.server";
import {
  applyUpload,
  discardUpload,
  dryRunUpload,
  getUpload,
  listUploads,
  setUploadMapping,
  stageRatingsUpload,
  RATING_FIELDS,
  RatingsImportStateError,
  ImportUsageError,
} from "~/models/skills-audits/imports.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { discardUploadedFile, readUploadForm, uploadedBytes, UploadFormError, UploadTooLargeError, type UploadForm } from "~/utils/upload-form.server";
import { withNotice, noticeFrom } from "~/utils/notice.server";

/** Ratings files are small (a row per person and area); 10 MB is far more than any campaign needs. */
const MAX_RATINGS_UPLOAD_BYTES = 10 * 1024 * 1024;

export const meta: MetaFunction = () => [{ title: "Import skills audit ratings · Competence & Conduct" }];

async function campaignOr404(scope: OrganisationReader, id: string | undefined) {
  const campaign = await getCampaign(scope, idFrom(id));
  if (!campaign) throw new Response("Not found", { status: 404 });
  return campaign;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.records");
  const campaign = await campaignOr404(scope, params.id);
  const url = new URL(request.url);
  const uploadParam = url.searchParams.get("upload");
  const common = {
    organisation: { slug: organisation.slug },
    campaign: { id: campaign.id, name: campaign.name, status: campaign.status },
    notice: noticeFrom(url),
    fields: RATING_FIELDS.map((f) => ({ field: f.field, label: f.label, required: f.required })),
    history: await listUploads(scope, campaign.id),
  };
  if (!uploadParam) return { ...common, upload: null, preview: null };
  const upload = await getUpload(scope, campaign.id, Number(uploadParam));
  if (!upload) throw new Response("Not found", { status: 404 });
  if (upload.status !== "staged") return { ...common, upload: { id: upload.id, fileName: upload.file_name, status: upload.status }, preview: null };
  let preview = null;
  let stateError: string | null = null;
  try {
    const r = await dryRunUpload(scope, upload);
    preview = { detected: r.detected, headers: r.headers.filter(Boolean), fields: r.fields, sample: r.sampleRows[0]?.cells ?? {}, counts: r.counts, errors: r.errors.slice(0, 300), changes: r.changes.slice(0, 200) };
  } catch (error) {
    if (error instanceof RatingsImportStateError) stateError = error.message;
    else throw error;
  }
  return { ...common, upload: { id: upload.id, fileName: upload.file_name, status: upload.status, stateError }, preview };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { organisation, scope } = await requireOrgPermission(request, params.slug, "org.records");
  const campaign = await campaignOr404(scope, params.id);
  const base = `/orgs/${organisation.slug}/audits/${campaign.id}`;
  if (campaign.status !== "open") {
    return data({ error: campaign.status === "closed" ? "The campaign is closed: its ratings are read-only." : "The campaign is a draft: open it before importing ratings." }, { status: 409 });
  }
  const contentType = request.headers.get("Content-Type") ?? "";
  if (contentType.startsWith("multipart/form-data")) {
    const tooLarge = `The file is larger than the ${MAX_RATINGS_UPLOAD_BYTES / 1024 / 1024} MB limit for ratings.`;
    let upload: UploadForm;
    try {
      upload = await readUploadForm(request, { fileField: "file", maxFileBytes: MAX_RATINGS_UPLOAD_BYTES });
    } catch (error) {
      if (error instanceof UploadTooLargeError) return data({ error: tooLarge }, { status: 413 });
      if (error instanceof UploadFormError) return data({ error: error.message }, { status: 400 });
      throw error;
    }
    const { file } = upload;
    let id: number;
    try {
      if (!file || file.size === 0) return data({ error: "Choose a CSV file to upload." }, { status: 400 });
      id = await stageRatingsUpload(scope, { campaignId: campaign.id, fileName: file.name, bytes: uploadedBytes(file) });
    } finally {
      discardUploadedFile(file);
    }
    return redirect(`${base}/import?upload=${id}`);
  }
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const upload = await getUpload(scope, campaign.id, Number(form.get("uploadId")));
  if (!upload) return data({ error: "Choose an uploaded file." }, { status: 400 });
  if (upload.status !== "staged") return data({ error: `That upload was already ${upload.status}.` }, { status: 409 });
  try {
    switch (intent) {
      case "remap": {
        const known = new Set<string>(RATING_FIELDS.map((f) => f.field));
        const mapping: Record<string, string> = {};
        for (const [key, value] of form.entries()) {
          if (key.startsWith("map.") && typeof value === "string" && known.has(key.slice(4))) mapping[key.slice(4)] = value.slice(0, 200);
        }
        await setUploadMapping(scope, upload, mapping);
        return redirect(`${base}/import?upload=${upload.id}`);
      }
      case "discard":
        await discardUpload(scope, upload);
        return redirect(withNotice(`${base}/import`, `Discarded ${upload.file_name}; nothing was imported.`));
      case "apply": {
        const result = await applyUpload(scope, upload);
        if (result.status !== "applied") {
          return data({ error: `The file was rejected: ${plural(result.counts.errors, "error")}. Nothing was written. Download the errors, fix the file or the columns, and upload it again.`, uploadId: upload.id }, { status: 422 });
        }
        const c = result.counts;
        return redirect(withNotice(`${base}/import`, `Imported ${upload.file_name}: ${c.added} added, ${c.changed} changed, ${c.unchanged} unchanged.`));
      }
      default:
        return data({ error: "Unknown action." }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof RatingsImportStateError) return data({ error: error.message }, { status: 409 });
    if (error instanceof ImportUsageError) return data({ error: error.message }, { status: 400 });
    throw error;
  }
}

export default function ImportRatings() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const base = `/orgs/${d.organisation.slug}/audits/${d.campaign.id}`;
  const p = d.preview;
  const hasErrors = (p?.counts.errors ?? 0) > 0;
  return (
    <>
      <div className="page-header">
        <div>
          <p>
            <Link to={base}>{d.campaign.name}</Link>
          </p>
          <h1>Import ratings</h1>
          <p>
            A CSV with the columns <code>employee_ref, area, self, manager, agreed, note</code> (area: a code such as K1 or the area's name; ratings 0–4). Blank cells leave what is stored.{" "}
            <a href={`${base}/ratings.csv`}>Download the current ratings</a> as a starting point.
          </p>
        </div>
      </div>
      {d.notice ? (
        <p className="notice success" role="status">
          {d.notice}
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="notice error" role="alert">
          {actionData.error}{" "}
          {"uploadId" in actionData && actionData.uploadId ? <a href={`${base}/import-errors/${actionData.uploadId}.csv`}>Download the errors (CSV)</a> : null}
        </p>
      ) : null}
      {d.campaign.status !== "open" ? <p className="notice info">Ratings can only be imported while the campaign is open.</p> : null}

      {!d.upload && d.campaign.status === "open" ? (
        <section className="panel">
          <h2 style={{ marginTop: 0 }}>Upload a file</h2>
          <Form method="post" encType="multipart/form-data">
            <div className="field">
              <label htmlFor="file">CSV file (up to {MAX_RATINGS_UPLOAD_BYTES / 1024 / 1024} MB)</label>
              <input id="file" name="file" type="file" accept=".csv,.txt,text/csv" required />
            </div>
            <button type="submit" disabled={navigation.state === "submitting"}>
              Upload and check
            </button>
            <p className="muted">Nothing changes until you have seen the check and pressed Apply.</p>
          </Form>
        </section>
      ) : null}

      {d.upload && d.upload.status !== "staged" ? (
        <p className="notice info">
          {d.upload.fileName} was {d.upload.status}. <Link to={`${base}/import`}>Upload another file</Link>
        </p>
      ) : null}
      {d.upload && "stateError" in d.upload && d.upload.stateError ? <p className="notice error">{d.upload.stateError}</p> : null}

      {d.upload && p ? (
        <>
          <section className="panel" aria-labelledby="columns-title">
            <h2 id="columns-title" style={{ marginTop: 0 }}>
              Columns in {d.upload.fileName}
            </h2>
            <p className="muted">
              Encoding {p.detected.encoding}; separator {p.detected.delimiter === "\t" ? "tab" : `"${p.detected.delimiter}"`}; header on row {p.detected.headerRow}
              {p.detected.unmappedHeaders.length ? `; not imported: ${p.detected.unmappedHeaders.join(", ")}` : ""}.
            </p>
            <Form method="post">
              <input type="hidden" name="intent" value="remap" />
              <input type="hidden" name="uploadId" value={d.upload.id} />
              <ColumnMappingTable fields={p.fields} headers={p.headers} sample={p.sample as Record<string, string>} />
              <button type="submit" className="secondary" style={{ marginTop: "0.5rem" }}>
                Use these columns and check again
              </button>
            </Form>
          </section>
          <section className="panel" aria-labelledby="check-title" data-testid="ratings-import-preview">
            <h2 id="check-title" style={{ marginTop: 0 }}>
              Check (dry run)
            </h2>
            <div className="tiles">
              {(
                [
                  ["Rows", p.counts.rows],
                  ["To add", p.counts.added],
                  ["To change", p.counts.changed],
                  ["Unchanged", p.counts.unchanged],
                  ["Errors", p.counts.errors],
                ] as const
              ).map(([label, value]) => (
                <div className="tile" key={label} data-count={label.toLowerCase().replace(/ /g, "-")}>
                  <div className="label">{label}</div>
                  <div className="value">{value}</div>
                </div>
              ))}
            </div>
            {hasErrors ? (
              <ImportErrors count={p.counts.errors} errors={p.errors} csvHref={`${base}/import-errors/${d.upload.id}.csv`} testId="ratings-import-errors" />
            ) : null}
            {p.changes.length ? (
              <details open={!hasErrors}>
                <summary>Changes ({p.counts.added + p.counts.changed}; first {p.changes.length} shown)</summary>
                <table>
                  <thead>
                    <tr>
                      <th className="num">Row</th>
                      <th>Person</th>
                      <th>Area</th>
                      <th>Before → after</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.changes.map((c, i) => (
                      <tr key={`${c.row}-${i}`}>
                        <td className="num">{c.row}</td>
                        <td>{c.employeeRef}</td>
                        <td>{c.area}</td>
                        <td>{c.fields.map((f) => `${f.field}: ${f.before ?? "–"} → ${f.after ?? "–"}`).join("; ")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            ) : null}
            <div className="form-row" style={{ marginTop: "1rem" }}>
              <Form method="post">
                <input type="hidden" name="intent" value="apply" />
                <input type="hidden" name="uploadId" value={d.upload.id} />
                <button type="submit" disabled={hasErrors || navigation.state === "submitting"}>
                  Apply this import
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="discard" />
                <input type="hidden" name="uploadId" value={d.upload.id} />
                <button type="submit" className="secondary">
                  Discard
                </button>
              </Form>
            </div>
          </section>
        </>
      ) : null}

      <section className="panel">
        <h2 style={{ marginTop: 0 }}>Uploads for this campaign</h2>
        {d.history.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <table data-testid="ratings-import-history">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>File</th>
                <th>Result</th>
                <th className="num">Added</th>
                <th className="num">Changed</th>
                <th className="num">Errors</th>
              </tr>
            </thead>
            <tbody>
              {d.history.map((h) => (
                <tr key={h.id}>
                  <td>{h.created_at.slice(0, 16).replace("T", " ")}</td>
                  <td>{h.actor}</td>
                  <td>
                    {h.status === "staged" ? <Link to={`${base}/import?upload=${h.id}`}>{h.file_name}</Link> : h.file_name}
                    <div className="muted">SHA-256 {h.file_sha256.slice(0, 12)}…</div>
                  </td>
                  <td>{h.status}</td>
                  <td className="num">{h.counts?.added ?? "–"}</td>
                  <td className="num">{h.counts?.changed ?? "–"}</td>
                  <td className="num">{h.counts?.errors ? <a href={`${base}/import-errors/${h.id}.csv`}>{h.counts.errors} (CSV)</a> : (h.counts?.errors ?? "–")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
