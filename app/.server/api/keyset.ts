// Shared by the features' API list functions (app/.server/<feature>/api.ts): a pure helper with no
// imports, so features may use it without depending on the API layer above them.

/** How a feature's API list is asked for: rows with an id above `afterId`, at most `limit` of them. */
export type KeysetRequest = { afterId: number; limit: number };

/**
 * A page read in ascending id order with `limit + 1` rows: `rows` (at most `limit`), `lastId`
 * (the id of the last row of the page, where the next page starts; null when empty) and `more`
 * (whether another page follows).
 */
export type KeysetPage<Row> = { rows: Row[]; lastId: number | null; more: boolean };

/** Cuts `limit + 1` rows read in id order into a KeysetPage. */
export function keysetPage<Row extends { id: number }>(read: readonly Row[], limit: number): KeysetPage<Row> {
  const rows = read.slice(0, limit);
  return { rows, lastId: rows.length ? rows[rows.length - 1]!.id : null, more: read.length > limit };
}
