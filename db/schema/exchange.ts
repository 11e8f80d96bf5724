import { sql } from "drizzle-orm";
import { blob, check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  EXCHANGE_STATUSES,
  FREQUENCIES,
  LISTING_KINDS,
  LISTING_STATUSES,
  MATERIAL_CATEGORIES,
  PRICE_MODES,
  QUANTITY_UNIT_CODES,
} from "../../app/features/exchange/taxonomy.ts";
import { users } from "./auth.ts";
import { initiatives } from "./initiatives.ts";
import { organisations } from "./organisations.ts";

// The resource exchange (issue 12, ADR 0015). Quantities are integers in the smallest unit of
// their dimension (grams, litres, watt-hours, units); money in céntimos; times in UTC ms;
// calendar days (YYYY-MM-DD) in Lima.

const now = sql`(unixepoch('subsec') * 1000)`;
const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });
const quantityUnit = (name: string) => text(name, { enum: QUANTITY_UNIT_CODES as unknown as [string, ...string[]] });

/** What an organisation has (a residue, by-product, capacity…) or wants. */
export const exchangeListings = sqliteTable(
  "exchange_listings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: LISTING_KINDS }).notNull(),
    title: text("title").notNull(),
    category: text("category", { enum: MATERIAL_CATEGORIES }).notNull(),
    description: text("description").notNull().default(""),
    // Condition or specification (moisture, purity, resin grade…).
    specification: text("specification").notNull().default(""),
    // In the smallest unit of the entered unit's dimension (t → grams, m³ → litres, kWh → Wh).
    quantity: integer("quantity").notNull(),
    // The unit the owner typed, to show the quantity back in it.
    unit: quantityUnit("unit").notNull(),
    frequency: text("frequency", { enum: FREQUENCIES }).notNull(),
    region: text("region").notNull(),
    province: text("province").notNull().default(""),
    availableFrom: text("available_from").notNull(),
    availableUntil: text("available_until").notNull(),
    priceMode: text("price_mode", { enum: PRICE_MODES }).notNull().default("to_agree"),
    // Céntimos (PEN) per listing as described; only when price_mode = 'priced'.
    priceCents: integer("price_cents"),
    hazardous: integer("hazardous", { mode: "boolean" }).notNull().default(false),
    initiativeId: integer("initiative_id").references(() => initiatives.id, { onDelete: "set null" }),
    status: text("status", { enum: LISTING_STATUSES }).notNull().default("draft"),
    // Hidden by a coordinator for breaking the rules (audit in exchange_audit); out of every list.
    hiddenAt: timestamp("hidden_at"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at").notNull().default(now),
    updatedAt: timestamp("updated_at").notNull().default(now),
    publishedAt: timestamp("published_at"),
    // The owner was reminded that available_until is a week away (reset when renewed).
    expiryReminderSentAt: timestamp("expiry_reminder_sent_at"),
  },
  (t) => [
    check("exchange_listings_quantity_positive", sql`${t.quantity} > 0`),
    check("exchange_listings_price", sql`(${t.priceMode} = 'priced') = (${t.priceCents} IS NOT NULL) AND coalesce(${t.priceCents}, 0) >= 0`),
    check("exchange_listings_dates", sql`${t.availableFrom} <= ${t.availableUntil}`),
    index("exchange_listings_org_idx").on(t.organisationId, t.status),
    // Facets and the listing: published, not hidden, newest first, narrowed by category/region.
    index("exchange_listings_public_idx").on(t.status, t.publishedAt),
    index("exchange_listings_category_idx").on(t.status, t.category, t.kind, t.region),
    index("exchange_listings_region_idx").on(t.status, t.region),
    // The facet cube (queries.ts) reads every public listing's facet columns: from this index alone.
    index("exchange_listings_facets_idx").on(t.status, t.hiddenAt, t.kind, t.category, t.region, t.frequency, t.hazardous, t.organisationId),
    index("exchange_listings_until_idx").on(t.status, t.availableUntil),
    index("exchange_listings_initiative_idx").on(t.initiativeId),
    // Coordinators' overview: hidden listings, most recently hidden first (few rows, a partial index).
    index("exchange_listings_hidden_idx").on(t.hiddenAt).where(sql`${t.hiddenAt} IS NOT NULL`),
  ],
);

