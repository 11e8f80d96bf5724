import { sql } from "drizzle-orm";
import { db } from "#app/.server/db.ts";
import { DISCUSSABLE_TYPES, type DiscussableType } from "#app/features/discussions/taxonomy.ts";
import { discussableOf } from "./registry.ts";

/** The highest thread id (0 when there are none): the sitemap splits ids into ranges. One statement. */
export function lastThreadId(): number {
  return db.get<{ id: number | null }>(sql`SELECT max(id) AS id FROM discussion_threads`)?.id ?? 0;
}

/** Forum categories anyone may read (not archived), for the sitemap: `{ slug, lastActivityAt }` (UTC ms or null). One statement. */
export function categoriesForSitemap() {
  return db.all<{ slug: string; lastActivityAt: number | null }>(sql`
    SELECT slug, last_activity_at AS lastActivityAt FROM discussion_categories WHERE archived_at IS NULL ORDER BY position`);
}

/**
 * Threads an anonymous visitor may read with ids in [fromId, toId), for the sitemap: `{ id,
 * lastPostAt }` (UTC ms), by id. Not hidden; in a category not archived, or on a parent the
 * parent's feature says is public (asked once per kind of parent). One statement for the
 * threads, one per kind of parent among them.
 */
export function threadsForSitemap(fromId: number, toId: number) {
  const rows = db.all<{ id: number; lastPostAt: number; parentType: DiscussableType | null; parentId: number | null; archived: number | null }>(sql`
    SELECT t.id, t.last_post_at AS lastPostAt, t.parent_type AS parentType, t.parent_id AS parentId, c.archived_at AS archived
    FROM discussion_threads t LEFT JOIN discussion_categories c ON c.id = t.category_id
    WHERE t.id >= ${fromId} AND t.id < ${toId} AND t.hidden_at IS NULL ORDER BY t.id`);
  const visibleParents = new Map<DiscussableType, Map<number, unknown>>();
  for (const type of DISCUSSABLE_TYPES) {
    const ids = [...new Set(rows.filter((row) => row.parentType === type).map((row) => row.parentId!))];
    if (ids.length > 0) visibleParents.set(type, discussableOf(type).describe(ids, null));
  }
  return rows
    .filter((row) => (row.parentType === null ? row.archived === null : visibleParents.get(row.parentType)?.has(row.parentId!)))
    .map((row) => ({ id: row.id, lastPostAt: row.lastPostAt }));
}
