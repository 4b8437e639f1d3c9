/**
 * runImport: read → map → validate → diff → (dry run | reject | apply in one transaction), and inspectFile
 * for the web mapping step. By default any error rejects the whole file: nothing is written except the
 * rejected run and its row errors, so the page can offer them as a CSV.
 */
import { createHash } from "node:crypto";
import { planConduct } from "./conduct";
import { IMPORT_KINDS, isConductKind } from "./kinds";
import { catalogueIndex, loadCatalogue, planEnrolments } from "./enrolments";
import { fieldsOf } from "./fields";
import type { Plan } from "./plan";
import { prepare, sortErrors, type Prepared } from "./prepare";
import { planRoles } from "./roles";
import { readSource } from "./source";
import { planStaff } from "./staff";
import type { OrganisationReader, OrganisationScope } from "../app/models/organisation-scope.server";
import { snapshotAfterImport } from "./snapshot";
import { insertRowErrors, insertRun, nowIso } from "./store";
import { cutCell } from "./values";
import {
  DEFAULT_LIMITS,
  ImportUsageError,
  PREVIEW_LIMIT,
  UploadAlreadyAppliedError,
  type Counts,
  type FieldValue,
  type PreviewChange,
  type ImportKind,
  type ImportLimits,
  type ImportMode,
  type ImportResult,
  type InspectOptions,
  type InspectResult,
  type RowError,
  type RunImportOptions,
} from "./types";

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function limitsOf(given: Partial<ImportLimits> | undefined): ImportLimits {
  const l = { ...DEFAULT_LIMITS, ...given };
  for (const [k, v] of Object.entries(l)) {
    if (!Number.isFinite(v) || v <= 0) throw new ImportUsageError(`limits.${k} must be a positive number.`);
  }
  return l;
}

function checkKind(kind: unknown): asserts kind is ImportKind {
  if (!IMPORT_KINDS.includes(kind as ImportKind)) throw new ImportUsageError(`Unknown import kind '${String(kind)}': use ${IMPORT_KINDS.join(", ")}.`);
}

