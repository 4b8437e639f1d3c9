/**
 * Uploaded files waiting between the web import steps (upload → mapping → preview → apply). Each lives in the data
 * directory under a random token, belongs to one organisation, and is removed after applying or after a day.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { DB } from "../../db/connection";
import { inspectFile, runImport, type ImportKind, type ImportResult, type InspectResult } from "../../importers";
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

export async function stageUpload(input: { organisationId: number; kind: ImportKind; mode: "full" | "partial"; fileName: string; bytes: Uint8Array; uploadedBy: string }): Promise<string> {
  removeExpired();
  const token = crypto.randomBytes(16).toString("hex");
  fs.writeFileSync(fileFor(token, "csv"), input.bytes, { mode: 0o600 });
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
  const inspect = inspectFile(bytes, staged.kind, { mapping, dateOrder, sampleSize: 5 });
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

export async function applyStaged(db: DB, staged: StagedImport, actor: { userId: number; name: string }): Promise<ImportResult> {
  writeProgress(staged.token, { done: 0, total: null, phase: "reading" });
  let lastWritten = 0;
  let last: ImportProgress = { done: 0, total: null, phase: "reading" };
  try {
    return await runImport({
      db,
      organisationId: staged.organisationId,
      kind: staged.kind,
      fileName: staged.fileName,
      bytes: stagedBytes(staged),
      mode: staged.mode,
      mapping: staged.mapping ?? undefined,
      actor: actor.name,
      userId: actor.userId,
      today: todayIso(),
      onProgress: (done, total) => {
        last = { done, total, phase: "applying" };
        if (done - lastWritten >= 2000 || done === total) {
          lastWritten = done;
          writeProgress(staged.token, last);
        }
      },
    });
  } finally {
    if (fs.existsSync(fileFor(staged.token, "json"))) writeProgress(staged.token, { ...last, phase: "done" });
  }
}