/** Photos of a listing (same upload rules as logos: sniffed image types, size limit, re-encoded). */
export const exchangeListingPhotos = sqliteTable(
  "exchange_listing_photos",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    listingId: integer("listing_id")
      .notNull()
      .references(() => exchangeListings.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    image: blob("image", { mode: "buffer" }).notNull(),
    contentType: text("content_type").notNull(),
    hash: text("hash").notNull(),
    alt: text("alt").notNull().default(""),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [index("exchange_listing_photos_listing_idx").on(t.listingId, t.position)],
);

/**
 * A have/want pair both sides were told about: a new match notifies each side once, so the pair
 * is recorded the first time it ranks among a listing's matches.
 */
export const exchangeMatchNotices = sqliteTable(
  "exchange_match_notices",
  {
    haveListingId: integer("have_listing_id")
      .notNull()
      .references(() => exchangeListings.id, { onDelete: "cascade" }),
    wantListingId: integer("want_listing_id")
      .notNull()
      .references(() => exchangeListings.id, { onDelete: "cascade" }),
    notifiedAt: timestamp("notified_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.haveListingId, t.wantListingId] }), index("exchange_match_notices_want_idx").on(t.wantListingId)],
);

/**
 * A private conversation about one listing between its organisation and one interested
 * organisation. Its messages are a discussion thread whose parent is this row
 * (parent_type 'exchange_conversation'); only the two organisations' members and invited
 * facilitators see it.
 */
export const exchangeConversations = sqliteTable(
  "exchange_conversations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    listingId: integer("listing_id")
      .notNull()
      .references(() => exchangeListings.id, { onDelete: "cascade" }),
    // The organisation that said "I'm interested".
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    startedBy: integer("started_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("exchange_conversations_pair_idx").on(t.listingId, t.organisationId),
    index("exchange_conversations_org_idx").on(t.organisationId),
  ],
);

/** Coordinators one side invited into a conversation as facilitators. */
export const exchangeConversationFacilitators = sqliteTable(
  "exchange_conversation_facilitators",
  {
    conversationId: integer("conversation_id")
      .notNull()
      .references(() => exchangeConversations.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    invitedBy: integer("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] }), index("exchange_conversation_facilitators_user_idx").on(t.userId)],
);

/**
 * An exchange recorded on a listing: what actually moved from the supplier to the receiver. One
 * side records it, the other confirms; only confirmed exchanges count in the indicators.
 */
export const exchanges = sqliteTable(
  "exchanges",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    listingId: integer("listing_id")
      .notNull()
      .references(() => exchangeListings.id, { onDelete: "cascade" }),
    supplierOrganisationId: integer("supplier_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    receiverOrganisationId: integer("receiver_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    // The side that recorded it; the other side confirms.
    recordedByOrganisationId: integer("recorded_by_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    // Denormalised from the listing so roll-ups are one indexed GROUP BY.
    category: text("category", { enum: MATERIAL_CATEGORIES }).notNull(),
    initiativeId: integer("initiative_id").references(() => initiatives.id, { onDelete: "set null" }),
    // Lima calendar day the material moved.
    occurredOn: text("occurred_on").notNull(),
    // Smallest unit of the listing's dimension (grams, litres, Wh, units).
    quantity: integer("quantity").notNull(),
    unit: quantityUnit("unit").notNull(),
    // Optional: money saved (receiver) or earned (supplier), céntimos PEN.
    valueCents: integer("value_cents"),
    status: text("status", { enum: EXCHANGE_STATUSES }).notNull().default("pending"),
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedAt: timestamp("recorded_at").notNull().default(now),
    respondedBy: integer("responded_by").references(() => users.id, { onDelete: "set null" }),
    respondedAt: timestamp("responded_at"),
  },
  (t) => [
    check("exchanges_two_sides", sql`${t.supplierOrganisationId} <> ${t.receiverOrganisationId}`),
    check("exchanges_quantity_positive", sql`${t.quantity} > 0`),
    check("exchanges_value", sql`coalesce(${t.valueCents}, 0) >= 0`),
    index("exchanges_listing_idx").on(t.listingId, t.recordedAt),
    index("exchanges_supplier_idx").on(t.supplierOrganisationId, t.status),
    index("exchanges_receiver_idx").on(t.receiverOrganisationId, t.status),
    index("exchanges_initiative_idx").on(t.initiativeId, t.status),
    index("exchanges_status_idx").on(t.status, t.occurredOn),
    // The foreign key's side: deleting an organisation looks its recorded exchanges up here.
    index("exchanges_recorder_idx").on(t.recordedByOrganisationId),
  ],
);

/** What coordinators did to listings (hide, show again), with their reason. */
export const exchangeAudit = sqliteTable(
  "exchange_audit",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    listingId: integer("listing_id")
      .notNull()
      .references(() => exchangeListings.id, { onDelete: "cascade" }),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    changes: text("changes", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [index("exchange_audit_listing_idx").on(t.listingId, t.createdAt)],
);

export type ExchangeListing = typeof exchangeListings.$inferSelect;
export type Exchange = typeof exchanges.$inferSelect;
