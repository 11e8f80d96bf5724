// JSON answers of the open data API (/api/v1/…): every answer, errors included, is JSON with the
// CORS header, so a browser script on another site can read both the data and what went wrong.

/** Headers on every API answer: readable from any origin, never with credentials. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  "Access-Control-Allow-Origin": "*",
  // Scripts elsewhere may read these (pagination and rate limits).
  "Access-Control-Expose-Headers": "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, Retry-After",
};

/** Methods the API answers; everything else gets 405. */
export const API_METHODS = "GET, HEAD, OPTIONS";

/** Machine-readable error codes of the API (the `error.code` of a JSON error body). */
export const API_ERROR_CODES = [
  "invalid_parameter",
  "unknown_parameter",
  "invalid_cursor",
  "invalid_limit",
  "not_found",
  "method_not_allowed",
  "rate_limited",
  "internal_error",
  "unavailable",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/**
 * An expected failure of an API request, thrown by parsers and data functions and turned into a
 * JSON error answer (`{ error: { code, message, parameter? } }`) by `apiLoader`. `parameter` names
 * the query parameter at fault, when one is.
 */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 404 | 405 | 429,
    readonly code: ApiErrorCode,
    message: string,
    readonly parameter?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** A JSON answer with the API's common headers (CORS, content type, caching) plus `headers`. */
export function apiJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}) {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      // Anonymous, public data: shared caches may keep it briefly; errors are never kept.
      "Cache-Control": (init.status ?? 200) === 200 ? "public, max-age=60" : "no-store",
      ...CORS_HEADERS,
      ...init.headers,
    },
  });
}

/** The JSON answer for an ApiError. */
export function apiErrorResponse(error: ApiError, headers: Record<string, string> = {}) {
  const body = { error: { code: error.code, message: error.message, ...(error.parameter ? { parameter: error.parameter } : {}) } };
  return apiJson(body, { status: error.status, headers: { ...headers, ...error.headers } });
}

/**
 * 503 when the database cannot serve the request now (disk full, read-only, an I/O error, or busy
 * past its timeout; app/.server/database-errors.ts): the client may try again after Retry-After.
 */
export function apiUnavailable(retryAfterSeconds: number) {
  return apiJson(
    { error: { code: "unavailable", message: `The service cannot use its database right now. Try again in ${retryAfterSeconds} s.` } },
    { status: 503, headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}

/** 404 for an item that does not exist or is not public (the two are not told apart). */
export function apiNotFound(what: string) {
  return new ApiError(404, "not_found", `No public ${what} has this identifier.`);
}

/** 405 for a method the read-only API does not answer. */
export function methodNotAllowed() {
  return apiErrorResponse(
    new ApiError(405, "method_not_allowed", `This API is read-only: use ${API_METHODS}.`, undefined, { Allow: API_METHODS }),
  );
}

/** 204 for a CORS preflight: any origin may GET/HEAD, with no credentials. */
export function preflight() {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      Allow: API_METHODS,
      "Access-Control-Allow-Methods": API_METHODS,
      "Access-Control-Allow-Headers": "Content-Type",
      "Access-Control-Max-Age": "86400",
    },
  });
}

/**
 * Whether a request target (path and query as sent) is under the open data API, which answers
 * every method itself (JSON 405 for writes). Read as Remix will route it — the WHATWG URL parser
 * resolves `..`, `%2e%2e` and backslashes — so `/api/v1/../login` is not taken for the API. A
 * `.data` path (`/api/v1/organisations.data`) is not the API but Remix's own single-fetch data
 * request for the route: a cross-site write to it made Remix throw (a 500), so it is checked like
 * any other write.
 */
export function isApiPath(target: string) {
  let pathname: string;
  try {
    // As the Remix Express adapter builds its URL: origin + the target as sent.
    pathname = new URL(`http://local${target}`).pathname;
  } catch {
    return false;
  }
  return (pathname === "/api/v1" || pathname.startsWith("/api/v1/")) && !pathname.endsWith(".data");
}
