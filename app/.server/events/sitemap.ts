import { sql } from "drizzle-orm";
import { db } from "#app/.server/db.ts";

/** The highest event id (0 when there are none): the sitemap splits ids into ranges. One statement. */
export function lastEventId(): number {
  return db.get<{ id: number | null }>(sql`SELECT max(id) AS id FROM events`)?.id ?? 0;
}

/**
 * Public events (published or cancelled, not drafts) with ids in [fromId, toId), for the sitemap:
 * `{ slug, updatedAt }` (UTC ms), by id. One statement over the primary key range.
 */
export function eventsForSitemap(fromId: number, toId: number) {
  return db.all<{ slug: string; updatedAt: number }>(sql`
    SELECT slug, updated_at AS updatedAt FROM events
    WHERE id >= ${fromId} AND id < ${toId} AND status IN ('published', 'cancelled') ORDER BY id`);
}

/**
 * The most recently announced public events (published or cancelled), newest first, for the
 * Atom feed: `{ slug, title, summary, status, startsAt, city, createdAt, updatedAt }` (UTC ms). One statement.
 */
export function newestEvents(limit: number) {
  return db.all<{ slug: string; title: string; summary: string; status: "published" | "cancelled"; startsAt: number; city: string | null; createdAt: number; updatedAt: number }>(sql`
    SELECT slug, title, summary, status, starts_at AS startsAt, city, created_at AS createdAt, updated_at AS updatedAt
    FROM events WHERE status IN ('published', 'cancelled') ORDER BY id DESC LIMIT ${limit}`);
}
