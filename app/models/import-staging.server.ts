/**
 * Uploaded files waiting between the web import steps (upload → mapping → preview → apply). Each lives in the data
 * directory under a random token, belongs to one organisation, and is removed after applying or after a day.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { DB } from "../../db/connection";
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
import { scopeOf } from "../../importers/scope";
import { appEnv } from "../utils/env.server";
import type { OrganisationReader, OrganisationScope } from "./organisation-scope.server";
import { todayIso } from "./compliance.server";

export const STAGING_HOURS = 24;
/** What happened to an upload (applied, discarded) is kept longer, so Back and old links can say so. */
const OUTCOME_DAYS = 30;
/** Changes kept for the paged preview (counts stay exact). */
export const STAGED_PREVIEW_CHANGES = 5000;

const stagedSchema = z.object({
  organisationId: z.number(),
  kind: z.enum(IMPORT_KINDS as [ImportKind, ...ImportKind[]]),
  mode: z.enum(["full", "partial"]),
  fileName: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  mapping: z.record(z.string()).nullable(),
  /** Excel workbooks: the sheet the user picked (null = the first with data). */
  sheet: z.string().nullable().optional(),
  /** The saved mapping in use: chosen on upload or on the page, or matched to the file's headers; null = none; absent = not yet looked for. */
  profile: z.object({ id: z.number(), name: z.string(), how: z.enum(["chosen", "matched"]) }).nullable().optional(),
});
export type StagedImport = z.infer<typeof stagedSchema> & { token: string };

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

function stagingDir(): string {
  const dir = path.join(path.dirname(appEnv().databaseFile), "uploads");
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

const tokenPattern = /^[a-f0-9]{32}$/;
const fileFor = (token: string, ext: string) => path.join(stagingDir(), `${token}.${ext}`);

/** An upload's files go together, timed by the upload itself (later edits to its mapping do not extend it). */
function removeExpired(): void {
  const cutoff = Date.now() - STAGING_HOURS * 3600_000;
  const outcomeCutoff = Date.now() - OUTCOME_DAYS * 86_400_000;
  const dir = stagingDir();
  const names = fs.readdirSync(dir);
  const uploadedAt = new Map<string, number>();
  for (const name of names) {
    const m = /^([a-f0-9]{32})\.csv$/.exec(name);
    if (m) uploadedAt.set(m[1], statMs(path.join(dir, name)));
  }
  for (const name of names) {
    const full = path.join(dir, name);
    const token = name.slice(0, 32);
    if (name.endsWith(".outcome.json")) {
      if (statMs(full) < outcomeCutoff) fs.rmSync(full, { force: true });
      continue;
    }
    const at = uploadedAt.get(token) ?? statMs(full);
    if (at < cutoff) fs.rmSync(full, { force: true });
  }
}

function statMs(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return Date.now();
  }
}

/**
 * Stages an upload: its bytes, or a file already streamed to disk (`filePath`, moved into the staging folder so
 * a 50 MB upload is never held in memory).
 */
