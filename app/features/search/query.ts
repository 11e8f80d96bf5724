// The site search's address (/search?q=…&type=…&page=…, issue 11), read and written the same way
// by the server and the page. Plain code, no zod: the page's component imports it.

/** The kinds of things searched, in the order their tabs show. */
export const SEARCH_TYPES = ["organisations", "initiatives", "events", "listings", "threads", "posts"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
/** What a search looks through: everything, or one kind. */
export type SearchScope = SearchType | "all";

/** Hits per page. */
export const SEARCH_PAGE_SIZE = 20;
/** Pages a search goes to at most (deeper pages cost more and nobody reads them). */
export const SEARCH_MAX_PAGES = 50;
/**
 * Matches of each kind a search ranks at most: the newest this many the viewer may see. A search
 * then costs the same whatever the data: ranking (bm25) and counting every match of a common
 * word took 169 ms of CPU for 50,000 posts on the 100× benchmark. The trade: for a query with at
 * most this many matches of a kind the ranking is exact; for a commoner one it is the best of the
 * newest this many, and its count reads "more than" this. Pages reach 1,000 hits anyway
 * (SEARCH_MAX_PAGES × SEARCH_PAGE_SIZE).
 */
export const SEARCH_CANDIDATES = 2000;
/** Characters of a query used (whole code points); the search box allows no more. */
export const SEARCH_QUERY_MAX = 200;

export type SearchQuery = { q: string; type: SearchScope; page: number };

/** A query cut to SEARCH_QUERY_MAX characters (never in the middle of a character) and trimmed. */
export function searchQueryText(text: string) {
  return Array.from(text.trim()).slice(0, SEARCH_QUERY_MAX).join("").trim();
}

const isSearchType = (value: string | null): value is SearchType => (SEARCH_TYPES as readonly string[]).includes(value ?? "");

/**
 * The search a URL asks for. Never fails: a missing or repeated `q` reads as its first value or
 * "", an unknown `type` as "all", a `page` that is not a whole number from 1 as 1 (pages past
 * SEARCH_MAX_PAGES as the last allowed; the loader redirects pages past the results).
 */
export function parseSearchQuery(params: URLSearchParams): SearchQuery {
  const type = params.get("type");
  const page = Number(params.get("page") ?? "1");
  return {
    q: searchQueryText(params.get("q") ?? ""),
    type: isSearchType(type) ? type : "all",
    page: Number.isSafeInteger(page) && page >= 1 ? Math.min(page, SEARCH_MAX_PAGES) : 1,
  };
}

/** The address of a search (page 1 and type "all" left out). */
export function searchHref({ q, type = "all", page = 1 }: { q: string; type?: SearchScope; page?: number }) {
  const params = new URLSearchParams({ q });
  if (type !== "all") params.set("type", type);
  if (page > 1) params.set("page", String(page));
  return `/search?${params.toString()}`;
}
