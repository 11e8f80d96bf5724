import { isStaff } from "#app/.server/auth/roles.ts";
import { sql, type SQL } from "drizzle-orm";
import { highlightSql, rankedMatches, snippetSql, type SearchPage, type SearchViewer } from "#app/.server/fts-hits.ts";
import { categoryHref, postHref, threadHref } from "#app/features/discussions/links.ts";
import { DISCUSSABLE_TYPES, type DiscussableType } from "#app/features/discussions/taxonomy.ts";
import type { Locale } from "#app/i18n.ts";
import { plainText } from "#app/.server/markdown.ts";
import { excerptOf } from "./queries.ts";

// Discussion threads (by title) and posts (by body) in the site search (issue 11), through
// discussion_threads_fts and discussion_posts_fts (migration 0013).

/**
 * What search asks a kind of parent (an initiative, an event), which the discussion feature cannot
 * read itself (ADR 0013): SQL giving, for an SQL expression of a parent id, `json_object('title',
 * …, 'link', …)` when the viewer may see that parent, NULL when not. Each parent's search.ts makes
 * one for a viewer; the site search passes them in.
 */
export type ParentPlaceSql = (parentId: SQL) => SQL;

/** Who is asking, and the places they may see: `parents` lacking a type hides that type's threads. */
export type DiscussionSearchScope = { parents: Partial<Record<DiscussableType, ParentPlaceSql>>; locale: Locale };

type PlaceColumns = { categorySlug: string | null; categoryNameEs: string | null; categoryNameEn: string | null; parentPlace: string | null };

/** Where a hit's thread is, as the reader sees it: `{ title, href }` of its category or parent. */
function placeOf(row: PlaceColumns, locale: Locale): { title: string; href: string } {
  if (row.categorySlug !== null) return { title: (locale === "en" ? row.categoryNameEn : row.categoryNameEs) ?? "", href: categoryHref(row.categorySlug) };
  const parent = JSON.parse(row.parentPlace ?? "{}") as { title?: string; link?: string };
  return { title: parent.title ?? "", href: parent.link ?? "/discussions" };
}

/**
 * SQL on a thread `t` and its category `c` (LEFT JOINed): the place is visible — a category not
 * archived (archived ones to moderators too, as on the page), or a parent the viewer may see.
 */
function placeVisible(viewer: SearchViewer, scope: DiscussionSearchScope): SQL {
  const inCategory = isStaff(viewer) ? sql`t.category_id IS NOT NULL` : sql`(t.category_id IS NOT NULL AND c.archived_at IS NULL)`;
  const onParents = DISCUSSABLE_TYPES.flatMap((type) => {
    const place = scope.parents[type];
    return place ? [sql`(t.parent_type = ${type} AND ${place(sql`t.parent_id`)} IS NOT NULL)`] : [];
  });
  return sql`(${sql.join([inCategory, ...onParents], sql` OR `)})`;
}

/** SQL: the parent's place (json) of thread `t`, or NULL for a category's thread. */
function parentPlaceColumn(scope: DiscussionSearchScope): SQL {
  const cases = DISCUSSABLE_TYPES.flatMap((type) => {
    const place = scope.parents[type];
    return place ? [sql`WHEN ${type} THEN ${place(sql`t.parent_id`)}`] : [];
  });
  return cases.length ? sql`CASE t.parent_type ${sql.join(cases, sql` `)} END` : sql`NULL`;
}

const CATEGORY_COLUMNS = sql`c.slug AS categorySlug, c.name_es AS categoryNameEs, c.name_en AS categoryNameEn`;

/**
 * Threads whose title matches `text` (the query as typed; see rankedMatches), best first, all in
 * the title tier (`titleHit` true: the title is all a thread's index holds), that `viewer` may
 * see: never hidden ones; in a category not archived (moderators: any) or on a parent the viewer
 * may see (`scope.parents`). One statement.
 * `{ total, capped (see rankedMatches), hits: [{ id, title, titleMarked (matched words between MARK_START and MARK_END),
 * snippet (the opening post as plain text, unmarked; "" when deleted or hidden), href, titleHit, score,
 * replyCount, lastPostAt (UTC ms), place: { title, href } }] }`.
 */
