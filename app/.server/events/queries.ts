import { and, asc, count, desc, eq, getTableColumns, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import type { EventFilters } from "#app/features/events/filters.ts";
import { mailContactsOf } from "#app/.server/auth/account.ts";
import { ftsMatch } from "#app/.server/text-search.ts";
import { versionedCache } from "#app/.server/versioned-cache.ts";

const e = schema.events;
const r = schema.eventRegistrations;

export function findEventBySlug(slug: string) {
  return db.select().from(e).where(eq(e.slug, slug)).get();
}

export function findEventById(id: number) {
  return db.select().from(e).where(eq(e.id, id)).get();
}

export const EVENTS_PAGE_SIZE = 20;

/** Start of a month in Lima as a UTC instant ("2026-12" → 2026-12-01T05:00Z). */
const limaMonthStart = (month: string) => new Date(`${month}-01T00:00:00-05:00`);
function nextMonth(month: string) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/**
 * Public events, 20 a page: upcoming (not yet ended) soonest first, or past most recent first.
 * `{ rows, total, pages }`. Computed once per filter set and minute and reused until events
 * change (issue 9: the count and the order otherwise cost more with every event): an event that
 * has just ended moves to the past tab within a minute.
 */
export function eventsPage(filters: EventFilters, now = new Date()) {
  return cachedEventsPage({ filters, minute: Math.floor(now.getTime() / 60_000) });
}

const cachedEventsPage = versionedCache(["events"], ({ filters, minute }: { filters: EventFilters; minute: number }) =>
  readEventsPage(filters, new Date(minute * 60_000)),
);

/**
 * WHERE for the public event listing (published or cancelled) and its filters: the tab
 * (upcoming = not yet ended at `now`, past = ended), text, type, format, region, month (of the
 * start, Lima time). Also read by the API (api.ts).
 */
export function eventsWhere(filters: EventFilters, now: Date): SQL {
  const parts: SQL[] = [sql`${e.status} IN ('published', 'cancelled')`];
  parts.push(filters.tab === "past" ? sql`${e.endsAt} <= ${now.getTime()}` : sql`${e.endsAt} > ${now.getTime()}`);
  if (filters.q) {
    // Title, summary or description through the FTS5 index (case and accents folded; issue 11).
    const match = ftsMatch(filters.q);
    parts.push(match ? sql`${e.id} IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ${match})` : sql`0`);
  }
  if (filters.type.length) parts.push(inArray(e.type, filters.type) as SQL);
  if (filters.format.length) parts.push(inArray(e.format, filters.format) as SQL);
  if (filters.region.length) parts.push(inArray(e.region, filters.region) as SQL);
  if (filters.month) {
    parts.push(sql`${e.startsAt} >= ${limaMonthStart(filters.month).getTime()} AND ${e.startsAt} < ${limaMonthStart(nextMonth(filters.month)).getTime()}`);
  }
  return and(...parts)!;
}

function readEventsPage(filters: EventFilters, now: Date) {
  const where = eventsWhere(filters, now);
  const total = db.select({ n: count() }).from(e).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: e.id,
      slug: e.slug,
      title: e.title,
      type: e.type,
      summary: e.summary,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      format: e.format,
      city: e.city,
      region: e.region,
      status: e.status,
      capacity: e.capacity,
    })
    .from(e)
    .where(where)
    .orderBy(filters.tab === "past" ? desc(e.startsAt) : asc(e.startsAt), asc(e.id))
    .limit(EVENTS_PAGE_SIZE)
    .offset((filters.page - 1) * EVENTS_PAGE_SIZE)
    .all();
  return { rows, total, pages: Math.max(1, Math.ceil(total / EVENTS_PAGE_SIZE)) };
}

/**
 * Programme (sessions with speakers), co-organisers, tags, seat counts and whether `userId`
 * follows it: two queries whatever its size. Anonymous pages (no `userId`) read no follows.
 */
