/**
 * Reads an upload form (multipart/form-data) with busboy, streaming its one file to a private file on disk as it
 * arrives: memory stays small whatever the upload's size, and any file name (with `=`, `;`, quotes, non-ASCII) is
 * read correctly. The file is limited to `maxFileBytes`, the other fields to a few small values.
 */
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { incomingFile } from "./request-limits.server";

export interface UploadedFile {
  /** Where the file was written (private, in the data directory's incoming folder); move it or remove it. */
  path: string;
  /** The file name as the browser gave it, without any folder. */
  name: string;
  size: number;
  type: string;
}

export interface UploadForm {
  fields: Record<string, string>;
  file: UploadedFile | null;
}

export class UploadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than the ${Math.round(limit / 1024 / 1024)} MB upload limit.`);
  }
}

export class UploadFormError extends Error {}

const MAX_FIELDS = 50;
const MAX_FIELD_BYTES = 64 * 1024;

/** Only the last path segment, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return base.slice(0, 200) || "upload.csv";
}

export async function readUploadForm(request: Request, options: { fileField: string; maxFileBytes: number }): Promise<UploadForm> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!request.body || !contentType.toLowerCase().startsWith("multipart/form-data")) throw new UploadFormError("Send the file as a form upload (multipart/form-data).");
  // The server refuses larger bodies before they reach the route; this guards callers that skip it.
  if (Number(request.headers.get("Content-Length") ?? 0) > options.maxFileBytes + 1024 * 1024) throw new UploadTooLargeError(options.maxFileBytes);
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      limits: { fileSize: options.maxFileBytes, files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: MAX_FIELDS + 1 },
      defParamCharset: "utf8",
    });
  } catch (error) {
    throw new UploadFormError(`The upload could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fields: Record<string, string> = {};
  let file: UploadedFile | null = null;
  const written: string[] = [];
  const writes: Promise<void>[] = [];
  let tooLarge = false;

  parser.on("field", (name, value, info) => {
    if (info.valueTruncated) return;
    if (!(name in fields)) fields[name] = value;
  });
  parser.on("file", (name, stream, info) => {
    if (name !== options.fileField || file) {
      stream.resume();
      return;
    }
    const target = incomingFile("file");
    written.push(target);
    const entry: UploadedFile = { path: target, name: cleanFileName(info.filename ?? ""), size: 0, type: info.mimeType };
    file = entry;
    stream.on("data", (chunk: Buffer) => (entry.size += chunk.length));
    stream.on("limit", () => {
      tooLarge = true;
    });
    writes.push(pipeline(stream, fs.createWriteStream(target, { mode: 0o600, flags: "wx" })));
  });

  const done = new Promise<void>((resolve, reject) => {
    parser.on("close", resolve);
    parser.on("error", reject);
  });
  try {
    await pipeline(Readable.fromWeb(request.body as unknown as NodeWebReadableStream<Uint8Array>), parser);
    await done;
    await Promise.all(writes);
  } catch (error) {
    for (const f of written) fs.rmSync(f, { force: true });
    if (tooLarge) throw new UploadTooLargeError(options.maxFileBytes);
    throw new UploadFormError(`The upload could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (tooLarge) {
    for (const f of written) fs.rmSync(f, { force: true });
    throw new UploadTooLargeError(options.maxFileBytes);
  }
  return { fields, file };
}

/** Removes the uploaded file unless it was moved (staged). */
export function discardUploadedFile(file: UploadedFile | null): void {
  if (file) fs.rmSync(file.path, { force: true });
}

/** The uploaded file's bytes (for small uploads that are stored in the database). */
export function uploadedBytes(file: UploadedFile): Uint8Array {
  return fs.readFileSync(file.path);
}
