import { plural } from "~/utils/plural";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { ColumnMappingTable, ImportErrors } from "~/components/import-review";
import { Pager } from "~/components/pager";
import { Form, Link, useActionData, useFetcher, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { requireOrgPermission } from "~/utils/access.server";
import type { OrganisationReader } from "~/models/organisation-scope.server";
import {
  applyStaged,
  chooseProfile,
  discardStaged,
  getOutcome,
  getStaged,
  recordOutcome,
  stagedPreview,
  STAGING_HOURS,
  updateStaged,
} from "~/models/import-staging.server";
import { listMappingProfiles, saveMappingProfile, validateMapping, ImportUsageError, UploadAlreadyAppliedError } from "~/models/importers.server";
import { DatabaseBusyError } from "../../db/sqlite-dialect";
import { noticeFrom, withNotice } from "~/utils/notice.server";
import { can } from "~/utils/permissions";
import { IMPORT_KIND_LABELS, isConductKind } from "../../importers/kinds";
import type { ImportKind } from "../../importers/types";

/** Conduct evidence is recorded by those who keep records (org.records) as well as import. */
function checkKindPermission(role: Parameters<typeof can>[0], kind: ImportKind): void {
  if (isConductKind(kind) && !can(role, "org.records")) throw new Response("Forbidden", { status: 403 });
}

/** Rows of the preview's tables per page. */
const PAGE_SIZE = 50;

function pageParam(url: URL, name: string): number {
  const n = Number(url.searchParams.get(name) ?? 1);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

function slicePage<T>(items: T[], page: number): { items: T[]; page: number; pageCount: number; from: number } {
  const pageCount = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const p = Math.min(page, pageCount);
  const from = (p - 1) * PAGE_SIZE;
  return { items: items.slice(from, from + PAGE_SIZE), page: p, pageCount, from };
}

/** An upload that is no longer staged: what happened to it (applied, discarded) or that it has expired. */
async function goneState(scope: OrganisationReader, token: string) {
  const outcome = await getOutcome(scope, token);
  if (!outcome) return { status: "unknown" as const };
  let run: { status: string; undone_at: string | null; undone_by: string | null } | undefined;
  let latestApplied: number | null = null;
  if (outcome.importRunId !== null) {
    run = await scope.selectFrom("import_runs").select(["status", "undone_at", "undone_by"]).where("id", "=", outcome.importRunId).executeTakeFirst();
    latestApplied = (await scope.selectFrom("import_runs").select("id").where("status", "=", "applied").orderBy("id", "desc").executeTakeFirst())?.id ?? null;
  }
  return {
    status: outcome.status,
    fileName: outcome.fileName,
    kind: outcome.kind,
    at: outcome.at,
    by: outcome.by,
    summary: outcome.summary,
    importRunId: outcome.importRunId,
    undone: run?.status === "undone" ? { at: run.undone_at, by: run.undone_by } : null,
    undoable: outcome.importRunId !== null && outcome.importRunId === latestApplied,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.import");
  const token = params.token ?? "";
  let staged = await getStaged(scope, token);
  if (!staged) {
    const gone = await goneState(scope, token);
    return data({ slug: organisation.slug, gone, view: null }, { status: gone.status === "unknown" ? 404 : 200 });
  }
  checkKindPermission(user.role, staged.kind);
  if (staged.profile === undefined) staged = await chooseProfile(scope, staged, "auto");
  const { inspect, preview } = await stagedPreview(scope, staged);
  const profiles = await listMappingProfiles(scope, staged.kind);
  const url = new URL(request.url);
  const changes = slicePage(preview.changes, pageParam(url, "page"));
  const errors = slicePage(preview.errors, pageParam(url, "errorsPage"));
  return {
    slug: organisation.slug,
    gone: null,
    view: {
      notice: noticeFrom(url),
      staged: {
        token: staged.token,
        kind: staged.kind,
        mode: staged.mode,
        fileName: staged.fileName,
        uploadedAt: staged.uploadedAt,
        uploadedBy: staged.uploadedBy,
        profile: staged.profile ?? null,
        expiresAt: new Date(Date.parse(staged.uploadedAt) + STAGING_HOURS * 3600_000).toISOString(),
      },
      inspect: { headers: inspect.headers, fields: inspect.fields, sampleRows: inspect.sampleRows, rowCount: inspect.rowCount, warnings: inspect.warnings },
      detected: preview.detected,
      counts: preview.counts,
      changes: { ...changes, total: preview.changes.length },
      errors: { ...errors, total: preview.errors.length },
      warnings: preview.warnings.filter((w) => !inspect.warnings.includes(w)),
      profiles: profiles.map((p) => ({ id: p.id, name: p.name })),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.import");
  const base = `/orgs/${organisation.slug}/imports`;
  const staged = await getStaged(scope, params.token ?? "");
  if (!staged) {
    // Applied or discarded in another tab, or Back then resubmit: show what happened rather than fail.
    if (await getOutcome(scope, params.token ?? "")) return redirect(`${base}/${params.token}`);
    throw new Response("Not found", { status: 404 });
  }
  checkKindPermission(user.role, staged.kind);
  const form = await request.formData();
  // The button pressed names the intent; with several intents (an old form) the last, the button's own, wins.
  const intents = form.getAll("intent");
  const intent = String(intents[intents.length - 1] ?? "");
  const here = `${base}/${staged.token}`;
  const mappingFromForm = () => {
    const mapping: Record<string, string> = {};
    for (const [key, value] of form.entries()) if (key.startsWith("map.") && typeof value === "string") mapping[key.slice(4)] = value;
    return validateMapping(staged.kind, mapping);
  };
  try {
    switch (intent) {
      case "remap":
        await updateStaged(scope, staged, {
          mapping: mappingFromForm(),
          mode: staged.kind === "staff" && form.get("mode") === "partial" ? "partial" : staged.kind === "staff" && form.get("mode") === "full" ? "full" : staged.mode,
          profile: null,
        });
        return redirect(here);
      case "sheet": {
        const sheet = String(form.get("sheet") ?? "").trim();
        await updateStaged(scope, staged, { sheet: sheet === "" ? null : sheet, mapping: null });
        // The new sheet's columns may match a saved mapping.
        const updated = await getStaged(scope, staged.token);
        if (updated) await chooseProfile(scope, updated, "auto");
        return redirect(here);
      }
      case "use-profile": {
        const choice = String(form.get("profileId") ?? "");
        if (choice === "none") {
          await updateStaged(scope, staged, { mapping: null, profile: null });
          return redirect(withNotice(here, "Columns are matched by name again, without a saved mapping."));
        }
        const profile = (await listMappingProfiles(scope, staged.kind)).find((p) => p.id === Number(choice));
        if (!profile) return data({ error: "Choose a saved mapping." }, { status: 400 });
        await updateStaged(scope, staged, { mapping: profile.mapping, profile: { id: profile.id, name: profile.name, how: "chosen" } });
        return redirect(here);
      }
      case "save-profile": {
        const name = String(form.get("profileName") ?? "");
        const mapping = mappingFromForm();
        const profile = await saveMappingProfile(scope, { kind: staged.kind, name, mapping });
        await updateStaged(scope, staged, { mapping, profile: { id: profile.id, name: profile.name, how: "chosen" } });
        const notice = `Saved the mapping "${profile.name}". It is offered when you upload a ${IMPORT_KIND_LABELS[staged.kind].toLowerCase()} file, and used automatically when the file's columns match it.`;
        return redirect(withNotice(here, notice));
      }
      case "discard":
        await recordOutcome(scope, staged, { status: "discarded", by: user.email, summary: `Discarded ${staged.fileName}; nothing was imported.` });
        await discardStaged(scope, staged);
        return redirect(withNotice(`${base}`, `Discarded ${staged.fileName}; nothing was imported.`));
      case "apply": {
        const result = await applyStaged(scope, staged);
        if (result.status !== "applied") {
          return data({ error: `The file was rejected: ${plural(result.counts.errors, "error")}. Nothing was written. Download the errors, correct the mapping or the file, and try again.`, importRunId: result.importRunId }, { status: 422 });
        }
        // The apply took its compliance snapshot in its own transaction (a conduct import takes none: it changes no
        // qualification figure).
        const c = result.counts;
        const notice = `Imported ${staged.fileName}: ${c.added} added, ${c.changed} changed, ${c.unchanged} unchanged${staged.kind === "staff" && staged.mode === "full" ? `, ${c.leavers} marked as leavers` : ""}.${result.snapshotId !== null ? ` Snapshot ${result.snapshotId} saved.` : ""}`;
        await recordOutcome(scope, staged, { status: "applied", by: user.email, importRunId: result.importRunId, summary: notice });
        await discardStaged(scope, staged);
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

/** Apply and Discard, shown above and below the preview; Apply is visibly disabled, with the reason beside it, while the file has errors. */
function ApplyBar({ position, blockedBy, applying }: { position: "top" | "bottom"; blockedBy: string | null; applying: boolean }) {
  const reasonId = `apply-blocked-${position}`;
  return (
    <div className="form-row apply-bar" data-testid={`apply-bar-${position}`}>
      <Form method="post">
        <button type="submit" name="intent" value="apply" disabled={blockedBy !== null || applying} aria-describedby={blockedBy ? reasonId : undefined}>
          {applying ? "Applying…" : "Apply this import"}
        </button>
      </Form>
      <Form method="post">
        <button type="submit" name="intent" value="discard" className="secondary" disabled={applying}>
          Discard
        </button>
      </Form>
      {blockedBy ? (
        <span id={reasonId} className="muted">
          {blockedBy}
        </span>
      ) : null}
    </div>
  );
}

const when = (iso: string) => iso.slice(0, 16).replace("T", " ");

function Gone({ slug, gone }: { slug: string; gone: Awaited<ReturnType<typeof goneState>> }) {
  const base = `/orgs/${slug}/imports`;
  if (gone.status === "unknown") {
    return (
      <section className="panel" data-testid="import-gone">
        <h1>This upload is no longer here</h1>
        <p>Uploads that are not applied are kept for {STAGING_HOURS} hours, then removed. Upload the file again to check and apply it.</p>
        <p>
          <Link to={base}>Go to imports</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="panel" data-testid="import-gone">
      <h1>{gone.status === "applied" ? `This import was applied: ${gone.fileName}` : `This upload was discarded: ${gone.fileName}`}</h1>
      <p>
        {gone.status === "applied" ? "Applied" : "Discarded"} by {gone.by} on {when(gone.at)}. {gone.summary}
      </p>
      {gone.undone ? (
        <p className="notice info">
          Import {gone.importRunId} was undone afterwards{gone.undone.at ? ` on ${when(gone.undone.at)}` : ""}
          {gone.undone.by ? ` by ${gone.undone.by}` : ""}.
        </p>
      ) : null}
      <p className="form-row">
        <Link to={base}>See the import history</Link>
        {gone.status === "applied" && gone.undoable && !gone.undone ? <Link to={`${base}?undo=${gone.importRunId}`}>Undo this import…</Link> : null}
      </p>
    </section>
  );
}

export default function StagedImportPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  if (!d.view) return <Gone slug={d.slug} gone={d.gone!} />;
  const v = d.view;
  const base = `/orgs/${d.slug}/imports`;
  const applying = navigation.state === "submitting" && navigation.formData?.get("intent") === "apply";
  const hasErrors = v.counts.errors > 0;
  const blockedBy = hasErrors ? `Fix the ${plural(v.counts.errors, "error")} first: nothing can be applied until the file checks clean.` : null;
  const pageHref = (name: string, page: number) => {
    const params = new URLSearchParams(location.search);
    params.delete("notice");
    params.delete("ns");
    params.set(name, String(page));
    return `?${params.toString()}`;
  };
  const sheetNote = v.detected.format === "xlsx" ? `Excel workbook, sheet '${v.detected.sheet ?? ""}'` : null;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Check the import: {v.staged.fileName}</h1>
          <p>
            {v.staged.kind === "staff" ? `Staff (${v.staged.mode === "full" ? "whole workforce" : "only these people"})` : IMPORT_KIND_LABELS[v.staged.kind]} ·{" "}
            {plural(v.inspect.rowCount, "row")} · uploaded by {v.staged.uploadedBy} · kept until {when(v.staged.expiresAt)} unless applied
          </p>
        </div>
        <Link to={base}>Back to imports</Link>
      </div>
      {v.notice ? (
        <p className="notice success" role="status">
          {v.notice}
        </p>
      ) : null}
      {v.staged.profile?.how === "matched" ? (
        <p className="notice info" role="status" data-testid="profile-notice">
          Applied your saved mapping "{v.staged.profile.name}" automatically: the file's columns match it. Check the columns below, or choose another saved mapping.
        </p>
      ) : v.staged.profile?.how === "chosen" ? (
        <p className="notice info" data-testid="profile-notice">
          Using the saved mapping "{v.staged.profile.name}".
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="notice error" role="alert">
          {actionData.error}{" "}
          {"importRunId" in actionData && actionData.importRunId ? <a href={`${base}/runs/${actionData.importRunId}/errors.csv`}>Download the errors (CSV)</a> : null}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="detected-title">
        <h2 id="detected-title" style={{ marginTop: 0 }}>
          What we found
        </h2>
        <ul>
          <li>
            {sheetNote ? (
              <>
                <strong>{sheetNote}</strong>
                {v.detected.sheets.length > 1 ? ` (the workbook has ${plural(v.detected.sheets.length, "sheet")})` : ""}; header on row {v.detected.headerRow}
              </>
            ) : (
              <>
                Encoding: <strong>{v.detected.encoding}</strong>; separator: <strong>{v.detected.delimiter === "\t" ? "tab" : `"${v.detected.delimiter}"`}</strong>; header on row {v.detected.headerRow}
              </>
            )}
          </li>
          {v.detected.dateColumns.length ? (
            <li data-testid="date-notes">
              Dates:
              {v.detected.dateColumns.map((c, i) => (
                <span key={c.field}>
                  {i === 0 ? " " : " · "}
                  {c.header}: {c.note}
                </span>
              ))}
            </li>
          ) : null}
          {v.detected.unmappedHeaders.length ? <li>Columns not imported: {v.detected.unmappedHeaders.join(", ")}</li> : null}
        </ul>
        {v.detected.format === "xlsx" && v.detected.sheets.length > 1 ? (
          <Form method="post" className="form-row">
            <div className="field" style={{ marginBottom: 0 }}>
              <label htmlFor="sheet">Sheet to import</label>
              <select id="sheet" name="sheet" defaultValue={v.detected.sheet ?? ""}>
                {v.detected.sheets.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" name="intent" value="sheet" className="secondary">
              Read this sheet
            </button>
          </Form>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="mapping-title">
        <h2 id="mapping-title" style={{ marginTop: 0 }}>
          Columns
        </h2>
        {v.inspect.warnings.map((w) => (
          <p key={w} className="notice error" role="alert" data-testid="mapping-warning">
            {w}
          </p>
        ))}
        <Form method="post">
          <ColumnMappingTable fields={v.inspect.fields} headers={v.inspect.headers} sample={v.inspect.sampleRows[0]?.cells ?? {}} />
          {v.staged.kind === "staff" ? (
            <fieldset className="field">
              <legend>Mode</legend>
              <label style={{ fontWeight: "normal" }}>
                <input type="radio" name="mode" value="full" defaultChecked={v.staged.mode === "full"} /> Whole workforce (missing people become leavers)
              </label>
              <label style={{ fontWeight: "normal" }}>
                <input type="radio" name="mode" value="partial" defaultChecked={v.staged.mode === "partial"} /> Only these people
              </label>
            </fieldset>
          ) : null}
          <div className="form-row">
            <button type="submit" name="intent" value="remap" className="secondary">
              Use these columns and check again
            </button>
            <div className="field" style={{ marginBottom: 0 }}>
              <label htmlFor="profileName">Save as a named mapping</label>
              <input id="profileName" name="profileName" type="text" placeholder="e.g. iTrent weekly export" defaultValue={v.staged.profile?.name ?? ""} />
            </div>
            <button type="submit" name="intent" value="save-profile" className="secondary">
              Save mapping
            </button>
          </div>
        </Form>
        {v.profiles.length ? (
          <Form method="post" className="form-row">
            <div className="field" style={{ marginBottom: 0 }}>
              <label htmlFor="profileId">Saved mappings</label>
              <select id="profileId" name="profileId" defaultValue={v.staged.profile ? String(v.staged.profile.id) : "none"}>
                <option value="none">None: match columns by name</option>
                {v.profiles.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" name="intent" value="use-profile" className="secondary">
              Use saved mapping
            </button>
          </Form>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="preview-title" data-testid="import-preview">
        <h2 id="preview-title" style={{ marginTop: 0 }}>
          Preview
        </h2>
        <ApplyBar position="top" blockedBy={blockedBy} applying={applying} />
        <div className="tiles">
          {(
            [
              ["Rows", v.counts.rows],
              ["To add", v.counts.added],
              ["To change", v.counts.changed],
              ["Unchanged", v.counts.unchanged],
              ...(v.staged.kind === "staff" && v.staged.mode === "full" ? [["Leavers", v.counts.leavers] as const] : []),
              ["Errors", v.counts.errors],
            ] as const
          ).map(([label, value]) => (
            <div className="tile" key={label} data-count={label.toLowerCase().replace(/ /g, "-")}>
              <div className="label">{label}</div>
              <div className="value">{value}</div>
            </div>
          ))}
        </div>
        {v.warnings.map((w) => (
          <p key={w} className="notice info">
            {w}
          </p>
        ))}
        {hasErrors ? (
          <>
            <ImportErrors count={v.counts.errors} errors={v.errors.items} csvHref={`${base}/${v.staged.token}/errors.csv`} testId="import-errors" />
            <Pager label="Pages of errors" page={v.errors.page} pageCount={v.errors.pageCount} href={(p) => pageHref("errorsPage", p)} />
          </>
        ) : null}
        {v.changes.total ? (
          <details open={!hasErrors}>
            <summary>
              Changes ({(v.counts.added + v.counts.changed + v.counts.leavers).toLocaleString("en-GB")}): {v.changes.from + 1}–{v.changes.from + v.changes.items.length} shown
              {v.changes.total < v.counts.added + v.counts.changed + v.counts.leavers ? ` (the first ${v.changes.total.toLocaleString("en-GB")} can be paged through)` : ""}
            </summary>
            <table data-testid="import-changes">
              <thead>
                <tr>
                  <th>Change</th>
                  <th>Who or what</th>
                  <th>Fields (before → after)</th>
                </tr>
              </thead>
              <tbody>
                {v.changes.items.map((c, i) => (
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
            <Pager label="Pages of changes" page={v.changes.page} pageCount={v.changes.pageCount} href={(p) => pageHref("page", p)} />
          </details>
        ) : null}
        <ApplyProgress slug={d.slug} token={v.staged.token} active={applying} />
        <ApplyBar position="bottom" blockedBy={blockedBy} applying={applying} />
      </section>
    </>
  );
}