function checkMapping(mapping: unknown): void {
  if (mapping === undefined) return;
  if (mapping === null || typeof mapping !== "object" || Array.isArray(mapping)) {
    throw new ImportUsageError('The mapping must be an object from canonical field to file header, e.g. {"employee_ref": "Payroll No"}.');
  }
  for (const [k, v] of Object.entries(mapping)) {
    if (typeof v !== "string") throw new ImportUsageError(`The mapping for '${k}' must be a header name (text).`);
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function plan(db: OrganisationReader, prepared: Prepared, o: { organisationId: number; mode: ImportMode; today: string; now: string; actor: string }): Promise<Plan> {
  switch (prepared.kind) {
    case "staff":
      return planStaff(db, prepared as Prepared<"staff">, o);
    case "enrolments":
      return planEnrolments(db, prepared as Prepared<"enrolments">, o);
    case "roles":
      return planRoles(db, prepared as Prepared<"roles">, o);
    case "acknowledgements":
    case "supervisions":
    case "training":
      return planConduct(db, prepared, o);
  }
}

function summary(kind: ImportKind, mode: ImportMode, fileName: string, c: Counts): string {
  const parts = [`${c.added} added`, `${c.changed} changed`, `${c.unchanged} unchanged`];
  if (kind === "staff" && mode === "full") parts.push(`${c.leavers} leaver${c.leavers === 1 ? "" : "s"}`);
  return `Imported ${kind} file '${fileName}' (${mode}): ${parts.join(", ")}.`;
}

/** A preview shows at most CELL_DISPLAY_LIMIT characters of any value (the stored values are whole). */
function cutChange(change: PreviewChange): PreviewChange {
  const cut = (v: FieldValue): FieldValue => (typeof v === "string" ? cutCell(v) : v);
  return { ...change, key: cutCell(change.key), fields: change.fields.map((f) => ({ field: f.field, before: cut(f.before), after: cut(f.after) })) };
}

/** The applied (or since undone) run of a staged upload, if any. */
export async function appliedRunOfUpload(db: OrganisationReader, uploadToken: string): Promise<number | undefined> {
  const row = await db.selectFrom("import_runs").select("id").where("upload_token", "=", uploadToken).where("status", "<>", "rejected").executeTakeFirst();
  return row?.id;
}

/**
 * Imports one file into the scope's organisation, as the scope's actor, on the scope's date. Every read and write goes
 * through the scope: the apply is one `scope.write` (one transaction, its audit event, the organisation's revision).
 */
export async function runImport(scope: OrganisationScope, opts: RunImportOptions): Promise<ImportResult> {
  const { kind, fileName, bytes } = opts;
  const { organisationId, today } = scope;
  const actor = scope.actor.name;
  const userId = scope.actor.userId;
  checkKind(kind);
  checkMapping(opts.mapping);
  if (!(bytes instanceof Uint8Array)) throw new ImportUsageError("bytes must be a Uint8Array or Buffer.");
  if (typeof actor !== "string" || actor.trim() === "") throw new ImportUsageError("actor (who is importing) is required.");
  if (typeof today !== "string" || !ISO_DATE.test(today)) throw new ImportUsageError(`today must be an ISO date (YYYY-MM-DD), not '${String(today)}'.`);
  if (kind !== "staff" && opts.mode === "full") throw new ImportUsageError(`Full mode applies to staff imports only; ${kind} imports only add and update.`);
  if (opts.mode !== undefined && opts.mode !== "full" && opts.mode !== "partial") throw new ImportUsageError(`Unknown mode '${String(opts.mode)}': use full or partial.`);
  const mode: ImportMode = kind === "staff" ? (opts.mode ?? "full") : "partial";
  const limits = limitsOf(opts.limits);
  const dryRun = opts.dryRun === true;
  const org = scope.organisation;

  const now = nowIso();
  const qualifications = kind === "enrolments" ? catalogueIndex(await loadCatalogue(scope)) : undefined;
  const source = await readSource(bytes, { sheet: opts.sheet, maxBytes: limits.maxBytes });
  const prepared = prepare(source.bytes, kind, {
    source,
    qualifications,
    mapping: opts.mapping,
    dateOrder: org.date_order === "month_first" ? "month_first" : "day_first",
    today,
    limits,
    onProgress: opts.onProgress,
  });
  const errors = prepared.errors;
  const planOpts = { organisationId, mode, today, now, actor };

  const result = (status: ImportResult["status"], p: Plan | null, importRunId: number | null, snapshotId: number | null = null): ImportResult => {
    sortErrors(errors.items, prepared.table.headers);
    const counts: Counts = {
      rows: prepared.table.rowCount,
      added: p?.added ?? 0,
      changed: p?.changed ?? 0,
      unchanged: p?.unchanged ?? 0,
      leavers: p?.leavers ?? 0,
      errors: errors.count,
    };
    return {
      ok: errors.count === 0 && status !== "rejected",
      dryRun,
      importRunId,
      status,
      kind,
      mode,
      detected: prepared.detected,
      counts,
      errors: errors.listed(),
      changes: p ? p.preview(opts.previewLimit ?? PREVIEW_LIMIT).map(cutChange) : [],
      warnings: [...prepared.warnings, ...(p?.warnings ?? [])],
      snapshotId,
    };
  };

  const reject = async (): Promise<ImportResult> => {
    const r = result("rejected", null, null);
    // A rejected run changes nothing people see: the run and its row errors are its record (no audit event).
    const runId = await scope.write(async (w) => {
      const id = await insertRun(w, {
        userId,
        actor,
        kind,
        mode,
        fileName,
        sha256: sha256(bytes),
        mapping: prepared.detected.mapping,
        status: "rejected",
        counts: r.counts,
        uploadToken: opts.uploadToken ?? null,
      });
      await insertRowErrors(w, id, r.errors);
      return id;
    }, { unaudited: "a rejected import writes only its run and row errors" });
    return { ...r, importRunId: runId };
  };

  if (dryRun) {
    const p = prepared.fatal ? null : await plan(scope, prepared, planOpts);
    if (p) errors.addAll(p.errors);
    return result("dry_run", p, null);
  }
  if (prepared.fatal) return reject();
  if (errors.count > 0) {
    // Rejected anyway; the checks that need the database (enrolments: unknown people, one person and
    // qualification twice) still run, so every error is listed at once.
    if (kind === "enrolments" || kind === "roles" || isConductKind(kind)) errors.addAll((await plan(scope, prepared, planOpts)).errors);
    return reject();
  }

  // Apply: the diff is computed inside the transaction, against the rows as they are at that moment.
  // A plan that finds errors inside the transaction (e.g. an unknown employee) refuses: nothing is written, not even
  // the revision bump.
  const outcome = await scope.writeOrRefuse(async (w, refuse: (errors: RowError[]) => never) => {
    // Transactions begin immediately (one writer at a time), so a concurrent apply of the same upload sees this one.
    if (opts.uploadToken) {
      const earlier = await appliedRunOfUpload(w, opts.uploadToken);
      if (earlier !== undefined) throw new UploadAlreadyAppliedError(earlier);
    }
    const p = await plan(w, prepared, planOpts);
    if (p.errors.length > 0) refuse(p.errors);
    const counts: Counts = {
      rows: prepared.table.rowCount,
      added: p.added,
      changed: p.changed,
      unchanged: p.unchanged,
      leavers: p.leavers,
      errors: 0,
    };
    const importRunId = await insertRun(w, {
      userId,
      actor,
      kind,
      mode,
      fileName,
      sha256: sha256(bytes),
      mapping: prepared.detected.mapping,
      status: "applied",
      counts,
      uploadToken: opts.uploadToken ?? null,
      // The time every row this import writes carries as updated_at: undo checks an added person against it (0071).
      createdAt: now,
    });
    await p.apply({ w, importRunId, organisationId, actor, today, now, onProgress: opts.onProgress });
    await w.audit({
      action: "import.apply",
      entity: "import_run",
      entityId: importRunId,
      summary: summary(kind, mode, fileName, counts),
      after: { kind, mode, fileName, counts },
    });
    // The snapshot is part of the same write: a failed or killed import leaves no snapshot of figures it never made.
    const snapshotId = opts.snapshot && !isConductKind(kind) ? (await snapshotAfterImport(w, p, { kind, importRunId, asOf: today, actor })).id : null;
    return { p, importRunId, snapshotId };
  });
  if ("refused" in outcome) {
    errors.addAll(outcome.refused);
    return reject();
  }
  return result("applied", outcome.done.p, outcome.done.importRunId, outcome.done.snapshotId);
}

/** For the web mapping step: what the file looks like and how it would be mapped, without the database. */
export async function inspectFile(bytes: Uint8Array, kind: ImportKind, opts: InspectOptions = {}): Promise<InspectResult> {
  checkKind(kind);
  checkMapping(opts.mapping);
  const limits = limitsOf(opts.limits);
  const source = await readSource(bytes, { sheet: opts.sheet, maxBytes: limits.maxBytes });
  const sampleSize = opts.sampleSize ?? 10;
  const sampleRows: InspectResult["sampleRows"] = [];
  let headers: readonly string[] = [];
  const prepared = prepare(source.bytes, kind, {
    source,
    mapping: opts.mapping,
    dateOrder: opts.dateOrder ?? "day_first",
    today: nowIso().slice(0, 10),
    limits,
    onRawRow: (row, cells, hs) => {
      headers = hs;
      if (sampleRows.length >= sampleSize) return;
      const out: Record<string, string> = {};
      hs.forEach((h, i) => {
        if (h !== "" && !(h in out)) out[h] = cutCell(cells[i] ?? "");
      });
      sampleRows.push({ row, cells: out });
    },
  });
  if (headers.length === 0) headers = prepared.table.headers;
  return {
    ok: prepared.errors.count === 0 && !prepared.fatal,
    detected: prepared.detected,
    headers: [...headers],
    fields: fieldsOf(kind).map((s) => ({
      field: s.field,
      label: s.label,
      required: s.required,
      header: prepared.detected.mapping[s.field] ?? null,
    })),
    missingRequired: prepared.resolved.missingRequired,
    sampleRows,
    rowCount: prepared.table.rowCount,
    errors: prepared.errors.listed(),
    errorCount: prepared.errors.count,
    warnings: prepared.warnings,
  };
}
