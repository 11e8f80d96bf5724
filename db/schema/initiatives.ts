import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  FINANCING_KINDS,
  INDICATOR_CODES,
  INDUSTRY_APPROACHES,
  INITIATIVE_STATUSES,
  NEED_KINDS,
  PARTNER_ROLES,
  PARTNER_STATES,
} from "../../app/features/initiatives/taxonomy.ts";
import { ACTOR_TYPES, ROADMAPS, VALUE_CHAINS } from "../../app/features/organisations/taxonomy.ts";
import { users } from "./auth.ts";
import { organisations } from "./organisations.ts";

const now = sql`(unixepoch('subsec') * 1000)`;
const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });

export const initiatives = sqliteTable(
  "initiatives",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    leadOrganisationId: integer("lead_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    description: text("description").notNull().default(""),
    roadmap: text("roadmap", { enum: ROADMAPS }).notNull(),
    approach: text("approach", { enum: INDUSTRY_APPROACHES }),
    // Calendar days (YYYY-MM-DD) in Lima; no time of day is meant.
    startOn: text("start_on"),
    endOn: text("end_on"),
    status: text("status", { enum: INITIATIVE_STATUSES }).notNull().default("draft"),
    genderPerspective: integer("gender_perspective", { mode: "boolean" }).notNull().default(false),
    genderNote: text("gender_note"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at").notNull().default(now),
    updatedAt: timestamp("updated_at").notNull().default(now),
    publishedAt: timestamp("published_at"),
  },
  (t) => [
    index("initiatives_lead_idx").on(t.leadOrganisationId),
    index("initiatives_status_idx").on(t.status, t.publishedAt),
    index("initiatives_roadmap_idx").on(t.roadmap, t.approach),
  ],
);

export const initiativeValueChains = sqliteTable(
  "initiative_value_chains",
  {
    initiativeId: integer("initiative_id").notNull().references(() => initiatives.id, { onDelete: "cascade" }),
    valueChain: text("value_chain", { enum: VALUE_CHAINS }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.valueChain] }), index("initiative_value_chains_chain_idx").on(t.valueChain)],
);

export const initiativeRegions = sqliteTable(
  "initiative_regions",
  {
    initiativeId: integer("initiative_id").notNull().references(() => initiatives.id, { onDelete: "cascade" }),
    region: text("region").notNull(),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.region] }), index("initiative_regions_region_idx").on(t.region)],
);

/** What an initiative seeks: one row per kind, each with a short note. */
export const initiativeNeeds = sqliteTable(
  "initiative_needs",
  {
    initiativeId: integer("initiative_id").notNull().references(() => initiatives.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NEED_KINDS }).notNull(),
    note: text("note").notNull().default(""),
    // For "partners": the actor types sought, as a JSON array of codes.
    partnerActorTypes: text("partner_actor_types", { mode: "json" }).$type<Array<(typeof ACTOR_TYPES)[number]>>(),
    // For "financing": whole amount in céntimos (PEN), and its kind.
    amountCents: integer("amount_cents"),
    financingKind: text("financing_kind", { enum: FINANCING_KINDS }),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.kind] }), index("initiative_needs_kind_idx").on(t.kind)],
);

export const initiativeStatusChanges = sqliteTable(
  "initiative_status_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    initiativeId: integer("initiative_id").notNull().references(() => initiatives.id, { onDelete: "cascade" }),
    fromStatus: text("from_status", { enum: INITIATIVE_STATUSES }),
    toStatus: text("to_status", { enum: INITIATIVE_STATUSES }).notNull(),
    changedBy: integer("changed_by").references(() => users.id, { onDelete: "set null" }),
    changedAt: timestamp("changed_at").notNull().default(now),
  },
  (t) => [index("initiative_status_changes_idx").on(t.initiativeId, t.changedAt)],
);

export const initiativePartners = sqliteTable(
  "initiative_partners",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    initiativeId: integer("initiative_id").notNull().references(() => initiatives.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" }),
    role: text("role", { enum: PARTNER_ROLES }).notNull(),
    state: text("state", { enum: PARTNER_STATES }).notNull(),
    message: text("message").notNull().default(""),
    responseNote: text("response_note"),
    requestedBy: integer("requested_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at").notNull().default(now),
    respondedAt: timestamp("responded_at"),
    joinedAt: timestamp("joined_at"),
    leftAt: timestamp("left_at"),
  },
  (t) => [
    index("initiative_partners_initiative_idx").on(t.initiativeId, t.state),
    index("initiative_partners_org_idx").on(t.organisationId, t.state),
    // One live relationship per organisation and initiative; declined and left ones stay as history.
    uniqueIndex("initiative_partners_live_idx")
      .on(t.initiativeId, t.organisationId)
      .where(sql`state IN ('requested', 'invited', 'active')`),
  ],
);

export const initiativeUpdates = sqliteTable(
  "initiative_updates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    initiativeId: integer("initiative_id").notNull().references(() => initiatives.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" }),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    reportedOn: text("reported_on").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [index("initiative_updates_idx").on(t.initiativeId, t.reportedOn)],
);

export const initiativeIndicatorValues = sqliteTable(
  "initiative_indicator_values",
  {
    updateId: integer("update_id").notNull().references(() => initiativeUpdates.id, { onDelete: "cascade" }),
    // Denormalised so totals per initiative or roadmap are one indexed GROUP BY.
    initiativeId: integer("initiative_id").notNull().references(() => initiatives.id, { onDelete: "cascade" }),
    indicator: text("indicator", { enum: INDICATOR_CODES }).notNull(),
    value: integer("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.updateId, t.indicator] }), index("initiative_indicator_values_idx").on(t.initiativeId, t.indicator)],
);

export const initiativeFollows = sqliteTable(
  "initiative_follows",
  {
    initiativeId: integer("initiative_id").notNull().references(() => initiatives.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.userId] }), index("initiative_follows_user_idx").on(t.userId)],
);

export type Initiative = typeof initiatives.$inferSelect;
