/**
 * Uploaded files waiting between the web import steps (upload → mapping → preview → apply). Each is a row of
 * staged_uploads (migration 0018, decision 0052) under a random token: its bytes and settings, its cached preview,
 * its apply progress (PostgreSQL) and what became of it, so any app server can take the next step. It belongs to one
 * organisation, and its bytes are removed after applying, discarding or a day.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { DB } from "../../db/connection";
import { dialectOf } from "../../db/dialect";
import {
  appliedRunOfUpload,
  IMPORT_KINDS,
  bestMatchingProfile,
  inspectFile,
  listMappingProfiles,
  readHeaders,
  runImport,
  uploadProblem,
  UploadAlreadyAppliedError,
  type ImportKind,
  type ImportResult,
  type InspectResult,
} from "../../importers";
import { appEnv } from "../utils/env.server";
import type { OrganisationReader, OrganisationScope } from "./organisation-scope.server";

export const STAGING_HOURS = 24;
/** What happened to an upload (applied, discarded) is kept longer, so Back and old links can say so. */
const OUTCOME_DAYS = 30;
/** Changes kept for the paged preview (counts stay exact). */
export const STAGED_PREVIEW_CHANGES = 5000;

const settingsSchema = z.object({
  kind: z.enum(IMPORT_KINDS as [ImportKind, ...ImportKind[]]),
  mode: z.enum(["full", "partial"]),
  fileName: z.string(),
  uploadedBy: z.string(),
  mapping: z.record(z.string()).nullable(),
  /** Excel workbooks: the sheet the user picked (null = the first with data). */
  sheet: z.string().nullable().optional(),
  /** The saved mapping in use: chosen on upload or on the page, or matched to the file's headers; null = none; absent = not yet looked for. */
  profile: z.object({ id: z.number(), name: z.string(), how: z.enum(["chosen", "matched"]) }).nullable().optional(),
});
type StagedSettings = z.infer<typeof settingsSchema>;
/** Settings as stored: always in the schema's key order, so equal settings are equal text. */
const settingsText = (settings: StagedSettings): string => JSON.stringify(settingsSchema.parse(settings));
export type StagedImport = StagedSettings & { token: string; organisationId: number; uploadedAt: string };

const outcomeSchema = z.object({
  organisationId: z.number(),
  status: z.enum(["applied", "discarded"]),
  fileName: z.string(),
  kind: z.enum(IMPORT_KINDS as [ImportKind, ...ImportKind[]]),
  at: z.string(),
  by: z.string(),
  importRunId: z.number().nullable(),
  summary: z.string(),
});
export type StagedOutcome = z.infer<typeof outcomeSchema>;

export interface StagedPreview {
  inspect: InspectResult;
  preview: ImportResult;
}

const tokenPattern = /^[a-f0-9]{32}$/;

/** The staged import, checked to be this scope's organisation's (it can only have been read through one). */
function own(scope: OrganisationReader, staged: StagedImport): StagedImport {
  if (staged.organisationId !== scope.organisationId) throw new Error(`The upload ${staged.token} is not organisation ${scope.organisationId}'s`);
  return staged;
}

/**
 * An upload's bytes and settings go a day after the upload itself (later edits to its mapping do not extend it);
 * its outcome after 30 days. Run on every upload and listing, by whichever server serves them.
 */
async function removeExpired(db: DB): Promise<void> {
  const cutoff = new Date(Date.now() - STAGING_HOURS * 3600_000).toISOString();
  const outcomeCutoff = new Date(Date.now() - OUTCOME_DAYS * 86_400_000).toISOString();
  await db.deleteFrom("staged_uploads").where("uploaded_at", "<", cutoff).where("outcome", "is", null).execute();
  await db.deleteFrom("staged_uploads").where("outcome_at", "<", outcomeCutoff).execute();
  await db.updateTable("staged_uploads").set({ bytes: null, settings: null, preview: null, progress: null }).where("uploaded_at", "<", cutoff).where("settings", "is not", null).execute();
}

/**
 * Stages an upload: its bytes, or a file already streamed to disk (`filePath`, read once into the row and
 * removed). The upload limit (MAX_UPLOAD_BYTES) bounds what is held.
 */
