import { sql, type SQL } from "drizzle-orm";
import { db } from "#app/.server/db.ts";
import { keysetPage, type KeysetPage, type KeysetRequest } from "#app/.server/api/keyset.ts";
import { ftsMatch } from "#app/.server/text-search.ts";
import type { EventFilters } from "#app/features/events/filters.ts";

// The events of the open data API (/api/v1/events): published and cancelled ones (never drafts),
// public fields only — never the online link, which only people with a seat see — in ascending id
// order.

/** The listing filters the API takes; `when` is the listing's tab, or undefined for both. */
export type EventApiFilters = Pick<EventFilters, "type" | "format" | "region"> & { when?: EventFilters["tab"]; q?: string };

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

const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/**
 * One page of public events matching the filters (type, format, region as the listing; `when`:
 * "upcoming" = not yet ended at `now`, "past" = ended; `q`: title, summary or description through
 * the FTS5 index), ids above `afterId`, ascending, at most `limit`. One statement, a range read of
 * the primary key.
 */
export function eventsForApi(filters: EventApiFilters, { afterId, limit }: KeysetRequest, now = new Date()): KeysetPage<ApiEventRow> {
  const parts: SQL[] = [sql`events.id > ${afterId}`, sql`events.status IN ('published', 'cancelled')`];
  if (filters.type.length) parts.push(sql`events.type IN (${list(filters.type)})`);
  if (filters.format.length) parts.push(sql`events.format IN (${list(filters.format)})`);
  if (filters.region.length) parts.push(sql`events.region IN (${list(filters.region)})`);
  if (filters.when) parts.push(filters.when === "past" ? sql`events.ends_at <= ${now.getTime()}` : sql`events.ends_at > ${now.getTime()}`);
  if (filters.q !== undefined) {
    const match = ftsMatch(filters.q);
    parts.push(match ? sql`events.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ${match})` : sql`0`);
  }
  const rows = db.all<RawRow>(sql`
    SELECT ${COLUMNS} FROM events NOT INDEXED WHERE ${sql.join(parts, sql` AND `)}
    ORDER BY events.id LIMIT ${limit + 1}`);
  return keysetPage(rows.map(parse), limit);
}

/** One public event by slug (see ApiEventRow), or undefined when there is none or it is a draft. One statement. */
export function eventForApi(slug: string): ApiEventRow | undefined {
  const row = db.get<RawRow>(sql`SELECT ${COLUMNS} FROM events WHERE events.slug = ${slug} AND events.status IN ('published', 'cancelled')`);
  return row ? parse(row) : undefined;
}
