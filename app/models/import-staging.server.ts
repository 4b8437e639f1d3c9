/**
 * Uploaded files waiting between the web import steps (upload → mapping → preview → apply). Each lives in the data
 * directory under a random token, belongs to one organisation, and is removed after applying or after a day.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { DB } from "../../db/connection";
import { appliedRunOfUpload, inspectFile, runImport, UploadAlreadyAppliedError, type ImportKind, type ImportResult, type InspectResult } from "../../importers";
import { appEnv } from "../utils/env.server";
import { todayIso } from "./compliance.server";

const STAGING_HOURS = 24;

const stagedSchema = z.object({
  organisationId: z.number(),
  kind: z.enum(["staff", "enrolments", "roles"]),
  mode: z.enum(["full", "partial"]),
  fileName: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  mapping: z.record(z.string()).nullable(),
});
export type StagedImport = z.infer<typeof stagedSchema> & { token: string };

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

function removeExpired(): void {
  const cutoff = Date.now() - STAGING_HOURS * 3600_000;
  for (const name of fs.readdirSync(stagingDir())) {
    const full = path.join(stagingDir(), name);
    if (fs.statSync(full).mtimeMs < cutoff) fs.rmSync(full, { force: true });
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

export function updateStaged(staged: StagedImport, change: { mapping?: Record<string, string> | null; mode?: "full" | "partial" }): void {
  const { token: _token, ...meta } = staged;
  fs.writeFileSync(fileFor(staged.token, "json"), JSON.stringify({ ...meta, ...change }), { mode: 0o600 });
  fs.rmSync(fileFor(staged.token, "preview.json"), { force: true });
}

export function discardStaged(staged: StagedImport): void {
  for (const ext of ["csv", "json", "preview.json", "progress.json"]) fs.rmSync(fileFor(staged.token, ext), { force: true });
}

/** Detection and the dry run, computed once per file and mapping (a 100,000-row dry run takes seconds). */
export async function stagedPreview(db: DB, staged: StagedImport, actor: string, dateOrder: "day_first" | "month_first"): Promise<StagedPreview> {
  const cacheFile = fileFor(staged.token, "preview.json");
  if (fs.existsSync(cacheFile)) return JSON.parse(fs.readFileSync(cacheFile, "utf8")) as StagedPreview;
  const bytes = stagedBytes(staged);
  const mapping = staged.mapping ?? undefined;
  const inspect = await inspectFile(bytes, staged.kind, { mapping, dateOrder, sampleSize: 5 });
  const preview = await runImport({ db, organisationId: staged.organisationId, kind: staged.kind, fileName: staged.fileName, bytes, mode: staged.mode, mapping, dryRun: true, actor, today: todayIso() });
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

export function importProgress(token: string): ImportProgress | null {
  if (!tokenPattern.test(token)) return null;
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
export async function applyStaged(db: DB, staged: StagedImport, actor: { userId: number; name: string }): Promise<ImportResult> {
  const earlier = await appliedRunOfUpload(db, staged.token);
  if (earlier !== undefined) throw new UploadAlreadyAppliedError(earlier);
  let bytes: Uint8Array;
  try {
    bytes = stagedBytes(staged);
  } catch (error) {
    // Removed by the apply that just finished.
    const applied = await appliedRunOfUpload(db, staged.token);
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
      kind: staged.kind,
      fileName: staged.fileName,
      bytes,
      mode: staged.mode,
      mapping: staged.mapping ?? undefined,
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
