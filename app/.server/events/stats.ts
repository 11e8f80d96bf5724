// Public event figures for the progress dashboard and the coordinators' report (issue 11).
import { sql } from "drizzle-orm";
import { db } from "#app/.server/db.ts";
import { inRange, type InstantRange } from "#app/.server/organisations/index.ts";

export type EventYear = {
  /** Calendar year in Lima of the events' start, "YYYY". */
  year: string;
  /** Published (not draft, not cancelled) events starting that year. */
  events: number;
  /** Of those, the ones that had ended by `now`. */
  held: number;
  /** Registrations with a seat (confirmed or attended) to those events. */
  confirmed: number;
  /** Registrations marked as attended by the organisers. */
  attended: number;
};

/**
 * Event attendance per year in ONE statement (read from events_status_starts_idx and, per event,
 * event_registrations_event_idx): published events by the Lima year they start in, how many had
 * ended by `now` (UTC ms), and their registrations with a seat and marked attended. Cancelled and
 * draft events never count. With `range` (UTC ms), only events starting in it. Oldest year first.
 */
export function eventStats(now: number, range?: InstantRange): EventYear[] {
  const registrations = (statuses: string) =>
    sql.raw(`(SELECT count(*) FROM event_registrations r WHERE r.event_id = events.id AND r.status IN (${statuses}))`);
  return db.all<EventYear>(sql`
    SELECT strftime('%Y', events.starts_at / 1000 - 18000, 'unixepoch') AS year, count(*) AS events,
      sum(events.ends_at <= ${now}) AS held,
      sum(${registrations("'confirmed', 'attended'")}) AS confirmed,
      sum(${registrations("'attended'")}) AS attended
    FROM events WHERE events.status = 'published' AND ${inRange(sql`events.starts_at`, range)}
    GROUP BY 1 ORDER BY 1`);
}
