import { AsyncLocalStorage } from "node:async_hooks";

// The HTTP server (build/server.js, or server/index.ts under Vite in development) and the Remix
// build each bundle their own copy of this module; both must share one storage.
const shared = globalThis as unknown as { __requestScope?: AsyncLocalStorage<Map<string, unknown>> };
const storage = (shared.__requestScope ??= new AsyncLocalStorage<Map<string, unknown>>());

/**
 * Runs one HTTP request's handling in a scope where `oncePerRequest` remembers values.
 *
 * Remix hands every loader of a page its own copy of the Request, so a cache keyed by the Request
 * object misses (the session was read once per loader, issue 9). Only reads (GET and HEAD) get a
 * scope: an action may change what a value depends on (a session it ends, a role it grants) and
 * the loaders that run after it in the same request must see the change.
 */
export function runInRequestScope<T>(method: string, handle: () => T): T {
  return method === "GET" || method === "HEAD" ? storage.run(new Map(), handle) : handle();
}

/**
 * `compute()` once per HTTP request and key; outside a request scope (actions, tests, scripts)
 * it is simply called.
 */
export function oncePerRequest<T>(key: string, compute: () => T): T {
  const values = storage.getStore();
  if (!values) return compute();
  if (values.has(key)) return values.get(key) as T;
  const value = compute();
  values.set(key, value);
  return value;
}
