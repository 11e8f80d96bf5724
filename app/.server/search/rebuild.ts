import type { Database } from "better-sqlite3";

// Kept apart from index.ts, which loads every feature: `npm run search:rebuild` (a plain tsx
// script) needs only this and a database connection.

/** The FTS5 indexes searched (and read by the listings' text filters). */
export const SEARCH_INDEXES = ["organisations_fts", "initiatives_fts", "events_fts", "exchange_listings_fts", "discussion_threads_fts", "discussion_posts_fts"] as const;

/**
 * Rebuilds every full-text index from its table (FTS5 'rebuild'), in one immediate transaction,
 * then checks each against its table ('integrity-check', which throws SqliteError when an index
 * and its table disagree). For after a restore or a bulk load that bypassed the triggers; the
 * triggers keep them in step otherwise. Returns the indexes rebuilt.
 */
export function rebuildSearchIndexesOf(sqlite: Database): string[] {
  sqlite
    .transaction(() => {
      for (const index of SEARCH_INDEXES) sqlite.prepare(`INSERT INTO ${index} (${index}) VALUES ('rebuild')`).run();
    })
    .immediate();
  for (const index of SEARCH_INDEXES) sqlite.prepare(`INSERT INTO ${index} (${index}, rank) VALUES ('integrity-check', 1)`).run();
  return [...SEARCH_INDEXES];
}
