/**
 * Request bodies are bounded before they are buffered. Every POST (or other body) is read here, counting bytes as they
 * arrive, however it is sent (Content-Length or chunked): sign-in and set-password forms up to 16 KB, ordinary forms
 * up to 1 MB in memory, and multipart uploads to the upload routes up to the upload limit for the WHOLE body, written
 * to a private file as it arrives. Anything larger is refused with 413 and a page saying so, without reading the rest.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { DEFAULT_LIMITS } from "../../importers/types";
import { appEnv } from "./env.server";

export const SIGN_IN_BODY_LIMIT = 16 * 1024;
export const FORM_BODY_LIMIT = 1024 * 1024;
/** The upload limit (the importers' file limit) plus room for the form's other fields and the multipart framing. */
export const UPLOAD_BODY_LIMIT = DEFAULT_LIMITS.maxBytes + 1024 * 1024;

/** Routes that take a file upload (multipart/form-data); every other route gets the form limit whatever it is sent. */
const UPLOAD_ROUTES = [/^\/orgs\/[^/]+\/imports\/?$/, /^\/orgs\/[^/]+\/audits\/[^/]+\/import\/?$/];
const SIGN_IN_ROUTES = [/^\/login\/?$/, /^\/logout\/?$/, /^\/set-password\/[^/]+\/?$/];

export interface BodyLimit {
  bytes: number;
  /** Written to a file as it arrives instead of being kept in memory. */
  toDisk: boolean;
}

export function bodyLimitFor(method: string, pathname: string, contentType: string | undefined): BodyLimit | null {
  if (method === "GET" || method === "HEAD") return null;
  if (SIGN_IN_ROUTES.some((r) => r.test(pathname))) return { bytes: SIGN_IN_BODY_LIMIT, toDisk: false };
  const multipart = (contentType ?? "").toLowerCase().startsWith("multipart/form-data");
  if (multipart && UPLOAD_ROUTES.some((r) => r.test(pathname))) return { bytes: UPLOAD_BODY_LIMIT, toDisk: true };
  return { bytes: FORM_BODY_LIMIT, toDisk: false };
}

export function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** Uploads being received, and the files parsed out of them, before they are staged: beside the database, private. */
export function incomingDir(): string {
  const dir = path.join(path.dirname(appEnv().databaseFile), "incoming");
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export function incomingFile(prefix: string): string {
  return path.join(incomingDir(), `${prefix}-${crypto.randomBytes(12).toString("hex")}`);
}

/** Leftovers of requests that died half-way (older than an hour). */
export function removeStaleIncoming(): void {
  const cutoff = Date.now() - 3600_000;
  for (const name of fs.readdirSync(incomingDir())) {
    const full = path.join(incomingDir(), name);
    try {
      if (fs.statSync(full).mtimeMs < cutoff) fs.rmSync(full, { force: true });
    } catch {
      // removed meanwhile
    }
  }
}

export type ReadBody = { kind: "none" } | { kind: "memory"; bytes: Buffer } | { kind: "file"; file: string; bytes: number };

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request is larger than the ${formatLimit(limit)} limit.`);
  }
}

function tooLargePage(limit: BodyLimit): string {
  const what = limit.toDisk
    ? `The upload is larger than the ${formatLimit(limit.bytes)} limit for a whole upload. Split the file, or import it with the command line (npm run cli -- import …).`
    : `The form sent more than ${formatLimit(limit.bytes)}, which is more than any form on this site needs.`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Too large · Competence &amp; Conduct</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1>That was too large</h1><p>${what}</p><p>Nothing was changed.</p><p>Use your browser's Back button to return to the form, or go to the <a href="/">start page</a>.</p></body></html>`;
}

/**
 * Answers 413 now. The rest of the body is read and thrown away (nothing is kept) so the client sees the answer
 * rather than a reset connection, and the connection is closed a few seconds later whatever the client still sends.
 */
export function refuseTooLarge(req: ExpressRequest, res: ExpressResponse, limit: BodyLimit): void {
  req.unpipe();
  req.on("data", () => undefined);
  req.resume();
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(413).set({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).send(tooLargePage(limit));
  res.on("finish", () => setTimeout(() => req.socket.destroy(), 3000).unref());
}

/**
 * Reads the body within its limit: null when it was refused (413 already answered). A declared Content-Length over
 * the limit is refused before a byte is read.
 */
export function readBoundedBody(req: ExpressRequest, res: ExpressResponse, limit: BodyLimit | null): Promise<ReadBody | null> {
  if (!limit) return Promise.resolve({ kind: "none" });
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > limit.bytes) {
    refuseTooLarge(req, res, limit);
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    let received = 0;
    const chunks: Buffer[] = [];
    let file: string | null = null;
    let out: fs.WriteStream | null = null;
    if (limit.toDisk) {
      removeStaleIncoming();
      file = incomingFile("body");
      out = fs.createWriteStream(file, { mode: 0o600, flags: "wx" });
      out.on("error", (error) => fail(error));
    }
    let settled = false;
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", fail);
      req.off("aborted", onAborted);
    };
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      cleanup();
      out?.destroy();
      if (file) fs.rmSync(file, { force: true });
      reject(error);
    };
    const onAborted = () => fail(new Error("The client went away before sending the whole request."));
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit.bytes) {
        if (settled) return;
        settled = true;
        cleanup();
        out?.destroy();
        if (file) fs.rmSync(file, { force: true });
        refuseTooLarge(req, res, limit);
        resolve(null);
        return;
      }
      if (out) {
        if (!out.write(chunk)) {
          req.pause();
          out.once("drain", () => req.resume());
        }
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      if (settled) return;
      cleanup();
      if (out && file) {
        const done = file;
        out.end(() => {
          settled = true;
          resolve({ kind: "file", file: done, bytes: received });
        });
      } else {
        settled = true;
        resolve(received === 0 ? { kind: "memory", bytes: Buffer.alloc(0) } : { kind: "memory", bytes: Buffer.concat(chunks, received) });
      }
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", fail);
    req.on("aborted", onAborted);
  });
}
