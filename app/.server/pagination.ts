import { redirect } from "@remix-run/node";

/**
 * Keeps paginated lists on pages that exist. When the request's `?page=` is a number past the
 * last page (`?page=99999`, `?page=1e99` with 4 pages), throws a 302 redirect to the same URL
 * with the last page, keeping every other query parameter (page 1 is written without `page`).
 * Junk values ("abc", 0, -1, 1.5) are left to the list's filter schema, which reads them as
 * page 1. `pages` is the list's page count (at least 1 — an empty list has one empty page).
 * Call it in the loader after counting, before returning the rows.
 */
export function redirectPastLastPage(request: Request, pages: number, param = "page") {
  const url = new URL(request.url);
  const raw = url.searchParams.get(param);
  if (raw === null || raw.trim() === "") return;
  const asked = Number(raw);
  const last = Math.max(1, Math.floor(pages));
  if (Number.isNaN(asked) || asked <= last) return;
  if (last === 1) url.searchParams.delete(param);
  else url.searchParams.set(param, String(last));
  const search = url.searchParams.toString();
  throw redirect(`${url.pathname}${search ? `?${search}` : ""}`);
}