export function searchThreads(text: string, viewer: SearchViewer, page: SearchPage, scope: DiscussionSearchScope) {
  const { total, capped, rows } = rankedMatches<
    { id: number; title: string; titleMarked: string; openingBody: string | null; replyCount: number; lastPostAt: number } & PlaceColumns
  >(
    {
      fts: "discussion_threads_fts",
      text,
      from: sql`JOIN discussion_threads t ON t.id = discussion_threads_fts.rowid LEFT JOIN discussion_categories c ON c.id = t.category_id`,
      where: sql`t.hidden_at IS NULL AND ${placeVisible(viewer, scope)}`,
      // A title, weighted as the other kinds' titles are (10), so that within the title tier of
      // the merged "all" list its score compares with theirs.
      columns: [{ name: "title", weight: 10, title: true }],
      select: sql`t.id AS id, t.title AS title, ${highlightSql("discussion_threads_fts", 0)} AS titleMarked,
        t.reply_count AS replyCount, t.last_post_at AS lastPostAt, ${CATEGORY_COLUMNS}, ${parentPlaceColumn(scope)} AS parentPlace,
        (SELECT body FROM discussion_posts op WHERE op.thread_id = t.id AND op.number = 1 AND op.deleted_at IS NULL AND op.hidden_at IS NULL) AS openingBody`,
    },
    page,
  );
  return {
    total,
    capped,
    hits: rows.map(({ openingBody, categorySlug, categoryNameEs, categoryNameEn, parentPlace, ...row }) => ({
      ...row,
      snippet: openingBody ? excerptOf(openingBody) : "",
      href: threadHref(row.id),
      place: placeOf({ categorySlug, categoryNameEs, categoryNameEn, parentPlace }, scope.locale),
    })),
  };
}

/**
 * Posts whose text matches `text` (the query as typed; see rankedMatches), best first, never in
 * the title tier (`titleHit` false: a post has no title of its own), that `viewer` may read:
 * never deleted or hidden ones, nor any in a hidden thread; the thread's place visible as for
 * searchThreads. One statement.
 * `{ total, capped (see rankedMatches), hits: [{ id, title (the thread's), titleMarked (the same, unmarked), snippet (of the
 * post, as plain text, marked), href (the post on its thread page), titleHit, score, threadId, number,
 * createdAt (UTC ms), authorName, place: { title, href } }] }`.
 */
export function searchPosts(text: string, viewer: SearchViewer, page: SearchPage, scope: DiscussionSearchScope) {
  const { total, capped, rows } = rankedMatches<
    { id: number; title: string; snippet: string; threadId: number; number: number; createdAt: number; authorName: string | null } & PlaceColumns
  >(
    {
      fts: "discussion_posts_fts",
      text,
      from: sql`JOIN discussion_posts p ON p.id = discussion_posts_fts.rowid JOIN discussion_threads t ON t.id = p.thread_id
        LEFT JOIN discussion_categories c ON c.id = t.category_id`,
      where: sql`p.deleted_at IS NULL AND p.hidden_at IS NULL AND t.hidden_at IS NULL AND ${placeVisible(viewer, scope)}`,
      columns: [{ name: "body", weight: 1 }],
      select: sql`p.id AS id, t.title AS title, ${snippetSql("discussion_posts_fts", 0, 32)} AS snippet, t.id AS threadId,
        p.number AS number, p.created_at AS createdAt, (SELECT name FROM users WHERE users.id = p.author_id) AS authorName,
        ${CATEGORY_COLUMNS}, ${parentPlaceColumn(scope)} AS parentPlace`,
    },
    page,
  );
  return {
    total,
    capped,
    hits: rows.map(({ categorySlug, categoryNameEs, categoryNameEn, parentPlace, authorName, ...row }) => ({
      ...row,
      // The snippet is cut from markdown: its syntax (`**`, `>`, link targets) is dropped as in excerpts.
      snippet: plainText(row.snippet),
      titleMarked: row.title,
      authorName: authorName ?? "",
      href: postHref(row.threadId, row.number),
      place: placeOf({ categorySlug, categoryNameEs, categoryNameEn, parentPlace }, scope.locale),
    })),
  };
}
