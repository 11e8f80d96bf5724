import type { Locale } from "#app/i18n.ts";
import { POSTS_PER_PAGE } from "./taxonomy.ts";

// Addresses of discussion pages, shared by the server (redirects, feeds) and the browser (links).

/** A forum category's page (its feed is at `${categoryHref(slug)}/feed.atom`). */
export function categoryHref(slug: string) {
  return `/discussions/c/${slug}`;
}

/** A page of a thread: page 1 is the bare address. */
export function threadHref(threadId: number, page = 1) {
  return page > 1 ? `/discussions/threads/${threadId}?page=${page}` : `/discussions/threads/${threadId}`;
}

/** The page of a thread holding post number `number` (posts are numbered 1, 2, … and never renumbered). */
export function pageOfPost(number: number) {
  return Math.max(1, Math.ceil(number / POSTS_PER_PAGE));
}

/** A post on its thread page, scrolled to it: `/discussions/threads/7?page=3#post-45`. */
export function postHref(threadId: number, number: number) {
  return `${threadHref(threadId, pageOfPost(number))}#post-${number}`;
}

/** The stable permalink of a post (redirects to its thread page). */
export function permalinkHref(postId: number) {
  return `/discussions/posts/${postId}`;
}

/** Where the threads of a parent (an initiative, an event) are listed and started. */
export function parentThreadsHref(type: string, id: number) {
  return `/discussions/on/${type}/${id}`;
}

/** A category's name or description in the reader's language. */
export function categoryText(category: { nameEs: string; nameEn: string; descriptionEs?: string; descriptionEn?: string }, locale: Locale) {
  return locale === "en"
    ? { name: category.nameEn, description: category.descriptionEn ?? "" }
    : { name: category.nameEs, description: category.descriptionEs ?? "" };
}

/**
 * Markdown quoting `text` (a whole post or the part selected): each line behind "> ", then an
 * empty line for the reply. Blank lines at either end are dropped; nothing to quote gives "".
 */
export function quoteMarkdown(text: string) {
  const trimmed = text.replace(/\r\n?/g, "\n").trim();
  if (!trimmed) return "";
  const lines = trimmed.split("\n");
  return `${lines.map((line) => (line.trim() ? `> ${line}` : ">")).join("\n")}\n\n`;
}

/**
 * Page `page` of a list at `base`, keeping the other query parameters (`?sort=`); page 1 has no
 * parameter. `param` names it when a page has two lists ("log").
 */
export function listPageHref(base: string, search: URLSearchParams, page: number, param = "page") {
  const params = new URLSearchParams(search);
  if (page > 1) params.set(param, String(page));
  else params.delete(param);
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}
