import { SEARCH_TEXT_MAX } from "#app/utils/search-text.ts";
import { decodeCursor } from "./cursor.ts";
import { ApiError } from "./errors.ts";

// Strict readers of the API's query parameters. The pages drop what they do not understand (a
// shared link keeps working); the API answers 400 instead, naming the parameter, so a client's
// typo (`actorType` for `actor_type`, `region=Lima` for `LIM`) is never silently "everything".

/** Items per page when `limit` is not given, and the most a page may hold. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

/** The parameters every list takes besides its filters. */
const PAGING = ["limit", "cursor"] as const;

/**
 * Checks that only known parameters are present, each at most once where a single value is meant,
 * and reads the page: `{ limit, afterId }` (afterId 0 for the first page). Throws ApiError 400
 * (`unknown_parameter`, `invalid_limit`, `invalid_cursor`, `invalid_parameter`).
 */
export function readPaging(params: URLSearchParams, filters: readonly string[]) {
  for (const name of new Set(params.keys())) {
    if (!(PAGING as readonly string[]).includes(name) && !filters.includes(name)) {
      const known = [...filters, ...PAGING].join(", ");
      throw new ApiError(400, "unknown_parameter", `Unknown query parameter "${name}". This list takes: ${known}.`, name);
    }
  }
  const limitText = single(params, "limit");
  let limit = DEFAULT_LIMIT;
  if (limitText !== undefined) {
    limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) {
      throw new ApiError(400, "invalid_limit", `limit must be a whole number from 1 to ${MAX_LIMIT}.`, "limit");
    }
  }
  return { limit, afterId: decodeCursor(single(params, "cursor") ?? null) };
}

/** A parameter meant once: its value (undefined when absent); 400 when repeated. */
function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw new ApiError(400, "invalid_parameter", `${name} may be given once.`, name);
  return values[0];
}

/**
 * A filter taking codes from a fixed list, repeated (`?region=LIM&region=CUS`) or comma-separated
 * (`?region=LIM,CUS`); items match any of them. Each code once; empty values ignored. 400 naming
 * the parameter for a code not in `allowed`.
 */
export function codes<T extends readonly string[]>(params: URLSearchParams, name: string, allowed: T): Array<T[number]> {
  const values = params.getAll(name).flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean);
  for (const value of values) {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new ApiError(400, "invalid_parameter", `Unknown value "${value.slice(0, 60)}" for ${name}. Allowed: ${allowed.join(", ")}.`, name);
    }
  }
  return [...new Set(values)] as Array<T[number]>;
}

/** A filter taking one value from a fixed list; undefined when absent or empty. */
export function oneCode<T extends readonly string[]>(params: URLSearchParams, name: string, allowed: T): T[number] | undefined {
  const value = single(params, name)?.trim();
  if (!value) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ApiError(400, "invalid_parameter", `Unknown value "${value.slice(0, 60)}" for ${name}. Allowed: ${allowed.join(", ")}.`, name);
  }
  return value as T[number];
}

/**
 * The text filter `q`: trimmed and cut to SEARCH_TEXT_MAX characters as the pages do; undefined
 * when empty. It is matched as literal words (every word, the last as a prefix; case and accents
 * folded) through `ftsMatch`, never as query syntax.
 */
export function searchText(params: URLSearchParams): string | undefined {
  const value = single(params, "q");
  if (value === undefined) return undefined;
  return Array.from(value.trim()).slice(0, SEARCH_TEXT_MAX).join("").trim() || undefined;
}