export function eventDetail(eventId: number, userId?: number) {
  type Speaker = { sessionId: number; name: string; role: string | null; organisationName: string | null; organisationSlug: string | null };
  // Sessions with their speakers (a speaker links to an approved member organisation only).
  const sessions = db
    .select({
      ...getTableColumns(schema.eventSessions),
      speakers: sql<string>`(SELECT json_group_array(json_object('sessionId', sp.session_id, 'name', sp.name, 'role', sp.role,
          'organisationName', sp.organisation_name, 'organisationSlug', sp.organisation_slug))
        FROM (SELECT sp.*, o.slug AS organisation_slug FROM event_speakers sp
          LEFT JOIN organisations o ON o.id = sp.organisation_id AND o.status = 'approved'
          WHERE sp.session_id = event_sessions.id ORDER BY sp.id) sp)`,
    })
    .from(schema.eventSessions)
    .where(eq(schema.eventSessions.eventId, eventId))
    .orderBy(asc(schema.eventSessions.startsAt))
    .all();
  // Organisers (approved member organisations only), tags and seat counts in one statement.
  const tagsAndSeats = db.get<{ organisers: string; roadmaps: string; valueChains: string; confirmed: number; waitlisted: number; following: number }>(sql`
    SELECT
      ${userId === undefined ? sql`0` : sql`EXISTS (SELECT 1 FROM event_follows WHERE event_id = ${eventId} AND user_id = ${userId})`} AS following,
      (SELECT json_group_array(json_object('id', o.id, 'slug', o.slug, 'name', o.name)) FROM event_organisers eo
        JOIN organisations o ON o.id = eo.organisation_id AND o.status = 'approved' WHERE eo.event_id = ${eventId}) AS organisers,
      (SELECT json_group_array(roadmap) FROM event_roadmaps WHERE event_id = ${eventId}) AS roadmaps,
      (SELECT json_group_array(value_chain) FROM event_value_chains WHERE event_id = ${eventId}) AS valueChains,
      (SELECT count(*) FROM event_registrations WHERE event_id = ${eventId} AND status IN ('confirmed', 'attended')) AS confirmed,
      (SELECT count(*) FROM event_registrations WHERE event_id = ${eventId} AND status = 'waitlisted') AS waitlisted`)!;
  return {
    sessions: sessions.map((s) => ({ ...s, speakers: JSON.parse(s.speakers) as Speaker[] })),
    organisers: JSON.parse(tagsAndSeats.organisers) as Array<{ id: number; slug: string; name: string }>,
    roadmaps: JSON.parse(tagsAndSeats.roadmaps) as Array<(typeof schema.eventRoadmaps.$inferSelect)["roadmap"]>,
    valueChains: JSON.parse(tagsAndSeats.valueChains) as Array<(typeof schema.eventValueChains.$inferSelect)["valueChain"]>,
    confirmed: tagsAndSeats.confirmed,
    waitlisted: tagsAndSeats.waitlisted,
    /** Whether the person (`userId`) follows the event. */
    following: Boolean(tagsAndSeats.following),
  };
}

export function registrationOf(eventId: number, userId: number | undefined) {
  if (!userId) return null;
  const mine = db
    .select()
    .from(r)
    .where(and(eq(r.eventId, eventId), eq(r.userId, userId), inArray(r.status, ["confirmed", "waitlisted", "attended"])))
    .get();
  if (!mine) return null;
  let position: number | null = null;
  if (mine.status === "waitlisted") {
    position =
      (db
        .select({ n: count() })
        .from(r)
        .where(and(eq(r.eventId, eventId), eq(r.status, "waitlisted"), sql`(${r.createdAt} < ${mine.createdAt.getTime()} OR (${r.createdAt} = ${mine.createdAt.getTime()} AND ${r.id} < ${mine.id}))`))
        .get()?.n ?? 0) + 1;
  }
  return { id: mine.id, status: mine.status, position, organisationId: mine.organisationId };
}

