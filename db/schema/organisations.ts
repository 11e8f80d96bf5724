import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  ACTOR_TYPES,
  COMPANY_SIZES,
  MEMBER_ROLES,
  ORGANISATION_STATUSES,
  ROADMAPS,
  VALUE_CHAINS,
} from "../../app/features/organisations/taxonomy.ts";
import { users } from "./auth.ts";

const now = sql`(unixepoch('subsec') * 1000)`;

export const organisations = sqliteTable(
  "organisations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    // Lower-cased, accents and punctuation removed: "Cámara de Comercio" = "camara de comercio".
    nameKey: text("name_key").notNull(),
    acronym: text("acronym"),
    ruc: text("ruc"),
    actorType: text("actor_type", { enum: ACTOR_TYPES }).notNull(),
    companySize: text("company_size", { enum: COMPANY_SIZES }),
    hqRegion: text("hq_region").notNull(),
    description: text("description").notNull().default(""),
    website: text("website"),
    contactEmail: text("contact_email"),
    foundedYear: integer("founded_year"),
    status: text("status", { enum: ORGANISATION_STATUSES }).notNull().default("pending"),
    statusReason: text("status_reason"),
    logoHash: text("logo_hash"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }).notNull().default(now),
    approvedAt: integer("approved_at", { mode: "timestamp_ms" }),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [
    uniqueIndex("organisations_name_key_idx").on(t.nameKey),
    uniqueIndex("organisations_ruc_idx").on(t.ruc),
    index("organisations_status_submitted_idx").on(t.status, t.submittedAt),
    index("organisations_status_name_idx").on(t.status, t.nameKey),
    index("organisations_status_approved_idx").on(t.status, t.approvedAt),
    index("organisations_actor_type_idx").on(t.actorType),
    index("organisations_hq_region_idx").on(t.hqRegion),
  ],
);

export const organisationRegions = sqliteTable(
  "organisation_regions",
  {
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    region: text("region").notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.region] }), index("organisation_regions_region_idx").on(t.region)],
);

export const organisationRoadmaps = sqliteTable(
  "organisation_roadmaps",
  {
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    roadmap: text("roadmap", { enum: ROADMAPS }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.roadmap] }), index("organisation_roadmaps_roadmap_idx").on(t.roadmap)],
);

export const organisationValueChains = sqliteTable(
  "organisation_value_chains",
  {
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    valueChain: text("value_chain", { enum: VALUE_CHAINS }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.valueChain] }),
    index("organisation_value_chains_chain_idx").on(t.valueChain),
  ],
);

export const organisationMembers = sqliteTable(
  "organisation_members",
  {
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: MEMBER_ROLES }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index("organisation_members_user_idx").on(t.userId)],
);

export const organisationInvitations = sqliteTable(
  "organisation_invitations",
  {
    id: text("id").primaryKey(),
    secretHash: blob("secret_hash", { mode: "buffer" }).notNull(),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: MEMBER_ROLES }).notNull(),
    invitedBy: integer("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("organisation_invitations_org_idx").on(t.organisationId)],
);

export const pactSignatures = sqliteTable(
  "pact_signatures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    signerName: text("signer_name").notNull(),
    signerPosition: text("signer_position").notNull(),
    signedAt: integer("signed_at", { mode: "timestamp_ms" }).notNull(),
    // Set when a coordinator records a signature made before the platform existed.
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "set null" }),
    signedBy: integer("signed_by").references(() => users.id, { onDelete: "set null" }),
    withdrawnAt: integer("withdrawn_at", { mode: "timestamp_ms" }),
    withdrawnBy: integer("withdrawn_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("pact_signatures_org_idx").on(t.organisationId),
    // At most one signature in force per organisation; withdrawn ones stay as history.
    uniqueIndex("pact_signatures_active_idx").on(t.organisationId).where(sql`withdrawn_at IS NULL`),
    index("pact_signatures_signed_at_idx").on(t.signedAt),
  ],
);

export const organisationLogos = sqliteTable("organisation_logos", {
  organisationId: integer("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  image: blob("image", { mode: "buffer" }).notNull(),
  contentType: text("content_type").notNull(),
  hash: text("hash").notNull(),
});

export const organisationAudit = sqliteTable(
  "organisation_audit",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    // JSON: { field: [before, after] } for edits, or details of the action.
    changes: text("changes", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [index("organisation_audit_org_idx").on(t.organisationId, t.createdAt)],
);

export type Organisation = typeof organisations.$inferSelect;
