import { ApiError } from "./errors.ts";

// Cursor pagination (keyset): a list is read in ascending id order, and the cursor is the id of the
// last item of the page together with the list it belongs to, written as opaque base64url text. The
// next page is "id > cursor", so rows inserted between two requests never shift a page (no
// duplicates, no skips): new rows have higher ids and turn up at the end. The list's name in the
// cursor makes one endpoint's cursor a 400 on another, instead of a silent jump to another id.

/** The lists of the API, as their cursors name them. */
export type ApiList = "organisations" | "initiatives" | "events" | "threads";

/** The cursor of `list` that follows an item with this id. */
export function encodeCursor(list: ApiList, lastId: number): string {
  return Buffer.from(JSON.stringify({ list, id: lastId }), "utf8").toString("base64url");
}

/**
 * The id a cursor of `list` stands for; 0 (before everything) when there is none. Throws ApiError
 * 400 `invalid_cursor` for anything `encodeCursor` did not make, and for another list's cursor.
 */
export function decodeCursor(raw: string | null, list: ApiList): number {
  if (raw === null) return 0;
  const invalid = (why = "is not one this API gave out") =>
    new ApiError(400, "invalid_cursor", `The cursor ${why}; use next_cursor from a previous page of /api/v1/${list}.`, "cursor");
  if (!/^[A-Za-z0-9_-]{1,96}$/.test(raw)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const fields = (parsed ?? {}) as { list?: unknown; id?: unknown };
  const { id } = fields;
  if (typeof parsed !== "object" || parsed === null || Object.keys(parsed).sort().join() !== "id,list" || typeof fields.list !== "string") throw invalid();
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 1) throw invalid();
  if (fields.list !== list) throw invalid("belongs to another list");
  return id;
}

/** The API's page body for a feature's KeysetPage of `list`: `{ data, next_cursor }`, null on the last page. */
export function cursorPage<Row, Item>(list: ApiList, page: { rows: readonly Row[]; lastId: number | null; more: boolean }, toItem: (row: Row) => Item) {
  return { data: page.rows.map(toItem), next_cursor: page.more && page.lastId !== null ? encodeCursor(list, page.lastId) : null };
}
