import { sql, type SQL } from "drizzle-orm";
import { db } from "#app/.server/db.ts";
import { keysetPage, type KeysetPage, type KeysetRequest } from "#app/.server/api/keyset.ts";
import { DISCUSSABLE_TYPES, type DiscussableType } from "#app/features/discussions/taxonomy.ts";
import { findCategoryBySlug, findThread, threadPage, threadTitleFilter } from "./queries.ts";
import { discussableOf } from "./registry.ts";

// The discussion threads of the open data API (/api/v1/threads), as an anonymous visitor sees
// them: not hidden, in a category that is not archived or on a parent (initiative, event) the
// public may see — asked of the parent's registration, never of its tables. Ascending id order.

/** Where a thread is: a forum category, or a parent's page (`type` "initiative" or "event"). */
export type ApiThreadPlace =
  | { kind: "category"; slug: string; nameEs: string; nameEn: string }
  | { kind: "parent"; type: DiscussableType; title: string; link: string };

/** A visible thread's public fields. Instants are UTC milliseconds. */
export type ApiThreadRow = {
  id: number;
  title: string;
  place: ApiThreadPlace;
  authorName: string;
  authorHandle: string | null;
  /** The organisation the author wrote for, when it is approved. */
  organisation: { slug: string; name: string } | null;
  pinned: boolean;
  locked: boolean;
  replyCount: number;
  createdAt: number;
  lastPostAt: number;
};

type RawRow = {
  id: number;
  title: string;
  categorySlug: string | null;
  categoryNameEs: string | null;
  categoryNameEn: string | null;
  parentType: DiscussableType | null;
  parentId: number | null;
  authorName: string;
  authorHandle: string | null;
  organisationSlug: string | null;
  organisationName: string | null;
  pinned: number;
  locked: number;
  replyCount: number;
  createdAt: number;
  lastPostAt: number;
};

const COLUMNS = sql`discussion_threads.id, discussion_threads.title,
  c.slug AS categorySlug, c.name_es AS categoryNameEs, c.name_en AS categoryNameEn,
  discussion_threads.parent_type AS parentType, discussion_threads.parent_id AS parentId,
  u.name AS authorName, u.handle AS authorHandle,
  o.slug AS organisationSlug, o.name AS organisationName,
  discussion_threads.pinned, discussion_threads.locked_at IS NOT NULL AS locked, discussion_threads.reply_count AS replyCount,
  discussion_threads.created_at AS createdAt, discussion_threads.last_post_at AS lastPostAt`;

// Categories not archived; organisations only when approved.
const JOINS = sql`LEFT JOIN discussion_categories c ON c.id = discussion_threads.category_id AND c.archived_at IS NULL
  JOIN users u ON u.id = discussion_threads.author_id
  LEFT JOIN organisations o ON o.id = discussion_threads.organisation_id AND o.status = 'approved'`;

/** The anonymous visitor's view of rows: those whose place is visible, with that place. */
function visibleRows(rows: RawRow[]): ApiThreadRow[] {
  const parents = new Map<DiscussableType, Map<number, { title: string; link: string }>>();
  for (const type of DISCUSSABLE_TYPES) {
    const ids = rows.filter((row) => row.parentType === type).map((row) => row.parentId!);
    if (ids.length) parents.set(type, discussableOf(type).describe(ids, null));
  }
  return rows.flatMap((row): ApiThreadRow[] => {
    let place: ApiThreadPlace;
    if (row.parentType === null) {
      if (row.categorySlug === null) return [];
      place = { kind: "category", slug: row.categorySlug, nameEs: row.categoryNameEs!, nameEn: row.categoryNameEn! };
    } else {
      const parent = parents.get(row.parentType)?.get(row.parentId!);
      if (!parent) return [];
      place = { kind: "parent", type: row.parentType, ...parent };
    }
    return [
      {
        id: row.id,
        title: row.title,
        place,
        authorName: row.authorName,
        authorHandle: row.authorHandle,
        organisation: row.organisationSlug !== null && row.organisationName !== null ? { slug: row.organisationSlug, name: row.organisationName } : null,
        pinned: Boolean(row.pinned),
        locked: Boolean(row.locked),
        replyCount: row.replyCount,
        createdAt: row.createdAt,
        lastPostAt: row.lastPostAt,
      },
    ];
  });
}

/**
 * One page of the threads an anonymous visitor may see, ids above `afterId`, ascending: `limit`
 * threads are read (hidden ones skipped in SQL) and those on parents the public may not see (a
 * draft initiative's, say) are then left out, so a page may hold fewer than `limit` while `more`
 * says another follows. Filters: `categoryId` (a category's threads only), `q` (title words
 * through the FTS5 index). One statement for the threads, one per kind of parent among them.
 */
export function threadsForApi(filters: { categoryId?: number; q?: string }, { afterId, limit }: KeysetRequest): KeysetPage<ApiThreadRow> {
  const parts: SQL[] = [sql`discussion_threads.id > ${afterId}`, sql`discussion_threads.hidden_at IS NULL`];
  if (filters.categoryId !== undefined) parts.push(sql`discussion_threads.category_id = ${filters.categoryId}`);
  if (filters.q !== undefined) parts.push(threadTitleFilter(filters.q));
  const read = db.all<RawRow>(sql`
    SELECT ${COLUMNS} FROM discussion_threads NOT INDEXED ${JOINS}
    WHERE ${sql.join(parts, sql` AND `)}
    ORDER BY discussion_threads.id LIMIT ${limit + 1}`);
  const page = keysetPage(read, limit);
  return { ...page, rows: visibleRows(page.rows) };
}

/** The id of the category called `slug` if an anonymous visitor may see it (not archived), else undefined. One statement. */
export function publicCategoryId(slug: string): number | undefined {
  const category = findCategoryBySlug(slug);
  return category && category.archivedAt === null ? category.id : undefined;
}

/**
 * One thread an anonymous visitor may see (see ApiThreadRow), with its first page of posts
 * (`number`, author, instants in UTC ms, `bodyHtml` — the sanitised HTML the page shows, null
 * when the post was deleted or hidden by moderation), or undefined. At most five statements: the
 * thread, its parent's visibility, the thread row and its place for the posts, the posts.
 */
export function threadForApi(id: number) {
  const row = db.get<RawRow>(sql`SELECT ${COLUMNS} FROM discussion_threads ${JOINS} WHERE discussion_threads.id = ${id} AND discussion_threads.hidden_at IS NULL`);
  const [visible] = row ? visibleRows([row]) : [];
  const thread = visible ? findThread(id) : undefined;
  if (!visible || !thread) return undefined;
  const { posts } = threadPage(thread, 1, null);
  return {
    ...visible,
    posts: posts.map((post) => ({
      number: post.number,
      authorName: post.author.name,
      authorHandle: post.author.handle,
      organisation: post.organisation,
      createdAt: post.createdAt.getTime(),
      editedAt: post.editedAt?.getTime() ?? null,
      bodyHtml: post.bodyHtml,
    })),
  };
}
