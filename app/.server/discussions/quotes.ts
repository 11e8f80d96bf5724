import MarkdownIt from "markdown-it";
import { peopleByIds, type SessionUser } from "#app/.server/auth/index.ts";
import { canOnPost, canOnThread } from "./permissions.ts";
import { discussionViewer, findPostWithThread, placeFor, postFacts, threadFacts } from "./queries.ts";

// What "Quote" puts in the reply box: the quoted post's own markdown (formatting kept), without
// the quotations it held itself, so quotes never pile up inside each other.

/** Only to find where blockquotes start and end (same parsing rules as posts; never rendered). */
const parser = new MarkdownIt({ html: false, linkify: false });

/** A line older quotes ended with when copied as text: "↩ Ana Torres #3". */
const QUOTE_LINK_LINE = /^\s*↩\s.*#\d+\s*$/;

/**
 * `markdown` without its block quotations (each outermost `>` block, lazy continuation lines
 * included, as markdown-it reads it; `>` inside code stays), nor a "↩ Name #N" line left from an
 * older copied quote. Blank lines are squeezed to one; the result is trimmed (empty when the post
 * was only a quotation). Pure.
 */
export function withoutQuotations(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const drop = new Set<number>();
  let depth = 0;
  for (const token of parser.parse(markdown, {})) {
    if (token.type === "blockquote_open") {
      if (depth === 0 && token.map) for (let line = token.map[0]; line < token.map[1]; line++) drop.add(line);
      depth++;
    } else if (token.type === "blockquote_close") depth--;
  }
  return lines
    .filter((line, i) => !drop.has(i) && !QUOTE_LINK_LINE.test(line))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * The post `postId` as a quotation source for `viewer`: `{ postId, threadId, number, authorName,
 * markdown }` where `markdown` is the post's source without its own quotations
 * (`withoutQuotations`), not yet prefixed with "> " (`quoteMarkdown` in links.ts does that).
 * Null when there is no such post, it is deleted or hidden (hidden posts cannot be quoted), or the
 * viewer may not read it (its thread hidden from them, its place not visible). Same rules as the
 * thread page and permalinks (`canOnThread`/`canOnPost` over the thread's place). Reads the post
 * and its thread in one query, then the place and the author's name.
 */
export function quoteSource(
  postId: number,
  viewer: SessionUser | null,
): { postId: number; threadId: number; number: number; authorName: string; markdown: string } | null {
  if (!Number.isSafeInteger(postId) || postId <= 0) return null;
  const found = findPostWithThread(postId);
  if (!found) return null;
  const post = postFacts(found.post);
  if (post.deleted || post.hidden) return null;
  const rules = discussionViewer(viewer);
  const place = placeFor(found.thread, viewer, rules);
  if (!place) return null;
  const facts = threadFacts(found.thread, place.mayPost);
  if (!canOnThread("view", facts, rules) || !canOnPost("view", post, facts, rules)) return null;
  return {
    postId,
    threadId: found.thread.id,
    number: found.post.number,
    authorName: peopleByIds([post.authorId]).get(post.authorId)?.name ?? "",
    markdown: withoutQuotations(found.post.body),
  };
}
