import { sql } from "drizzle-orm";
import { db } from "#app/.server/db.ts";

/** The highest organisation id (0 when there are none): the sitemap splits ids into ranges. One statement. */
export function lastOrganisationId(): number {
  return db.get<{ id: number | null }>(sql`SELECT max(id) AS id FROM organisations`)?.id ?? 0;
}

/**
 * Public (approved) organisations with ids in [fromId, toId), for the sitemap: `{ slug, updatedAt }`
 * (`updatedAt` in UTC ms), by id. One statement over the primary key range.
 */
export function organisationsForSitemap(fromId: number, toId: number) {
  return db.all<{ slug: string; updatedAt: number }>(sql`
    SELECT slug, updated_at AS updatedAt FROM organisations
    WHERE id >= ${fromId} AND id < ${toId} AND status = 'approved' ORDER BY id`);
}
