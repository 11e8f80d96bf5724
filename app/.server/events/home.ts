import { sql } from "drizzle-orm";
import { db } from "#app/.server/db.ts";
import type { EventFormat, RegistrationStatus } from "#app/features/events/taxonomy.ts";

/** How many upcoming events the home page lists. */
export const HOME_NEXT_EVENTS = 3;

/** An event on the home page; `startsAt` in UTC ms. */
export type HomeEvent = { slug: string; title: string; startsAt: number; city: string | null; format: EventFormat };

/**
 * The home page's share of the events feature, in ONE statement: how many published events have
 * not ended at `now`, the next HOME_NEXT_EVENTS of them (soonest first), and, for a signed-in
 * viewer, their registrations (confirmed or waitlisted) to events that have not ended, soonest
 * first, each with its `status`. Cancelled events count in neither list. Without a viewer
 * `registrations` is empty.
 */
export function homeEvents(userId: number | null, now = new Date()) {
  const at = now.getTime();
  const row = db.get<{ upcoming: number; next: string; registrations: string }>(sql`
    SELECT
      (SELECT count(*) FROM events WHERE status = 'published' AND ends_at > ${at}) AS upcoming,
      (SELECT json_group_array(json_object('slug', slug, 'title', title, 'startsAt', starts_at, 'city', city, 'format', format))
        FROM (SELECT slug, title, starts_at, city, format FROM events
              WHERE status = 'published' AND ends_at > ${at} ORDER BY starts_at, id LIMIT ${HOME_NEXT_EVENTS})) AS next,
      ${userId === null ? sql`'[]'` : sql`(SELECT json_group_array(json_object('slug', slug, 'title', title, 'startsAt', starts_at, 'city', city, 'format', format, 'status', status))
        FROM (SELECT e.slug, e.title, e.starts_at, e.city, e.format, r.status FROM event_registrations r JOIN events e ON e.id = r.event_id
              WHERE r.user_id = ${userId} AND r.status IN ('confirmed', 'waitlisted') AND e.status = 'published' AND e.ends_at > ${at}
              ORDER BY e.starts_at, e.id))`} AS registrations`)!;
  return {
    upcoming: row.upcoming,
    next: JSON.parse(row.next) as HomeEvent[],
    registrations: JSON.parse(row.registrations) as Array<HomeEvent & { status: Extract<RegistrationStatus, "confirmed" | "waitlisted"> }>,
  };
}
