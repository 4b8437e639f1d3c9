/**
 * What one reading request has already looked up, shared by the loaders Remix runs for it in parallel (the
 * organisation layout and its page both ask who is signed in and whether they belong to the organisation). The
 * store lives only as long as one GET or HEAD request: an action's request gets none, so a write and the loaders
 * after it always read afresh, and nothing is ever shared between requests (sign-out, a removed membership or a
 * changed role count from the very next request). Outside a request (tests calling a loader, the CLI) there is no
 * store and every lookup runs.
 */
import { AsyncLocalStorage } from "node:async_hooks";

declare global {
  // eslint-disable-next-line no-var
  var __complianceRequestMemo: AsyncLocalStorage<Map<string, Promise<unknown>>> | undefined;
}

// One store per process: the server's request handler (build/serve.js) and the app's loaders (the Remix build) are
// bundled apart, so each has its own copy of this module; both must use the same store.
const store = (globalThis.__complianceRequestMemo ??= new AsyncLocalStorage<Map<string, Promise<unknown>>>());

/** Runs `fn` (the handling of one request) with a fresh memo when the request only reads. */
export function withRequestMemo<T>(method: string, fn: () => T): T {
  return method === "GET" || method === "HEAD" ? store.run(new Map(), fn) : fn();
}

/**
 * `lookup()` once per reading request and `key`; later callers in the same request share its promise. A lookup
 * that fails is not kept, so a caller after it tries again.
 */
export function memoisedForRequest<T>(key: string, lookup: () => Promise<T>): Promise<T> {
  const memo = store.getStore();
  if (!memo) return lookup();
  const known = memo.get(key) as Promise<T> | undefined;
  if (known) return known;
  const pending = lookup();
  memo.set(key, pending);
  pending.catch(() => memo.delete(key));
  return pending;
}
