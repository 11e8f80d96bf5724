import { gzipSync } from "node:zlib";
import { LOCALE_COOKIE, localeOfHeaders } from "#app/.server/i18n.ts";
import { dataVersion, type DataGroup } from "#app/.server/versioned-cache.ts";

/**
 * Whole pages for anonymous visitors, kept until anything a public page shows changes.
 *
 * A page is the same for every visitor without a session in the same language, so rendering it
 * for each of them repeats the same work (issue 9: most of a page's time is React and Remix, not
 * the database). Discourse does the same for anonymous readers. Correctness rests on three keys:
 * - the data: every table a cached page reads bumps a group's counter in `data_versions` through
 *   triggers (migrations 0007, 0008) in the writing transaction, and every group is in the key, so
 *   the first request after a write renders afresh (tests/integration/page-cache.test.ts checks
 *   each cached page reads only versioned tables);
 * - the clock: pages that depend on the time (upcoming events, registration windows) are kept at
 *   most PAGE_CACHE_TTL_MS;
 * - the visitor: only GET requests without any cookie but the language one, to the public pages
 *   of CACHEABLE_PAGES, and only answers that are 200 HTML without Set-Cookie or `private`.
 *
 * The Content-Security-Policy nonce in a cached page is reused while the page is: a new render,
 * hence a new nonce, follows any change to what the page shows, so content cannot be written to
 * carry the nonce of the page it appears in; and the URL is part of the key.
 */
export const PAGE_CACHE_GROUPS: readonly DataGroup[] = ["organisations", "initiatives", "events", "people", "discussions", "exchange"];

/** Longest a page is kept, in ms, for what changes with the clock alone. */
export const PAGE_CACHE_TTL_MS = 60_000;

/** Pages kept at most (least recently used dropped first); each is its HTML and its gzip. */
export const PAGE_CACHE_ENTRIES = 300;

/** The public read-only pages whose anonymous version is cached (paths, query strings apart). */
export const CACHEABLE_PAGES: readonly RegExp[] = [
  /^\/$/,
  /^\/organisations(\/map)?$/,
  // Slugs have no dots: /organisations/names.json and Remix's /x.data answers are not pages.
  /^\/organisations\/[^/.]+$/,
  /^\/initiatives(\/[^/.]+)?$/,
  /^\/roadmaps(\/[^/.]+)?$/,
  /^\/events(\/[^/.]+)?$/,
  /^\/pact$/,
  // The progress dashboard (issue 11); not its CSV/JSON downloads nor the coordinators' report.
  /^\/progress$/,
  // Discussions (issue 10): the index, categories, threads, a parent's threads, the code of conduct.
  /^\/discussions(\/code-of-conduct|\/c\/[^/.]+|\/threads\/\d+|\/on\/[a-z]+\/\d+)?$/,
  // Search (issue 11). It reads the FTS5 indexes (organisations_fts, initiatives_fts, events_fts,
  // discussion_threads_fts, discussion_posts_fts), whose only writers are the triggers of their
  // content tables (migrations 0007, 0013), which bump the same data versions in the same
  // transaction: an index never changes without its group's counter moving.
  /^\/search$/,
  // The resource exchange's list and region tiles (issue 12): exchange_listings, their photos and
  // exchange_listings_fts (written only by the listings' triggers, migration 0016), organisations.
  /^\/exchange(\/map)?$/,
];

export type CachedPage = {
  /** Data version (dataVersion of PAGE_CACHE_GROUPS) read before the page was rendered. */
  version: string;
  storedAt: number;
  headers: Record<string, string>;
  html: Buffer;
  gzip: Buffer;
  /** The CSP nonce the page was rendered with; a response with this HTML must send it. */
  nonce: string;
};

/**
 * The cache key of a request whose page may come from the anonymous page cache, or null:
 * `url` is the path and query as requested, `cookie` and `acceptLanguage` the raw headers. The
 * key holds the language the page will be rendered in, resolved exactly as the app resolves it
 * (localeOfHeaders), never the raw headers: a repeated, unknown or oddly written `lang` cookie
 * must not let one visitor's page be served to readers of the other language.
 */
export function anonymousPageKey(method: string, url: string, cookie: string | undefined, acceptLanguage: string | undefined): string | null {
  if (method !== "GET") return null;
  const path = url.split("?")[0]!;
  if (!CACHEABLE_PAGES.some((page) => page.test(path))) return null;
  for (const pair of cookie ? cookie.split(";") : []) {
    const name = pair.split("=")[0]!.trim();
    if (name && name !== LOCALE_COOKIE) return null;
  }
  return `${localeOfHeaders(cookie, acceptLanguage)}\n${url}`;
}

/** Whether a rendered answer may be kept: 200, HTML, no cookie set, not private. */
export function isCacheableAnswer(status: number, headers: { contentType?: string; setCookie?: unknown; cacheControl?: string }) {
  return (
    status === 200 &&
    (headers.contentType ?? "").startsWith("text/html") &&
    !headers.setCookie &&
    !/no-store|private/.test(headers.cacheControl ?? "")
  );
}

export class AnonymousPageCache {
  private readonly pages = new Map<string, CachedPage>();

  constructor(
    private readonly entries = PAGE_CACHE_ENTRIES,
    private readonly ttlMs = PAGE_CACHE_TTL_MS,
  ) {}

  /** The data version now: read it before rendering a page that may be stored. One statement. */
  version(): string {
    return dataVersion(PAGE_CACHE_GROUPS);
  }

  /** The page stored under `key` if it was rendered at `version` less than the TTL ago. */
  get(key: string, version: string, now = Date.now()): CachedPage | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    this.pages.delete(key);
    if (page.version !== version || now - page.storedAt >= this.ttlMs) return undefined;
    this.pages.set(key, page);
    return page;
  }

  /** Stores a rendered page under `key`, computed at `version` (read before rendering). */
  put(key: string, page: { version: string; headers: Record<string, string>; html: Buffer; nonce: string }, now = Date.now()) {
    this.pages.delete(key);
    this.pages.set(key, { ...page, storedAt: now, gzip: gzipSync(page.html) });
    if (this.pages.size > this.entries) this.pages.delete(this.pages.keys().next().value!);
  }

  get size() {
    return this.pages.size;
  }
}