export async function stageUpload(
  scope: OrganisationScope,
  input: { kind: ImportKind; mode: "full" | "partial"; fileName: string; uploadedBy: string } & ({ bytes: Uint8Array } | { filePath: string }),
): Promise<string> {
  const db = scope.stagingHandle;
  await removeExpired(db);
  const token = crypto.randomBytes(16).toString("hex");
  let bytes: Buffer;
  if ("filePath" in input) {
    bytes = fs.readFileSync(input.filePath);
    fs.rmSync(input.filePath, { force: true });
  } else {
    bytes = Buffer.from(input.bytes);
  }
  const settings: StagedSettings = {
    kind: input.kind,
    mode: input.kind === "staff" ? input.mode : "partial",
    fileName: path.basename(input.fileName).slice(0, 200) || "upload.csv",
    uploadedBy: input.uploadedBy,
    mapping: null,
  };
  await db.insertInto("staged_uploads").values({ token, organisation_id: scope.organisationId, uploaded_at: new Date().toISOString(), bytes, settings: settingsText(settings) }).execute();
  return token;
}

/** Bytes enough to tell a file's kind and whether it is blank; a workbook is read whole. */
const SNIFF_BYTES = 64 * 1024;

/** The upload page's check of a file streamed to disk (see `uploadProblem`): reads only its start unless it is a workbook or all blank so far. */
export async function uploadedFileProblem(filePath: string, size: number): Promise<string | null> {
  const fd = fs.openSync(filePath, "r");
  let head: Buffer;
  try {
    head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const problem = await uploadProblem(head);
  if (size <= SNIFF_BYTES) return problem;
  // A workbook, or a long file whose start is blank: look at the whole of it.
  const isZip = head[0] === 0x50 && head[1] === 0x4b;
  if (isZip || (problem !== null && problem.includes("blank"))) return uploadProblem(fs.readFileSync(filePath));
  return problem;
}

/** The staged import, only for its own organisation (else undefined, so the page answers 404). */
export async function getStaged(scope: OrganisationReader, token: string): Promise<StagedImport | undefined> {
  if (!tokenPattern.test(token)) return undefined;
  const row = await scope
    .selectFrom("staged_uploads")
    .select(["token", "organisation_id", "uploaded_at", "settings"])
    .where("token", "=", token)
    .where("settings", "is not", null)
    .where("uploaded_at", ">=", new Date(Date.now() - STAGING_HOURS * 3600_000).toISOString())
    .executeTakeFirst();
  if (!row?.settings) return undefined;
  const settings = settingsSchema.safeParse(JSON.parse(row.settings));
  return settings.success ? { ...settings.data, token: row.token, organisationId: row.organisation_id, uploadedAt: row.uploaded_at } : undefined;
}

/** The upload's bytes (an error once it has been applied, discarded or has expired). */
export async function stagedBytes(scope: OrganisationReader, staged: StagedImport): Promise<Uint8Array> {
  const row = await scope.selectFrom("staged_uploads").select("bytes").where("token", "=", own(scope, staged).token).executeTakeFirst();
  if (!row?.bytes) throw new Error(`The upload ${staged.token} is no longer staged`);
  return row.bytes;
}

export async function updateStaged(
  scope: OrganisationScope,
  staged: StagedImport,
  change: { mapping?: Record<string, string> | null; mode?: "full" | "partial"; sheet?: string | null; profile?: StagedImport["profile"] },
): Promise<void> {
  const { token, organisationId, uploadedAt: _uploadedAt, ...settings } = own(scope, staged);
  await scope.stagingHandle
    .updateTable("staged_uploads")
    .set({ settings: settingsText({ ...settings, ...change }), preview: null })
    .where("token", "=", token)
    .where("organisation_id", "=", organisationId)
    .where("settings", "is not", null)
    .execute();
}

export async function discardStaged(scope: OrganisationScope, staged: StagedImport): Promise<void> {
  const db = scope.stagingHandle;
  own(scope, staged);
  await db.updateTable("staged_uploads").set({ bytes: null, settings: null, preview: null, progress: null }).where("token", "=", staged.token).where("organisation_id", "=", staged.organisationId).execute();
  await db.deleteFrom("staged_uploads").where("token", "=", staged.token).where("outcome", "is", null).execute();
  removeProgressFile(staged.token);
}

/** Remembers what happened to an upload (call before `discardStaged`), so coming back to it says so instead of "Not found". */
export async function recordOutcome(scope: OrganisationScope, staged: StagedImport, outcome: { status: "applied" | "discarded"; by: string; importRunId?: number | null; summary: string }): Promise<void> {
  own(scope, staged);
  const at = new Date().toISOString();
  const value: StagedOutcome = {
    organisationId: staged.organisationId,
    status: outcome.status,
    fileName: staged.fileName,
    kind: staged.kind,
    at,
    by: outcome.by,
    importRunId: outcome.importRunId ?? null,
    summary: outcome.summary,
  };
  await scope.stagingHandle.updateTable("staged_uploads").set({ outcome: JSON.stringify(value), outcome_at: at }).where("token", "=", staged.token).where("organisation_id", "=", staged.organisationId).execute();
}

/** What happened to an upload that is no longer staged, for its own organisation only. */
export async function getOutcome(scope: OrganisationReader, token: string): Promise<StagedOutcome | undefined> {
  if (!tokenPattern.test(token)) return undefined;
  const row = await scope.selectFrom("staged_uploads").select("outcome").where("token", "=", token).executeTakeFirst();
  if (!row?.outcome) return undefined;
  const outcome = outcomeSchema.safeParse(JSON.parse(row.outcome));
  return outcome.success && outcome.data.organisationId === scope.organisationId ? outcome.data : undefined;
}

export interface WaitingUpload {
  token: string;
  kind: ImportKind;
  mode: "full" | "partial";
  fileName: string;
  uploadedBy: string;
  uploadedAt: string;
  expiresAt: string;
}

/** Uploads of the organisation that were checked but neither applied nor discarded, newest first, until they expire. */
export async function listWaiting(scope: OrganisationScope): Promise<WaitingUpload[]> {
  await removeExpired(scope.stagingHandle);
  const rows = await scope
    .selectFrom("staged_uploads")
    .select(["token", "uploaded_at", "settings"])
    .where("settings", "is not", null)
    .where("bytes", "is not", null)
    .orderBy("uploaded_at", "desc")
    .orderBy("token")
    .execute();
  const out: WaitingUpload[] = [];
  for (const row of rows) {
    const settings = settingsSchema.safeParse(JSON.parse(row.settings ?? "null"));
    if (!settings.success) continue;
    const expiresAt = new Date(Date.parse(row.uploaded_at) + STAGING_HOURS * 3600_000).toISOString();
    const { kind, mode, fileName, uploadedBy } = settings.data;
    out.push({ token: row.token, kind, mode, fileName, uploadedBy, uploadedAt: row.uploaded_at, expiresAt });
  }
  return out;
}

/**
 * The saved mapping for a new upload: the one the user chose, or (when none was chosen) one whose headers all
 * appear in the file, applied automatically. Looked for once per upload.
 */
export async function chooseProfile(scope: OrganisationScope, staged: StagedImport, choice: "auto" | "none" | number = "auto"): Promise<StagedImport> {
  if (choice === "none") {
    await updateStaged(scope, staged, { profile: null });
    return { ...staged, profile: null };
  }
  const profiles = await listMappingProfiles(scope, own(scope, staged).kind);
  let profile: StagedImport["profile"] = null;
  let mapping: Record<string, string> | null = staged.mapping;
  if (typeof choice === "number") {
    const chosen = profiles.find((p) => p.id === choice);
    if (chosen) {
      profile = { id: chosen.id, name: chosen.name, how: "chosen" };
      mapping = chosen.mapping;
    }
  } else if (profiles.length > 0) {
    const headers = await readHeaders(await stagedBytes(scope, staged), staged.kind, {
      sheet: staged.sheet ?? undefined,
      wantedHeaders: profiles.flatMap((p) => Object.values(p.mapping)).filter((h) => h.trim() !== ""),
    });
    const match = bestMatchingProfile(profiles, headers);
    if (match) {
      profile = { id: match.id, name: match.name, how: "matched" };
      mapping = match.mapping;
    }
  }
  await updateStaged(scope, staged, { profile, mapping });
  return { ...staged, profile, mapping };
}

/** Detection and the dry run, computed once per file and mapping (a 100,000-row dry run takes seconds). */
export async function stagedPreview(scope: OrganisationScope, staged: StagedImport): Promise<StagedPreview> {
  const cached = await scope.selectFrom("staged_uploads").select("preview").where("token", "=", own(scope, staged).token).executeTakeFirst();
  if (cached?.preview) return JSON.parse(cached.preview) as StagedPreview;
  const db = scope.stagingHandle;
  const dateOrder = scope.organisation.date_order;
  const bytes = await stagedBytes(scope, staged);
  const mapping = staged.mapping ?? undefined;
  const sheet = staged.sheet ?? undefined;
  const inspect = await inspectFile(bytes, staged.kind, { mapping, dateOrder, sampleSize: 5, sheet });
  const preview = await runImport(scope, {
    kind: staged.kind,
    fileName: staged.fileName,
    bytes,
    mode: staged.mode,
    mapping,
    sheet,
    dryRun: true,
    previewLimit: STAGED_PREVIEW_CHANGES,
  });
  const result: StagedPreview = { inspect, preview: { ...preview, errors: preview.errors.slice(0, 1000) } };
  // Only while the settings it was computed for stand (a change meanwhile cleared the column and keeps it clear).
  await db.updateTable("staged_uploads").set({ preview: JSON.stringify(result) }).where("token", "=", staged.token).where("organisation_id", "=", scope.organisationId).where("settings", "=", settingsText(settingsOf(staged))).execute();
  return result;
}

interface ImportProgress {
  done: number;
  total: number | null;
  phase: "reading" | "applying" | "done";
}

function settingsOf(staged: StagedImport): StagedSettings {
  const { token: _token, organisationId: _organisationId, uploadedAt: _uploadedAt, ...settings } = staged;
  return settings;
}

/**
 * Rows processed so far while an import applies, for the page's progress bar; the poll may be served by another
 * worker or server than the one applying. On PostgreSQL the upload's row (another connection writes it while the
 * import's transaction is open); on SQLite, whose single writer is the import itself, a file in the data directory
 * (SQLite is one machine, so every worker sees it).
 */
function progressFile(token: string): string {
  const dir = path.join(path.dirname(appEnv().databaseFile), "uploads");
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return path.join(dir, `${token}.progress.json`);
}

function removeProgressFile(token: string): void {
  try {
    fs.rmSync(progressFile(token), { force: true });
  } catch {
    // no data directory: nothing to remove
  }
}

async function writeProgress(db: DB, token: string, value: ImportProgress): Promise<void> {
  if (dialectOf(db) === "postgres") {
    await db.updateTable("staged_uploads").set({ progress: JSON.stringify(value) }).where("token", "=", token).execute();
  } else {
    fs.writeFileSync(progressFile(token), JSON.stringify(value), { mode: 0o600 });
  }
}

/** Progress of one of this organisation's uploads (null for an unknown token or another organisation's upload). */
export async function importProgress(scope: OrganisationScope, token: string): Promise<ImportProgress | null> {
  if (!tokenPattern.test(token) || !(await getStaged(scope, token))) return null;
  try {
    if (dialectOf(scope.stagingHandle) === "postgres") {
      const row = await scope.selectFrom("staged_uploads").select("progress").where("token", "=", token).executeTakeFirst();
      return row?.progress ? (JSON.parse(row.progress) as ImportProgress) : null;
    }
    return JSON.parse(fs.readFileSync(progressFile(token), "utf8")) as ImportProgress;
  } catch {
    return null;
  }
}

/**
 * Applies a staged upload once. A second apply of the same upload (a double click, two tabs, a retry) gets
 * UploadAlreadyAppliedError, never a second run: the check runs inside the apply transaction, which begins
 * immediately, so concurrent applies of one organisation's imports happen one at a time.
 */
export async function applyStaged(scope: OrganisationScope, staged: StagedImport): Promise<ImportResult> {
  own(scope, staged);
  const db = scope.stagingHandle;
  const earlier = await appliedRunOfUpload(scope, staged.token);
  if (earlier !== undefined) throw new UploadAlreadyAppliedError(earlier);
  let bytes: Uint8Array;
  try {
    bytes = await stagedBytes(scope, staged);
  } catch (error) {
    // Removed by the apply that just finished.
    const applied = await appliedRunOfUpload(scope, staged.token);
    if (applied !== undefined) throw new UploadAlreadyAppliedError(applied);
    throw error;
  }
  // Progress writes go one after another, never holding up the import (a failed write only loses a figure).
  let writes: Promise<void> = writeProgress(db, staged.token, { done: 0, total: null, phase: "reading" }).catch(() => undefined);
  const progress = (value: ImportProgress) => {
    writes = writes.then(() => writeProgress(db, staged.token, value)).catch(() => undefined);
  };
  let lastWritten = 0;
  let last: ImportProgress = { done: 0, total: null, phase: "reading" };
  try {
    return await runImport(scope, {
      kind: staged.kind,
      fileName: staged.fileName,
      bytes,
      mode: staged.mode,
      mapping: staged.mapping ?? undefined,
      sheet: staged.sheet ?? undefined,
      uploadToken: staged.token,
      // The compliance snapshot in the import's own transaction (decision 0061): a failed apply leaves none.
      snapshot: true,
      onProgress: (done, total) => {
        // Reading reports rows read (no total yet); applying then counts from 0 to the total written.
        const phase = total === null ? "reading" : "applying";
        if (phase !== last.phase) lastWritten = -Infinity;
        last = { done, total, phase };
        if (done - lastWritten >= 1000 || done === total) {
          lastWritten = done;
          progress(last);
        }
      },
    });
  } finally {
    progress({ ...last, phase: "done" });
    await writes;
  }
}
