/**
 * Express → Remix, like @remix-run/express's handler, but the request body is read first within its limit (see
 * request-limits.server.ts) and handed to Remix from memory or from the file it was written to; and every response
 * without its own Cache-Control gets `no-store`, so signed-in pages and exports are never kept by a browser or proxy.
 */
import fs from "node:fs";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import { bodyLimitFor, readBoundedBody, type ReadBody } from "./request-limits.server";
import { withRequestMemo } from "./request-memo.server";

function remixHeaders(given: ExpressRequest["headers"]): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(given)) {
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else if (values) headers.set(key, values);
  }
  return headers;
}

function remixRequest(req: ExpressRequest, res: ExpressResponse, body: ReadBody): Request {
  const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const port = [Number.parseInt(forwardedPort, 10), Number.parseInt(hostPort, 10)].find((p) => Number.isSafeInteger(p));
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  let controller: AbortController | null = new AbortController();
  const headers = remixHeaders(req.headers);
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    headers.delete("transfer-encoding");
    if (body.kind === "memory") {
      init.body = new Uint8Array(body.bytes) as Uint8Array<ArrayBuffer>;
      headers.set("content-length", String(body.bytes.length));
    } else if (body.kind === "file") {
      init.body = createReadableStreamFromReadable(fs.createReadStream(body.file));
      headers.set("content-length", String(body.bytes));
      init.duplex = "half";
    }
  }
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}

async function sendResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (!response.headers.has("Cache-Control")) res.set("Cache-Control", "no-store");
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

export function createBoundedRequestHandler(options: {
  build: ServerBuild;
  mode: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}) {
  const handle = createRequestHandler(options.build, options.mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    let body: ReadBody | null = null;
    try {
      body = await readBoundedBody(req, res, bodyLimitFor(req.method, req.path, req.headers["content-type"]));
      if (body === null) return; // refused with 413
      const request = remixRequest(req, res, body);
      const response = await withRequestMemo(req.method, () => handle(request, options.getLoadContext(req, res)));
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    } finally {
      if (body?.kind === "file") fs.rmSync(body.file, { force: true });
    }
  };
}