/** Registrants for coordinators: status, answers, organisation; one query. */
export function attendees(eventId: number) {
  return db
    .select({
      id: r.id,
      status: r.status,
      answers: r.answers,
      createdAt: r.createdAt,
      name: schema.users.name,
      email: schema.users.email,
      organisation: schema.organisations.name,
      actorType: schema.organisations.actorType,
      region: schema.organisations.hqRegion,
    })
    .from(r)
    .innerJoin(schema.users, eq(schema.users.id, r.userId))
    .leftJoin(schema.organisations, eq(schema.organisations.id, r.organisationId))
    .where(eq(r.eventId, eventId))
    .orderBy(asc(r.createdAt), asc(r.id))
    .all();
}

/**
 * Everyone with a live registration (confirmed or waitlisted) and what an email to them needs:
 * address, name, language (asked of auth, which owns accounts) and whether they hold a seat.
 * Two queries, in registration order.
 */
export function registrantsToTell(eventId: number) {
  const registrations = db
    .select({ userId: r.userId, status: r.status })
    .from(r)
    .where(and(eq(r.eventId, eventId), inArray(r.status, ["confirmed", "waitlisted"])))
    .orderBy(asc(r.id))
    .all();
  const contacts = new Map(mailContactsOf(registrations.map((x) => x.userId)).map((c) => [c.id, c]));
  return registrations.flatMap((registration) => {
    const contact = contacts.get(registration.userId);
    return contact ? [{ ...registration, email: contact.email, name: contact.name, locale: contact.locale }] : [];
  });
}

export function forumEditions() {
  return db
    .select({ slug: e.slug, title: e.title, forumYear: e.forumYear, startsAt: e.startsAt, endsAt: e.endsAt, city: e.city, status: e.status, summary: e.summary })
    .from(e)
    .where(and(eq(e.type, "forum"), isNotNull(e.forumYear), inArray(e.status, ["published", "cancelled"])))
    .orderBy(desc(e.forumYear), desc(e.startsAt))
    .all();
}

/** Published and cancelled events for the calendar feed (cancelled ones tell calendars to drop them). */
export function calendarEvents(since = new Date(Date.now() - 365 * 24 * 60 * 60 * 1000)) {
  return db
    .select()
    .from(e)
    .where(and(inArray(e.status, ["published", "cancelled"]), sql`${e.endsAt} >= ${since.getTime()}`))
    .orderBy(asc(e.startsAt))
    .all();
}

export function draftEvents() {
  return db.select({ slug: e.slug, title: e.title, startsAt: e.startsAt }).from(e).where(eq(e.status, "draft")).orderBy(asc(e.startsAt)).all();
}


export function coverOf(eventId: number) {
  return db.select().from(schema.eventCovers).where(eq(schema.eventCovers.eventId, eventId)).get();
}

/** Published events an organisation co-organises, newest first, for its profile page. */
export function eventsOfOrganisation(organisationId: number) {
  return db
    .select({ slug: e.slug, title: e.title, startsAt: e.startsAt, status: e.status })
    .from(schema.eventOrganisers)
    .innerJoin(e, eq(e.id, schema.eventOrganisers.eventId))
    .where(and(eq(schema.eventOrganisers.organisationId, organisationId), inArray(e.status, ["published", "cancelled"])))
    .orderBy(desc(e.startsAt))
    .limit(20)
    .all();
}

/**
 * The next `limit` published events that have not ended, soonest first (the home page's). Read in
 * `starts_at` order, past events included, until `limit` have not ended: a cost that grows with
 * past events, so it is computed once per minute and reused until events change.
 */
export function upcomingEvents(limit = 3, now = new Date()) {
  return cachedUpcomingEvents({ limit, minute: Math.floor(now.getTime() / 60_000) });
}

const cachedUpcomingEvents = versionedCache(["events"], ({ limit, minute }: { limit: number; minute: number }) =>
  db
    .select({ slug: e.slug, title: e.title, startsAt: e.startsAt, city: e.city, format: e.format, type: e.type })
    .from(e)
    .where(and(eq(e.status, "published"), sql`${e.endsAt} > ${minute * 60_000}`))
    .orderBy(asc(e.startsAt))
    .limit(limit)
    .all(),
);
