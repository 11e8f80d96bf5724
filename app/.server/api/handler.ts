import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "#app/.server/auth/index.ts";
import { databaseTrouble } from "#app/.server/database-errors.ts";
import { ApiError, apiErrorResponse, apiJson, methodNotAllowed, preflight } from "./errors.ts";
import { hitApiRateLimit, rateLimitHeaders } from "./rate-limit.ts";

type Params = LoaderFunctionArgs["params"];

/**
 * A GET/HEAD handler of the API as a Remix loader. It never reads the session: whatever cookie is
 * sent, the API answers as an anonymous visitor, so it cannot leak what only members see. A CORS
 * preflight (OPTIONS) gets 204. Counts the request against the rate limit of the client IP (auth's
 * clientIp, the address sessions record) — 429 with Retry-After when spent — answers JSON with
 * CORS and RateLimit headers, and turns a thrown ApiError into its JSON error answer.
 */
export function apiLoader(handle: (input: { url: URL; params: Params }) => unknown) {
  return async ({ request, params, context }: LoaderFunctionArgs): Promise<Response> => {
    // Remix hands OPTIONS to loaders (only POST, PUT, PATCH and DELETE reach actions).
    if (request.method === "OPTIONS") return preflight();
    const limited = hitApiRateLimit(clientIp(request, context));
    const headers = rateLimitHeaders(limited);
    if (!limited.ok) {
      const retryAfter = String(limited.resetSeconds);
      return apiErrorResponse(
        new ApiError(429, "rate_limited", `Too many requests: at most ${limited.limit} a minute. Try again in ${retryAfter} s.`, undefined, { "Retry-After": retryAfter }),
        headers,
      );
    }
    try {
      return apiJson(handle({ url: new URL(request.url), params }), { headers });
    } catch (thrown) {
      if (thrown instanceof ApiError) return apiErrorResponse(thrown, headers);
      // The database in trouble (disk full, read-only…) is not a bug: server/index.ts answers 503.
      if (databaseTrouble(thrown)) throw thrown;
      // A bug, not the client's input: logged, answered in the API's own error format.
      console.error(thrown);
      return apiJson({ error: { code: "internal_error", message: "Something went wrong on our side." } }, { status: 500, headers });
    }
  };
}

/**
 * The action of every API route: 405 with Allow for POST, PUT, PATCH and DELETE (the methods Remix
 * sends to actions). The API never changes anything, which is why server/index.ts lets these
 * requests to /api/v1/ past its same-origin check: they can only reach this answer.
 */
export async function apiAction(_args: ActionFunctionArgs): Promise<Response> {
  return methodNotAllowed();
}
