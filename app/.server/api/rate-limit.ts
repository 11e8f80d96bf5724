import { env } from "#app/.server/env.ts";

// Rate limit of the open data API: per client IP, a fixed window kept in this process's memory.
//
// Not app/.server/auth/rate-limit.ts: that one keeps its windows in SQLite so a restart cannot
// reset a password-guessing budget, at the price of an immediate (writing) transaction per hit.
// Here that would turn every read of the API into a write, queue all API requests behind SQLite's
// single writer, and add statements to each request. The API guards capacity, not secrets: a
// window that resets when the process restarts, and one window per process, are acceptable.
// RATE_LIMIT_SCALE multiplies the limit as it does the others (end-to-end tests share one IP).

/** Requests per client IP per window, before RATE_LIMIT_SCALE. */
export const API_REQUESTS_PER_WINDOW = 120;
/** The window, in milliseconds. */
export const API_WINDOW_MS = 60_000;
/**
 * Client IPs tracked at most. Windows are kept in the order they end (a renewed one is moved to
 * the end), so expired ones are dropped from the front as they are met; when a flood of distinct
 * IPs fills the table within one window, the window that ends soonest is dropped to make room
 * (that IP starts a fresh window), so memory never grows past this many entries.
 */
export const API_MAX_TRACKED_IPS = 10_000;

export type ApiRateLimitResult = {
  ok: boolean;
  /** Requests allowed per window. */
  limit: number;
  /** Requests left in the current window. */
  remaining: number;
  /** Seconds until the window ends (at least 1). */
  resetSeconds: number;
};

const windows = new Map<string, { count: number; resetAt: number }>();

/** How many client IPs the limiter tracks now (at most API_MAX_TRACKED_IPS). */
export function apiRateLimitSize() {
  return windows.size;
}

/** The limit per window after RATE_LIMIT_SCALE (at least 1). */
export function apiRequestLimit() {
  return Math.max(1, Math.floor(API_REQUESTS_PER_WINDOW * env().RATE_LIMIT_SCALE));
}

/** Counts one request from `clientIp` (in the window that holds `now`, ms) and says whether it may be answered. */
export function hitApiRateLimit(clientIp: string, now = Date.now()): ApiRateLimitResult {
  const limit = apiRequestLimit();
  let window = windows.get(clientIp);
  if (!window || window.resetAt <= now) {
    windows.delete(clientIp);
    // Oldest first: drop the expired ones at the front, then, when still full, the soonest to end.
    for (const [ip, w] of windows) {
      if (w.resetAt > now && windows.size < API_MAX_TRACKED_IPS) break;
      windows.delete(ip);
    }
    window = { count: 0, resetAt: now + API_WINDOW_MS };
    windows.set(clientIp, window);
  }
  const resetSeconds = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
  if (window.count >= limit) return { ok: false, limit, remaining: 0, resetSeconds };
  window.count += 1;
  return { ok: true, limit, remaining: limit - window.count, resetSeconds };
}

/** The RateLimit headers (IETF draft "RateLimit header fields for HTTP") for a result. */
export function rateLimitHeaders(result: ApiRateLimitResult): Record<string, string> {
  return {
    "RateLimit-Limit": String(result.limit),
    "RateLimit-Remaining": String(result.remaining),
    "RateLimit-Reset": String(result.resetSeconds),
    "RateLimit-Policy": `${result.limit};w=${API_WINDOW_MS / 1000}`,
  };
}
