import { sql, type SQL } from "drizzle-orm";
import { db } from "#app/.server/db.ts";
import { MARK_END, MARK_START } from "#app/features/search/marks.ts";
import { SEARCH_CANDIDATES } from "#app/features/search/query.ts";
import type { PlatformRole } from "#db/schema/auth.ts";

// The shape every feature's search function (app/.server/<feature>/search.ts, issue 11) shares:
// one statement per kind of thing, ranked by FTS5's bm25, a page of hits with the total matching.

/** Who is searching: what the features' visibility rules need (membership is asked in SQL). */
export type SearchViewer = { id: number; role: PlatformRole } | null;

/**
 * Rows to read: `limit` from `offset` (0-based) in rank order. `limit: 0` asks for the total only.
 * `candidates`: how many of the newest matches are ranked at most (SEARCH_CANDIDATES unless given).
 */
export type SearchPage = { limit: number; offset: number; candidates?: number };

/** The number of matches ranked (at most the candidates), and whether there were more than that. */
export type SearchTotal = { total: number; capped: boolean };

/** The columns every kind's rows select: its id, title (plain and marked), snippet and slug. */
export type TextHitColumns = { id: number; title: string; titleMarked: string; snippet: string; slug: string };

/** Coordinators and admins. */
export const isStaffViewer = (viewer: SearchViewer) => viewer?.role === "coordinator" || viewer?.role === "admin";

/**
 * SQL: FTS5 snippet() of one column of `fts` (0-based), matched words between MARK_START and
 * MARK_END, "…" where text is cut, about `tokens` words (at most 64).
 */
export function snippetSql(fts: string, column: number, tokens = 24): SQL {
  return sql`snippet(${sql.raw(fts)}, ${sql.raw(String(column))}, ${MARK_START}, ${MARK_END}, '…', ${sql.raw(String(tokens))})`;
}

/** SQL: FTS5 highlight() of one column of `fts`: the whole text, matched words between the marks. */
export function highlightSql(fts: string, column: number): SQL {
  return sql`highlight(${sql.raw(fts)}, ${sql.raw(String(column))}, ${MARK_START}, ${MARK_END})`;
}

/**
 * One ranked page of the rows of an FTS5 external-content index matching `match` (from
 * `ftsMatch`, never built by hand) that pass `where`, in ONE statement, plus their number. Best
 * first by bm25 with per-column `weights` (a title weighted above a body ranks title matches
 * first), newest row (highest rowid) first among equals.
 *
 * Only the newest `page.candidates` (default SEARCH_CANDIDATES) matches that pass `where` are
 * ranked and counted, so a common word costs the same whatever the data: ranking is exact for
 * queries with at most that many matches; for commoner ones it is the best of the newest (an
 * older, better match is not found; see SEARCH_CANDIDATES).
 *
 * `from` joins what `where` and `select` read (e.g. `JOIN events ON events.id = events_fts.rowid`);
 * `select` lists the page's columns, and may use the index's auxiliary functions (snippetSql,
 * highlightSql): they run for the page's rows only, after ranking, not for every match.
 *
 * Returns `{ total, capped, rows }`; each row also has `score` (−bm25: higher is better,
 * comparable only roughly across indexes). `total` counts the candidates (at most
 * `page.candidates`); `capped` says more matches were left out. `limit: 0` reads the total alone.
 * A page past the end reads the total again (a second statement) so the caller can redirect.
 */
export function rankedMatches<Row extends object>(
  query: { fts: string; match: string; from: SQL; where: SQL; weights: readonly number[]; select: SQL },
  page: SearchPage,
): SearchTotal & { rows: Array<Row & { score: number }> } {
  const fts = sql.raw(query.fts);
  const matching = sql`FROM ${fts} ${query.from} WHERE ${fts} MATCH ${query.match} AND (${query.where})`;
  // The candidates: the matches newer than the one just past the newest `candidates` (0 when there
  // are no more). FTS5 walks its matches by rowid, newest first, without computing bm25, until that
  // many passed `where`; the ranking then reads only rowids above it (a range FTS5 applies itself).
  // Materialised, so it is found once, not for every row.
  const candidates = Math.max(1, Math.floor(page.candidates ?? SEARCH_CANDIDATES));
  const cutoff = sql`cutoff AS MATERIALIZED (SELECT coalesce((SELECT ${fts}.rowid ${matching} ORDER BY ${fts}.rowid DESC LIMIT 1 OFFSET ${candidates}), 0) AS rowid)`;
  const filtered = sql`${matching} AND ${fts}.rowid > (SELECT rowid FROM cutoff)`;
  const capped = sql`(SELECT rowid FROM cutoff) > 0`;
  const countAll = (): SearchTotal => {
    const counted = db.get<{ total: number; capped: number }>(sql`WITH ${cutoff} SELECT count(*) AS total, ${capped} AS capped ${filtered}`);
    return { total: counted?.total ?? 0, capped: Boolean(counted?.capped) };
  };
  if (page.limit <= 0) return { ...countAll(), rows: [] };
  const rank = sql`bm25(${fts}, ${sql.raw(query.weights.map(String).join(", "))})`;
  // The candidates are ranked first (ids and bm25 only; materialised, as FTS5 refuses bm25() under
  // a window function), the page and the total taken from them, and the candidates walked once
  // more, each looked up in the (materialised, automatically indexed) page, so snippets are made
  // for the page's rows alone. CROSS JOIN keeps that order: the other way round, a rowid lookup
  // per page row, FTS5 evaluates the MATCH again for every row (a short prefix such as "de*"
  // costs milliseconds each: 12 s for the 1,000 rows per kind of the 50th page of "all").
  const rows = db.all<Row & { total: number; capped: number; score: number }>(sql`
    WITH ${cutoff},
    ranked AS MATERIALIZED (SELECT ${fts}.rowid AS id, ${rank} AS rank ${filtered}),
    page AS MATERIALIZED (SELECT id, rank, count(*) OVER () AS total FROM ranked ORDER BY rank, id DESC LIMIT ${page.limit} OFFSET ${page.offset})
    SELECT page.total AS total, ${capped} AS capped, -page.rank AS score, ${query.select}
    FROM ${fts} CROSS JOIN page ON page.id = ${fts}.rowid ${query.from}
    WHERE ${fts} MATCH ${query.match} AND ${fts}.rowid > (SELECT rowid FROM cutoff)
    ORDER BY page.rank, page.id DESC`);
  if (rows.length === 0) return { ...(page.offset > 0 ? countAll() : { total: 0, capped: false }), rows: [] };
  return {
    total: rows[0]!.total,
    capped: Boolean(rows[0]!.capped),
    rows: rows.map(({ total: _total, capped: _capped, ...row }) => row as unknown as Row & { score: number }),
  };
}