export async function stageUpload(input: { organisationId: number; kind: ImportKind; mode: "full" | "partial"; fileName: string; uploadedBy: string } & ({ bytes: Uint8Array } | { filePath: string })): Promise<string> {
  removeExpired();
  const token = crypto.randomBytes(16).toString("hex");
  if ("filePath" in input) {
    try {
      fs.renameSync(input.filePath, fileFor(token, "csv"));
    } catch {
      // Another file system (a temporary folder elsewhere): copy, then remove the original.
      fs.copyFileSync(input.filePath, fileFor(token, "csv"));
      fs.rmSync(input.filePath, { force: true });
    }
    fs.chmodSync(fileFor(token, "csv"), 0o600);
  } else {
    fs.writeFileSync(fileFor(token, "csv"), input.bytes, { mode: 0o600 });
  }
  const meta: z.infer<typeof stagedSchema> = {
    organisationId: input.organisationId,
    kind: input.kind,
    mode: input.kind === "staff" ? input.mode : "partial",
    fileName: path.basename(input.fileName).slice(0, 200) || "upload.csv",
    uploadedBy: input.uploadedBy,
    uploadedAt: new Date().toISOString(),
    mapping: null,
  };
  fs.writeFileSync(fileFor(token, "json"), JSON.stringify(meta), { mode: 0o600 });
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
export function getStaged(organisationId: number, token: string): StagedImport | undefined {
  if (!tokenPattern.test(token)) return undefined;
  try {
    const meta = stagedSchema.parse(JSON.parse(fs.readFileSync(fileFor(token, "json"), "utf8")));
    return meta.organisationId === organisationId ? { ...meta, token } : undefined;
  } catch {
    return undefined;
  }
}

export function stagedBytes(staged: StagedImport): Uint8Array {
  return fs.readFileSync(fileFor(staged.token, "csv"));
}

export function updateStaged(
  staged: StagedImport,
  change: { mapping?: Record<string, string> | null; mode?: "full" | "partial"; sheet?: string | null; profile?: StagedImport["profile"] },
): void {
  const { token: _token, ...meta } = staged;
  fs.writeFileSync(fileFor(staged.token, "json"), JSON.stringify({ ...meta, ...change }), { mode: 0o600 });
  fs.rmSync(fileFor(staged.token, "preview.json"), { force: true });
}

export function discardStaged(staged: StagedImport): void {
  for (const ext of ["csv", "json", "preview.json", "progress.json"]) fs.rmSync(fileFor(staged.token, ext), { force: true });
}

/** Remembers what happened to an upload (call before `discardStaged`), so coming back to it says so instead of "Not found". */
export function recordOutcome(staged: StagedImport, outcome: { status: "applied" | "discarded"; by: string; importRunId?: number | null; summary: string }): void {
  const value: StagedOutcome = {
    organisationId: staged.organisationId,
    status: outcome.status,
    fileName: staged.fileName,
    kind: staged.kind,
    at: new Date().toISOString(),
    by: outcome.by,
    importRunId: outcome.importRunId ?? null,
    summary: outcome.summary,
  };
  fs.writeFileSync(fileFor(staged.token, "outcome.json"), JSON.stringify(value), { mode: 0o600 });
}

/** What happened to an upload that is no longer staged, for its own organisation only. */
export function getOutcome(organisationId: number, token: string): StagedOutcome | undefined {
  if (!tokenPattern.test(token)) return undefined;
  try {
    const outcome = outcomeSchema.parse(JSON.parse(fs.readFileSync(fileFor(token, "outcome.json"), "utf8")));
    return outcome.organisationId === organisationId ? outcome : undefined;
  } catch {
    return undefined;
  }
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
export function listWaiting(organisationId: number): WaitingUpload[] {
  removeExpired();
  const out: WaitingUpload[] = [];
  for (const name of fs.readdirSync(stagingDir())) {
    const m = /^([a-f0-9]{32})\.json$/.exec(name);
    if (!m) continue;
    const staged = getStaged(organisationId, m[1]);
    if (!staged || !fs.existsSync(fileFor(staged.token, "csv"))) continue;
    const expiresAt = new Date(Date.parse(staged.uploadedAt) + STAGING_HOURS * 3600_000).toISOString();
    out.push({ token: staged.token, kind: staged.kind, mode: staged.mode, fileName: staged.fileName, uploadedBy: staged.uploadedBy, uploadedAt: staged.uploadedAt, expiresAt });
  }
  return out.sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
}

/**
 * The saved mapping for a new upload: the one the user chose, or (when none was chosen) one whose headers all
 * appear in the file, applied automatically. Looked for once per upload.
 */
export async function chooseProfile(db: DB, staged: StagedImport, choice: "auto" | "none" | number = "auto"): Promise<StagedImport> {
  if (choice === "none") {
    updateStaged(staged, { profile: null });
    return { ...staged, profile: null };
  }
  const profiles = await listMappingProfiles({ db, organisationId: staged.organisationId, kind: staged.kind });
  let profile: StagedImport["profile"] = null;
  let mapping: Record<string, string> | null = staged.mapping;
  if (typeof choice === "number") {
    const chosen = profiles.find((p) => p.id === choice);
    if (chosen) {
      profile = { id: chosen.id, name: chosen.name, how: "chosen" };
      mapping = chosen.mapping;
    }
  } else if (profiles.length > 0) {
    const headers = await readHeaders(stagedBytes(staged), staged.kind, {
      sheet: staged.sheet ?? undefined,
      wantedHeaders: profiles.flatMap((p) => Object.values(p.mapping)).filter((h) => h.trim() !== ""),
    });
    const match = bestMatchingProfile(profiles, headers);
    if (match) {
      profile = { id: match.id, name: match.name, how: "matched" };
      mapping = match.mapping;
    }
  }
  updateStaged(staged, { profile, mapping });
  return { ...staged, profile, mapping };
}

/** Detection and the dry run, computed once per file and mapping (a 100,000-row dry run takes seconds). */
export async function stagedPreview(db: DB, staged: StagedImport, actor: string, dateOrder: "day_first" | "month_first"): Promise<StagedPreview> {
  const cacheFile = fileFor(staged.token, "preview.json");
  if (fs.existsSync(cacheFile)) return JSON.parse(fs.readFileSync(cacheFile, "utf8")) as StagedPreview;
  const bytes = stagedBytes(staged);
  const mapping = staged.mapping ?? undefined;
  const sheet = staged.sheet ?? undefined;
  const inspect = await inspectFile(bytes, staged.kind, { mapping, dateOrder, sampleSize: 5, sheet });
  const preview = await runImport({
    db,
    organisationId: staged.organisationId,
    kind: staged.kind,
    fileName: staged.fileName,
    bytes,
    mode: staged.mode,
    mapping,
    sheet,
    dryRun: true,
    actor,
    today: todayIso(),
    previewLimit: STAGED_PREVIEW_CHANGES,
  });
  const result: StagedPreview = { inspect, preview: { ...preview, errors: preview.errors.slice(0, 1000) } };
  fs.writeFileSync(cacheFile, JSON.stringify(result), { mode: 0o600 });
  return result;
}

interface ImportProgress {
  done: number;
  total: number | null;
  phase: "reading" | "applying" | "done";
}

/**
 * Rows processed so far while an import applies, for the page's progress bar. Kept in a file beside the upload:
 * the request that polls may be served by another worker process than the one applying.
 */
function writeProgress(token: string, value: ImportProgress): void {
  fs.writeFileSync(fileFor(token, "progress.json"), JSON.stringify(value), { mode: 0o600 });
}

/** Progress of one of this organisation's uploads (null for an unknown token or another organisation's upload). */
export function importProgress(scope: OrganisationReader, token: string): ImportProgress | null {
  if (!tokenPattern.test(token) || !getStaged(scope.organisationId, token)) return null;
  try {
    return JSON.parse(fs.readFileSync(fileFor(token, "progress.json"), "utf8")) as ImportProgress;
  } catch {
    return null;
  }
}

/**
 * Applies a staged upload once. A second apply of the same upload (a double click, two tabs, a retry) gets
 * UploadAlreadyAppliedError, never a second run: the check runs inside the apply transaction, which begins
 * immediately, so concurrent applies of one organisation's imports happen one at a time.
 */
export async function applyStaged(db: DB, staged: StagedImport, actor: { userId: number; name: string }, given?: OrganisationScope): Promise<ImportResult> {
  const scope = await scopeOf({ db, organisationId: staged.organisationId, scope: given }, actor);
  const earlier = await appliedRunOfUpload(scope, staged.token);
  if (earlier !== undefined) throw new UploadAlreadyAppliedError(earlier);
  let bytes: Uint8Array;
  try {
    bytes = stagedBytes(staged);
  } catch (error) {
    // Removed by the apply that just finished.
    const applied = await appliedRunOfUpload(scope, staged.token);
    if (applied !== undefined) throw new UploadAlreadyAppliedError(applied);
    throw error;
  }
  writeProgress(staged.token, { done: 0, total: null, phase: "reading" });
  let lastWritten = 0;
  let last: ImportProgress = { done: 0, total: null, phase: "reading" };
  try {
    return await runImport({
      db,
      organisationId: staged.organisationId,
      scope,
      kind: staged.kind,
      fileName: staged.fileName,
      bytes,
      mode: staged.mode,
      mapping: staged.mapping ?? undefined,
      sheet: staged.sheet ?? undefined,
      actor: actor.name,
      userId: actor.userId,
      today: todayIso(),
      uploadToken: staged.token,
      onProgress: (done, total) => {
        // Reading reports rows read (no total yet); applying then counts from 0 to the total written.
        const phase = total === null ? "reading" : "applying";
        if (phase !== last.phase) lastWritten = -Infinity;
        last = { done, total, phase };
        if (done - lastWritten >= 1000 || done === total) {
          lastWritten = done;
          writeProgress(staged.token, last);
        }
      },
    });
  } finally {
    if (fs.existsSync(fileFor(staged.token, "json"))) writeProgress(staged.token, { ...last, phase: "done" });
  }
}
