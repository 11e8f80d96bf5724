import { sql } from "drizzle-orm";
import { db } from "#app/.server/db.ts";

/** The highest initiative id (0 when there are none): the sitemap splits ids into ranges. One statement. */
export function lastInitiativeId(): number {
  return db.get<{ id: number | null }>(sql`SELECT max(id) AS id FROM initiatives`)?.id ?? 0;
}

/**
 * Public initiatives (not drafts, lead approved) with ids in [fromId, toId), for the sitemap:
 * `{ slug, updatedAt }` (UTC ms), by id. One statement over the primary key range.
 */
export function initiativesForSitemap(fromId: number, toId: number) {
  return db.all<{ slug: string; updatedAt: number }>(sql`
    SELECT initiatives.slug, initiatives.updated_at AS updatedAt
    FROM initiatives JOIN organisations lead ON lead.id = initiatives.lead_organisation_id
    WHERE initiatives.id >= ${fromId} AND initiatives.id < ${toId} AND initiatives.status <> 'draft' AND lead.status = 'approved'
    ORDER BY initiatives.id`);
}

/**
 * The newest public initiatives (not drafts, lead approved), most recently published first, for
 * the Atom feed: `{ slug, title, summary, leadName, publishedAt, updatedAt }` (UTC ms). One statement.
 */
export function newestInitiatives(limit: number) {
  return db.all<{ slug: string; title: string; summary: string; leadName: string; publishedAt: number; updatedAt: number }>(sql`
    SELECT initiatives.slug, initiatives.title, initiatives.summary, lead.name AS leadName,
      coalesce(initiatives.published_at, initiatives.created_at) AS publishedAt, initiatives.updated_at AS updatedAt
    FROM initiatives CROSS JOIN organisations lead ON lead.id = initiatives.lead_organisation_id
    WHERE initiatives.status <> 'draft' AND lead.status = 'approved'
    ORDER BY initiatives.published_at DESC, initiatives.id DESC LIMIT ${limit}`);
}
