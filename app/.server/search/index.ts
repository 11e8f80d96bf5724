import { sql } from "drizzle-orm";
import type { SessionUser } from "#app/.server/auth/index.ts";
import { sqlite } from "#app/.server/db.ts";
import { searchPosts, searchThreads, type DiscussionSearchScope, type ParentPlaceSql } from "#app/.server/discussions/index.ts";
import { eventPlaceSql, searchEvents } from "#app/.server/events/index.ts";
import { searchListings } from "#app/.server/exchange/index.ts";
import type { SearchPage, SearchTotal, SearchViewer } from "#app/.server/fts-hits.ts";
import { initiativePlaceSql, searchInitiatives } from "#app/.server/initiatives/index.ts";
import { searchOrganisations } from "#app/.server/organisations/index.ts";
import { ftsMatch } from "#app/.server/text-search.ts";
import type { DiscussableType } from "#app/features/discussions/taxonomy.ts";
import {
  SEARCH_CANDIDATES,
  SEARCH_MAX_PAGES,
  SEARCH_PAGE_SIZE,
  SEARCH_TYPES,
  searchQueryText,
  type SearchQuery,
  type SearchScope,
  type SearchType,
} from "#app/features/search/query.ts";
import type { Locale } from "#app/i18n.ts";
import { rebuildSearchIndexesOf } from "./rebuild.ts";

export { SEARCH_INDEXES } from "./rebuild.ts";

// Search everything (issue 11): organisations, initiatives, events, exchange listings (issue 12), discussion threads and posts,
// each asked of its own feature (app/.server/<feature>/search.ts), which applies its own visibility
// rule; this module only merges.

/** One hit as the search page shows it, whatever its kind. Marked text: see features/search/marks.ts. */
export type SearchHit = {
  type: SearchType;
  id: number;
  title: string;
  /** The title with matched words between MARK_START and MARK_END. */
  titleMarked: string;
  /** A passage with matched words marked, or a plain excerpt; may be "". */
  snippet: string;
  href: string;
  /** Whether the query matched its title (or name, acronym): the title tier, ranked before the rest. */
  titleHit: boolean;
  /** −bm25: higher is better, within a tier. */
  score: number;
  /** A small fact shown beside the kind: a status, a date (UTC ms), a place. */
  meta: SearchHitMeta;
};

export type SearchHitMeta =
  | { type: "organisations"; acronym: string | null; actorType: string; hqRegion: string; status: string }
  | { type: "initiatives"; status: string; leadName: string }
  | { type: "events"; status: string; eventType: string; startsAt: number; city: string | null }
  | { type: "listings"; kind: string; category: string; region: string }
  | { type: "threads"; place: { title: string; href: string }; replyCount: number; lastPostAt: number }
  | { type: "posts"; place: { title: string; href: string }; authorName: string; createdAt: number };

export type SearchResults = {
  /** The query as used (trimmed, at most SEARCH_QUERY_MAX characters); "" for an empty search. */
  q: string;
  type: SearchQuery["type"];
  page: number;
  /** Whether the query had any word to look for ("¿?" has none: no results, no error). */
  searched: boolean;
  /**
   * Matches the viewer may see, per kind, and their sum: of each kind at most the candidates
   * ranked (SEARCH_CANDIDATES, the newest); where `capped` says so, there were more than that.
   */
  counts: Record<SearchScope, number>;
  /** Per kind: whether it had more matches than its count (the candidates); `all`: whether any had. */
  capped: Record<SearchScope, boolean>;
  /** Pages of the chosen kind ("all": of the sum), at least 1, at most SEARCH_MAX_PAGES. */
  pages: number;
  hits: SearchHit[];
};

type Found = SearchTotal & { hits: SearchHit[] };
type FeatureHit = Pick<SearchHit, "id" | "title" | "titleMarked" | "snippet" | "href" | "titleHit" | "score">;

/** A feature's answer as SearchHits of `type`, each with the facts `meta` picks from it. */
function hitsOf<H extends FeatureHit>(type: SearchType, found: SearchTotal & { hits: H[] }, meta: (hit: H) => SearchHitMeta): Found {
  return {
    total: found.total,
    capped: found.capped,
    hits: found.hits.map((hit) => ({
      type,
      id: hit.id,
      title: hit.title,
      titleMarked: hit.titleMarked,
      snippet: hit.snippet,
      href: hit.href,
      titleHit: hit.titleHit,
      score: hit.score,
      meta: meta(hit),
    })),
  };
}

