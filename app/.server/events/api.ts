import { sql } from "drizzle-orm";
import { db } from "#app/.server/db.ts";
import { keysetPage, type KeysetPage, type KeysetRequest } from "#app/.server/api/keyset.ts";
import type { EventFilters } from "#app/features/events/filters.ts";
import { eventsWhere } from "./queries.ts";

// The events of the open data API (/api/v1/events): published and cancelled ones (never drafts),
// public fields only — never the online link, which only people with a seat see — in ascending id
// order.

/**
 * A public event's public fields. Instants are UTC milliseconds; codes as in
 * app/features/events/taxonomy.ts; `organisers` are approved member organisations only.
 */
export type ApiEventRow = {
  id: number;
  slug: string;
  title: string;
  type: string;
  summary: string;
  description: string;
  status: string;
  cancelReason: string | null;
  startsAt: number;
  endsAt: number;
  format: string;
  venueName: string | null;
  venueAddress: string | null;
  city: string | null;
  region: string | null;
  capacity: number | null;
  registrationOpensAt: number | null;
  registrationClosesAt: number | null;
  forumYear: number | null;
  roadmaps: string[];
  valueChains: string[];
  organisers: Array<{ slug: string; name: string }>;
};

// Every column named: the online link (`online_url`) and the registration questions are left out.
const COLUMNS = sql`events.id, events.slug, events.title, events.type, events.summary, events.description, events.status,
  CASE WHEN events.status = 'cancelled' THEN events.cancel_reason END AS cancelReason,
  events.starts_at AS startsAt, events.ends_at AS endsAt, events.format,
  events.venue_name AS venueName, events.venue_address AS venueAddress, events.city, events.region, events.capacity,
  events.registration_opens_at AS registrationOpensAt, events.registration_closes_at AS registrationClosesAt,
  events.forum_year AS forumYear,
  (SELECT json_group_array(roadmap) FROM (SELECT roadmap FROM event_roadmaps WHERE event_id = events.id ORDER BY roadmap)) AS roadmaps,
  (SELECT json_group_array(value_chain) FROM (SELECT value_chain FROM event_value_chains WHERE event_id = events.id ORDER BY value_chain)) AS valueChains,
  (SELECT json_group_array(json_object('slug', slug, 'name', name)) FROM (
    SELECT o.slug, o.name FROM event_organisers eo JOIN organisations o ON o.id = eo.organisation_id AND o.status = 'approved'
    WHERE eo.event_id = events.id ORDER BY o.name_key)) AS organisers`;

type RawRow = Omit<ApiEventRow, "roadmaps" | "valueChains" | "organisers"> & { roadmaps: string; valueChains: string; organisers: string };

const parse = (row: RawRow): ApiEventRow => ({
  ...row,
  roadmaps: JSON.parse(row.roadmaps) as string[],
  valueChains: JSON.parse(row.valueChains) as string[],
  organisers: JSON.parse(row.organisers) as ApiEventRow["organisers"],
});

/**
 * One page of public events matching the listing's filters (eventsWhere, the listing's own
 * WHERE: the tab — upcoming, the default, or past — text, type, format, region, month), ids above
 * `afterId`, ascending, at most `limit`. "Now" is taken to the minute, as the listing does
 * (eventsPage), so both agree on which events have ended. One statement, a range read of the
 * primary key.
 */
export function eventsForApi(filters: EventFilters, { afterId, limit }: KeysetRequest, now = new Date()): KeysetPage<ApiEventRow> {
  const where = eventsWhere(filters, new Date(Math.floor(now.getTime() / 60_000) * 60_000));
  const rows = db.all<RawRow>(sql`
    SELECT ${COLUMNS} FROM events NOT INDEXED WHERE events.id > ${afterId} AND ${where}
    ORDER BY events.id LIMIT ${limit + 1}`);
  return keysetPage(rows.map(parse), limit);
}

/** One public event by slug (see ApiEventRow), or undefined when there is none or it is a draft. One statement. */
export function eventForApi(slug: string): ApiEventRow | undefined {
  const row = db.get<RawRow>(sql`SELECT ${COLUMNS} FROM events WHERE events.slug = ${slug} AND events.status IN ('published', 'cancelled')`);
  return row ? parse(row) : undefined;
}
