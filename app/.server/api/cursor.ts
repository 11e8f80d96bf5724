import { ApiError } from "./errors.ts";

// Cursor pagination (keyset): a list is read in ascending id order, and the cursor is the id of the
// last item of the page, written as opaque base64url text. The next page is "id > cursor", so rows
// inserted between two requests never shift a page (no duplicates, no skips): new rows have higher
// ids and turn up at the end.

/** The cursor that follows an item with this id. */
export function encodeCursor(lastId: number): string {
  return Buffer.from(JSON.stringify({ id: lastId }), "utf8").toString("base64url");
}

/**
 * The id a cursor stands for; 0 (before everything) when there is none. Throws ApiError 400
 * `invalid_cursor` for anything `encodeCursor` did not make.
 */
export function decodeCursor(raw: string | null): number {
  if (raw === null) return 0;
  const invalid = () => new ApiError(400, "invalid_cursor", "The cursor is not one this API gave out; use next_cursor from a previous page.", "cursor");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(raw)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const id = (parsed as { id?: unknown } | null)?.id;
  if (typeof parsed !== "object" || parsed === null || Object.keys(parsed).length !== 1 || typeof id !== "number" || !Number.isSafeInteger(id) || id < 1) {
    throw invalid();
  }
  return id;
}

/** The API's page body for a feature's KeysetPage: `{ data, next_cursor }`, null on the last page. */
export function cursorPage<Row, Item>(page: { rows: readonly Row[]; lastId: number | null; more: boolean }, toItem: (row: Row) => Item) {
  return { data: page.rows.map(toItem), next_cursor: page.more && page.lastId !== null ? encodeCursor(page.lastId) : null };
}