/** Each kind's search for a viewer: the features' own functions, normalised to SearchHit. */
function searchers(viewer: SearchViewer, locale: Locale): Record<SearchType, (text: string, page: SearchPage) => Found> {
  // Every discussable type must be given (a new one fails to compile until it is): a type left
  // out would hide its threads.
  // Private exchange conversations are never in site search, whoever asks: their members read
  // them from the listing and My work.
  const parents: Record<DiscussableType, ParentPlaceSql> = {
    initiative: initiativePlaceSql(viewer),
    event: eventPlaceSql(viewer),
    exchange_conversation: () => sql`NULL`,
  };
  const scope: DiscussionSearchScope = { parents, locale };
  return {
    organisations: (text, page) =>
      hitsOf("organisations", searchOrganisations(text, viewer, page), (hit) => ({
        type: "organisations",
        acronym: hit.acronym,
        actorType: hit.actorType,
        hqRegion: hit.hqRegion,
        status: hit.status,
      })),
    initiatives: (text, page) =>
      hitsOf("initiatives", searchInitiatives(text, viewer, page), (hit) => ({ type: "initiatives", status: hit.status, leadName: hit.leadName })),
    events: (text, page) =>
      hitsOf("events", searchEvents(text, viewer, page), (hit) => ({ type: "events", status: hit.status, eventType: hit.type, startsAt: hit.startsAt, city: hit.city })),
    listings: (text, page) =>
      hitsOf("listings", searchListings(text, viewer, page), (hit) => ({ type: "listings", kind: hit.kind, category: hit.category, region: hit.region })),
    threads: (text, page) =>
      hitsOf("threads", searchThreads(text, viewer, page, scope), (hit) => ({ type: "threads", place: hit.place, replyCount: hit.replyCount, lastPostAt: hit.lastPostAt })),
    posts: (text, page) =>
      hitsOf("posts", searchPosts(text, viewer, page, scope), (hit) => ({ type: "posts", place: hit.place, authorName: hit.authorName, createdAt: hit.createdAt })),
  };
}

const perScope = <T>(value: T) => Object.fromEntries(["all", ...SEARCH_TYPES].map((scope) => [scope, value])) as Record<SearchScope, T>;

/**
 * Searches every kind of thing for `viewer` (null: a visitor), each through its feature's rule of
 * who sees what. `q` is literal text: cut to SEARCH_QUERY_MAX characters, made into an FTS5
 * expression by `ftsMatch` (every word, the last as a prefix; case and accents folded). `type`
 * "all" asks each kind for its best `page × 20` and merges them: title hits (`titleHit`) first,
 * then by score; one kind asks that kind for its page (its title hits first too) and the others
 * for their counts. `page` is 1-based, capped at SEARCH_MAX_PAGES.
 * Each kind ranks and counts its newest `candidates` (default SEARCH_CANDIDATES) visible matches
 * only (`capped` says where there were more); the pages follow from those counts.
 * Six statements (one per kind) whatever the data; none for a query without words.
 * Never throws for any text.
 */
export function searchEverything(query: SearchQuery & { locale?: Locale; candidates?: number }, viewer: Pick<SessionUser, "id" | "role"> | null): SearchResults {
  const q = searchQueryText(query.q);
  const page = Math.min(Math.max(1, Math.floor(query.page) || 1), SEARCH_MAX_PAGES);
  // An unknown kind (a caller's, as the route's parser already drops them) searches everything.
  const type = (SEARCH_TYPES as readonly string[]).includes(query.type) ? query.type : "all";
  if (!ftsMatch(q)) return { q, type, page, searched: false, counts: perScope(0), capped: perScope(false), pages: 1, hits: [] };
  const who: SearchViewer = viewer ? { id: viewer.id, role: viewer.role } : null;
  const search = searchers(who, query.locale ?? "es");
  const candidates = query.candidates ?? SEARCH_CANDIDATES;
  const counts = perScope(0);
  const capped = perScope(false);
  let hits: SearchHit[] = [];
  for (const kind of SEARCH_TYPES) {
    const asked: SearchPage =
      type === "all"
        ? { limit: page * SEARCH_PAGE_SIZE, offset: 0, candidates }
        : kind === type
          ? { limit: SEARCH_PAGE_SIZE, offset: (page - 1) * SEARCH_PAGE_SIZE, candidates }
          : { limit: 0, offset: 0, candidates };
    const found = search[kind](q, asked);
    counts[kind] = found.total;
    counts.all += found.total;
    capped[kind] = found.capped;
    capped.all ||= found.capped;
    hits.push(...found.hits);
  }
  if (type === "all") {
    // Title hits first, then best first across kinds, as each kind ordered its own (so each kind's
    // best `page × 20` hold every hit of the merged page); the kinds' order (SEARCH_TYPES) settles
    // ties, stably.
    hits = hits.sort((a, b) => Number(b.titleHit) - Number(a.titleHit) || b.score - a.score).slice((page - 1) * SEARCH_PAGE_SIZE, page * SEARCH_PAGE_SIZE);
  }
  const total = counts[type];
  return { q, type, page, searched: true, counts, capped, pages: Math.min(SEARCH_MAX_PAGES, Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE))), hits };
}

/** Rebuilds every full-text index of the app's database; see rebuildSearchIndexesOf. */
export function rebuildSearchIndexes(): string[] {
  return rebuildSearchIndexesOf(sqlite);
}
