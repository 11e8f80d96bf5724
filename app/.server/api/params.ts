import { decodeCursor, type ApiList } from "./cursor.ts";
import { ApiError } from "./errors.ts";

// Strict readers of the API's query parameters. A list takes exactly its listing page's
// parameters (names and values), read by the page's own parser, so a listing's query string
// copied onto /api/v1/<the same list> selects the same rows; plus `limit` and `cursor`, the API's
// own. The pages drop what they do not understand (a shared link keeps working); the API answers
// 400 instead, naming the parameter, so a client's typo (`actor_type` for `actorType`,
// `region=Lima` for `LIM`) is never silently "everything".

/** Items per page when `limit` is not given, and the most a page may hold. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

/** The parameters every list takes besides its filters. */
export const PAGING = ["limit", "cursor"] as const;

/** One query parameter of a listing page, as the API takes and documents it. */
export type FilterParam = {
  /** Repeated (`?region=LIM&region=CUS`: items match any of them), or given at most once. */
  repeat: boolean;
  /** The values the page takes, when they are codes from a fixed list. */
  values?: readonly string[];
  /** What a value looks like when it is neither a code nor free text (e.g. "YYYY-MM"). */
  format?: string;
  /** The value the page reads when the parameter is absent, if any. */
  default?: string;
  /** What it does, for the OpenAPI document. */
  description: string;
};

/** A list's parameters (besides limit and cursor), by the page's names. */
export type ListParams = Record<string, FilterParam>;

/**
 * Reads a list's query: `{ filters, paging }`. `filters` is what the listing page's own parser
 * (`parse`) makes of the query; `paging` is `{ limit, afterId }` (afterId 0 for the first page).
 * Strict where the page is lenient: a parameter not in `spec` (nor limit/cursor), `page` (the API
 * pages by cursor), a single-valued one given twice, or a non-empty value the page's parser drops
 * or replaces (an unknown code, a malformed month) is an ApiError 400 naming the parameter
 * (`unknown_parameter`, `invalid_parameter`, `invalid_limit`, `invalid_cursor`). Empty values
 * count as absent, as on the pages (their forms send `?q=`). Free-text parameters (no `values`,
 * no `format`) are taken as the page takes them: trimmed and shortened.
 */
export function readList<F extends object>(list: ApiList, params: URLSearchParams, spec: ListParams, parse: (params: URLSearchParams) => F) {
  for (const name of new Set(params.keys())) {
    if (name === "page") {
      throw new ApiError(400, "invalid_parameter", "The API pages with limit and cursor (the next_cursor of the previous answer), not page numbers: leave page out.", "page");
    }
    if (!(name in spec) && !(PAGING as readonly string[]).includes(name)) {
      const known = [...Object.keys(spec), ...PAGING].join(", ");
      throw new ApiError(400, "unknown_parameter", `Unknown query parameter "${name.slice(0, 60)}". This list takes: ${known}.`, name);
    }
  }
  for (const [name, param] of Object.entries(spec)) if (!param.repeat) single(params, name);
  const paging = readPaging(list, params);
  const filters = parse(params);
  const read = filters as Record<string, unknown>;
  for (const [name, param] of Object.entries(spec)) {
    if (!param.values && !param.format) continue;
    for (const value of params.getAll(name)) {
      const kept = value === "" || (param.repeat ? (read[name] as readonly unknown[]).includes(value) : read[name] === value);
      if (!kept) {
        const allowed = param.values ? `Allowed: ${param.values.join(", ")}.` : `Expected ${param.format}.`;
        throw new ApiError(400, "invalid_parameter", `Unknown value "${value.slice(0, 60)}" for ${name}. ${allowed}`, name);
      }
    }
  }
  return { filters, paging };
}

/** `limit` and `cursor` (a cursor of `list`): `{ limit, afterId }`. */
function readPaging(list: ApiList, params: URLSearchParams) {
  const limitText = single(params, "limit");
  let limit = DEFAULT_LIMIT;
  if (limitText !== undefined) {
    limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) {
      throw new ApiError(400, "invalid_limit", `limit must be a whole number from 1 to ${MAX_LIMIT}.`, "limit");
    }
  }
  return { limit, afterId: decodeCursor(single(params, "cursor") ?? null, list) };
}

/** A parameter meant once: its value (undefined when absent); 400 when repeated. */
function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw new ApiError(400, "invalid_parameter", `${name} may be given once.`, name);
  return values[0];
}
