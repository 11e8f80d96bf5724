import { sql, type SQL } from "drizzle-orm";
import { db } from "#app/.server/db.ts";
import { MARK_END, MARK_START } from "#app/features/search/marks.ts";
import { SEARCH_CANDIDATES } from "#app/features/search/query.ts";
import { ftsMatch } from "#app/.server/text-search.ts";
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
 * An index's columns in its order (migrations 0007, 0013): each one's bm25 weight, and whether it
 * is the thing's title (or title-like: an organisation's acronym).
 */
export type FtsColumns = ReadonlyArray<{ name: string; weight: number; title?: true }>;

/**
 * One ranked page of the rows of an FTS5 external-content index matching `text` (the query as
 * typed, made an expression by `ftsMatch`: every word, the last a prefix) that pass `where`, in
 * ONE statement, plus their number. Rows whose title columns match (`columns` marked `title`)
 * come first (the title tier: `titleHit`), then the others; within each tier best first by bm25
 * with the columns' weights, newest row (highest rowid) first among equals. The tier, not the
 * weights, puts title matches first: bm25 favours short texts and each index has its own
 * statistics, so a post's body can outscore another index's title.
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
 * Returns `{ total, capped, rows }`; each row also has `titleHit` and `score` (−bm25: higher is
 * better, comparable only roughly across indexes). `total` counts the candidates (at most
 * `page.candidates`); `capped` says more matches were left out. `limit: 0` reads the total alone.
 * A page past the end reads the total again (a second statement) so the caller can redirect.
 * Text without a word (see ftsMatch) matches nothing, without a statement.
 */
export function rankedMatches<Row extends object>(
  query: { fts: string; text: string; columns: FtsColumns; from: SQL; where: SQL; select: SQL },
  page: SearchPage,
): SearchTotal & { rows: Array<Row & { titleHit: boolean; score: number }> } {
  const match = ftsMatch(query.text);
  if (!match) return { total: 0, capped: false, rows: [] };
  const fts = sql.raw(query.fts);
  const matching = sql`FROM ${fts} ${query.from} WHERE ${fts} MATCH ${match} AND (${query.where})`;
  // The candidates: the matches newer than the one just past the newest `candidates` (0 when there
  // are no more). FTS5 walks its matches by rowid, newest first, without computing bm25, until that
  // many passed `where`; the ranking then reads only rowids above it (a range FTS5 applies itself).
  // Materialised, so it is found once, not for every row.
  const candidates = Math.max(1, Math.floor(page.candidates ?? SEARCH_CANDIDATES));
  const cutoff = sql`cutoff AS MATERIALIZED (SELECT coalesce((SELECT ${fts}.rowid ${matching} ORDER BY ${fts}.rowid DESC LIMIT 1 OFFSET ${candidates}), 0) AS rowid)`;
  const newer = sql`${fts}.rowid > (SELECT rowid FROM cutoff)`;
  const filtered = sql`${matching} AND ${newer}`;
  const capped = sql`(SELECT rowid FROM cutoff) > 0`;
  const countAll = (): SearchTotal => {
    const counted = db.get<{ total: number; capped: number }>(sql`WITH ${cutoff} SELECT count(*) AS total, ${capped} AS capped ${filtered}`);
    return { total: counted?.total ?? 0, capped: Boolean(counted?.capped) };
  };
  if (page.limit <= 0) return { ...countAll(), rows: [] };
  const rank = sql`bm25(${fts}, ${sql.raw(query.columns.map((column) => String(column.weight)).join(", "))})`;
  // The title tier: the candidates whose title columns match, found once (materialised) by a
  // column-restricted MATCH over the same rowid range. No title column: none; only title columns
  // (threads): every match.
  const titleColumns = query.columns.filter((column) => column.title).map((column) => column.name);
  const titleMatch = titleColumns.length > 0 && titleColumns.length < query.columns.length ? ftsMatch(query.text, titleColumns) : null;
  const titled = titleMatch ? sql`, titled AS MATERIALIZED (SELECT ${fts}.rowid AS id FROM ${fts} WHERE ${fts} MATCH ${titleMatch} AND ${newer})` : sql``;
  const titleHit = titleMatch ? sql`${fts}.rowid IN (SELECT id FROM titled)` : titleColumns.length > 0 ? sql`1` : sql`0`;
  // The candidates are ranked first (ids, tier and bm25 only; materialised, as FTS5 refuses bm25()
  // under a window function), the page and the total taken from them, and the candidates walked
  // once more, each looked up in the (materialised, automatically indexed) page, so snippets are
  // made for the page's rows alone. CROSS JOIN keeps that order: the other way round, a rowid
  // lookup per page row, FTS5 evaluates the MATCH again for every row (a short prefix such as
  // "de*" costs milliseconds each: 12 s for the 1,000 rows per kind of the 50th page of "all").
  const rows = db.all<Row & { total: number; capped: number; titleHit: number; score: number }>(sql`
    WITH ${cutoff}${titled},
    ranked AS MATERIALIZED (SELECT ${fts}.rowid AS id, ${titleHit} AS tier, ${rank} AS rank ${filtered}),
    page AS MATERIALIZED (SELECT id, tier, rank, count(*) OVER () AS total FROM ranked ORDER BY tier DESC, rank, id DESC LIMIT ${page.limit} OFFSET ${page.offset})
    SELECT page.total AS total, ${capped} AS capped, page.tier AS titleHit, -page.rank AS score, ${query.select}
    FROM ${fts} CROSS JOIN page ON page.id = ${fts}.rowid ${query.from}
    WHERE ${fts} MATCH ${match} AND ${newer}
    ORDER BY page.tier DESC, page.rank, page.id DESC`);
  if (rows.length === 0) return { ...(page.offset > 0 ? countAll() : { total: 0, capped: false }), rows: [] };
  return {
    total: rows[0]!.total,
    capped: Boolean(rows[0]!.capped),
    rows: rows.map(({ total: _total, capped: _capped, titleHit, ...row }) => ({ ...row, titleHit: titleHit === 1 }) as unknown as Row & { titleHit: boolean; score: number }),
  };
}
