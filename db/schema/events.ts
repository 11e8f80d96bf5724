import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { EVENT_FORMATS, EVENT_STATUSES, EVENT_TYPES, REGISTRATION_STATUSES } from "../../app/features/events/taxonomy.ts";
import { ROADMAPS, VALUE_CHAINS } from "../../app/features/organisations/taxonomy.ts";
import { users } from "./auth.ts";
import { organisations } from "./organisations.ts";

const now = sql`(unixepoch('subsec') * 1000)`;
const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });

export const events = sqliteTable(
  "events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    type: text("type", { enum: EVENT_TYPES }).notNull(),
    summary: text("summary").notNull(),
    description: text("description").notNull().default(""),
    // Instants in UTC; entered and shown in America/Lima.
    startsAt: timestamp("starts_at").notNull(),
    endsAt: timestamp("ends_at").notNull(),
    format: text("format", { enum: EVENT_FORMATS }).notNull(),
    venueName: text("venue_name"),
    venueAddress: text("venue_address"),
    city: text("city"),
    region: text("region"),
    // Shown only to confirmed registrants.
    onlineUrl: text("online_url"),
    capacity: integer("capacity"),
    registrationOpensAt: timestamp("registration_opens_at"),
    registrationClosesAt: timestamp("registration_closes_at"),
    // Optional questions asked at registration, as a JSON array of labels.
    questions: text("questions", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    status: text("status", { enum: EVENT_STATUSES }).notNull().default("draft"),
    cancelReason: text("cancel_reason"),
    // Edition year of the Circular Economy Forum, for /forum.
    forumYear: integer("forum_year"),
    coverHash: text("cover_hash"),
    // iCalendar SEQUENCE: increases whenever time, place or status changes.
    sequence: integer("sequence").notNull().default(0),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at").notNull().default(now),
    updatedAt: timestamp("updated_at").notNull().default(now),
  },
  (t) => [
    index("events_status_starts_idx").on(t.status, t.startsAt),
    index("events_type_idx").on(t.type),
    index("events_region_idx").on(t.region),
    index("events_forum_year_idx").on(t.forumYear),
  ],
);

export const eventOrganisers = sqliteTable(
  "event_organisers",
  {
    eventId: integer("event_id").notNull().references(() => events.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.organisationId] }), index("event_organisers_org_idx").on(t.organisationId)],
);

export const eventRoadmaps = sqliteTable(
  "event_roadmaps",
  {
    eventId: integer("event_id").notNull().references(() => events.id, { onDelete: "cascade" }),
    roadmap: text("roadmap", { enum: ROADMAPS }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.roadmap] })],
);

export const eventValueChains = sqliteTable(
  "event_value_chains",
  {
    eventId: integer("event_id").notNull().references(() => events.id, { onDelete: "cascade" }),
    valueChain: text("value_chain", { enum: VALUE_CHAINS }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.valueChain] })],
);

export const eventSessions = sqliteTable(
  "event_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id").notNull().references(() => events.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at").notNull(),
    endsAt: timestamp("ends_at").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    room: text("room"),
  },
  (t) => [index("event_sessions_event_idx").on(t.eventId, t.startsAt)],
);

export const eventSpeakers = sqliteTable(
  "event_speakers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sessionId: integer("session_id").notNull().references(() => eventSessions.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    role: text("role"),
    organisationName: text("organisation_name"),
    // Set when the speaker's organisation is a member, so the programme links to it.
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
  },
  (t) => [index("event_speakers_session_idx").on(t.sessionId)],
);

export const eventRegistrations = sqliteTable(
  "event_registrations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id").notNull().references(() => events.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    status: text("status", { enum: REGISTRATION_STATUSES }).notNull(),
    answers: text("answers", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    createdAt: timestamp("created_at").notNull().default(now),
    confirmedAt: timestamp("confirmed_at"),
    cancelledAt: timestamp("cancelled_at"),
    attendedAt: timestamp("attended_at"),
  },
  (t) => [
    index("event_registrations_event_idx").on(t.eventId, t.status, t.createdAt),
    index("event_registrations_user_idx").on(t.userId),
    // One live registration per person and event; cancelled ones stay as history.
    uniqueIndex("event_registrations_live_idx")
      .on(t.eventId, t.userId)
      .where(sql`status IN ('confirmed', 'waitlisted', 'attended')`),
  ],
);

/** People who follow an event (told of changes and of its discussion threads) without registering. */
export const eventFollows = sqliteTable(
  "event_follows",
  {
    eventId: integer("event_id").notNull().references(() => events.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] }), index("event_follows_user_idx").on(t.userId)],
);

export const eventCovers = sqliteTable("event_covers", {
  eventId: integer("event_id").primaryKey().references(() => events.id, { onDelete: "cascade" }),
  image: blob("image", { mode: "buffer" }).notNull(),
  contentType: text("content_type").notNull(),
  hash: text("hash").notNull(),
});

export type Event = typeof events.$inferSelect;
