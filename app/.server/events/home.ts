import { sql } from "drizzle-orm";
import { db } from "#app/.server/db.ts";
import { parseEventFilters } from "#app/features/events/filters.ts";
import type { EventFormat, RegistrationStatus } from "#app/features/events/taxonomy.ts";
import { eventsWhere } from "./queries.ts";

/** How many upcoming events the home page lists, and at most how many of the viewer's registrations. */
export const HOME_NEXT_EVENTS = 3;
export const HOME_REGISTRATIONS = 5;

/** An event on the home page; `startsAt` in UTC ms. */
export type HomeEvent = { slug: string; title: string; startsAt: number; city: string | null; format: EventFormat };

/**
 * SQL: a person's registrations (confirmed or waitlisted) to published events that have not ended
 * at `at` (UTC ms), each numbered `n` soonest first, with the event's slug, title, start, city,
 * format and the registration's status.
 */
function upcomingRegistrationRows(userId: number, at: number) {
  return sql`SELECT e.slug, e.title, e.starts_at, e.city, e.format, r.status, row_number() OVER (ORDER BY e.starts_at, e.id) AS n
              FROM event_registrations r JOIN events e ON e.id = r.event_id
              WHERE r.user_id = ${userId} AND r.status IN ('confirmed', 'waitlisted') AND e.status = 'published' AND e.ends_at > ${at}`;
}

/** How many of a person's upcoming registrations "My work" lists at most. */
export const MY_REGISTRATIONS_MAX = 200;

/**
 * A person's registrations to events that have not ended at `now`, soonest first, at most
 * MY_REGISTRATIONS_MAX (the dashboard's "and N more" leads here): one statement.
 */
export function upcomingRegistrationsOf(userId: number, now = new Date()) {
  return db.all<HomeEvent & { status: Extract<RegistrationStatus, "confirmed" | "waitlisted"> }>(sql`
    SELECT slug, title, starts_at AS startsAt, city, format, status FROM (${upcomingRegistrationRows(userId, now.getTime())})
    ORDER BY n LIMIT ${MY_REGISTRATIONS_MAX}`);
}

/**
 * The home page's share of the events feature, in ONE statement: `upcoming`, how many events the
 * public listing (/events, upcoming tab, no filter) counts at `now` — the listing's own rule,
 * eventsWhere, so cancelled events that have not ended count as they are listed, marked cancelled,
 * and the minute is truncated as the listing's is —; the next HOME_NEXT_EVENTS published events
 * (soonest first; cancelled ones left out); and, for a signed-in viewer, their registrations
 * (confirmed or waitlisted) to published events that have not ended, the HOME_REGISTRATIONS
 * soonest, each with its `status`, and `registrationCount`, how many there are in all. Without a
 * viewer `registrations` is empty and `registrationCount` 0. `overview: false` leaves out
 * `upcoming` (0) and `next` (empty), for a caller that has them cached.
 */
export function homeEvents(userId: number | null, now = new Date(), { overview = true } = {}) {
  const at = now.getTime();
  const listed = eventsWhere(parseEventFilters(new URLSearchParams()), new Date(Math.floor(at / 60_000) * 60_000));
  const row = db.get<{ upcoming: number; next: string; registrations: string }>(sql`
    SELECT ${overview ? sql`
      (SELECT count(*) FROM events WHERE ${listed}) AS upcoming,
      (SELECT json_group_array(json_object('slug', slug, 'title', title, 'startsAt', starts_at, 'city', city, 'format', format))
        FROM (SELECT slug, title, starts_at, city, format FROM events
              WHERE status = 'published' AND ends_at > ${at} ORDER BY starts_at, id LIMIT ${HOME_NEXT_EVENTS})) AS next,` : sql`0 AS upcoming, '[]' AS next,`}
      ${userId === null ? sql`'{"rows":[],"total":0}'` : sql`(SELECT json_object('total', count(*), 'rows', json_group_array(json_object('slug', slug, 'title', title,
            'startsAt', starts_at, 'city', city, 'format', format, 'status', status)) FILTER (WHERE n <= ${HOME_REGISTRATIONS}))
        FROM (${upcomingRegistrationRows(userId, at)} ORDER BY n))`} AS registrations`)!;
  const registrations = JSON.parse(row.registrations) as { total: number; rows: Array<HomeEvent & { status: Extract<RegistrationStatus, "confirmed" | "waitlisted"> }> };
  return {
    upcoming: row.upcoming,
    next: JSON.parse(row.next) as HomeEvent[],
    registrations: registrations.rows,
    registrationCount: registrations.total,
  };
}
