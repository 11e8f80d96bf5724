import { sql } from "drizzle-orm";
import { LOCALES } from "../../app/locales/locales.ts";
import { blob, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { PLATFORM_ROLES } from "../../app/features/auth/roles.ts";

export { PLATFORM_ROLES, type PlatformRole } from "../../app/features/auth/roles.ts";


const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    // Stored lower-cased and trimmed so uniqueness is case-insensitive.
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    emailVerifiedAt: integer("email_verified_at", { mode: "timestamp_ms" }),
    role: text("role", { enum: PLATFORM_ROLES }).notNull().default("member"),
    locale: text("locale", { enum: LOCALES }).notNull().default("es"),
    // Public name for @mentions in discussions (issue 10): lower-case ASCII letters, digits and
    // dashes, unique. Assigned from the name at sign-up; rows older than issue 10 get one when
    // migrations run (db/migrate.ts).
    handle: text("handle").unique(),
    // The version of the privacy notice (app/features/privacy/notice.ts) the person last accepted;
    // null = none yet (accounts older than issue 13), so they are asked before continuing. Each
    // acceptance is also kept in privacy_consents with its date.
    privacyNoticeVersion: text("privacy_notice_version"),
    createdAt: createdAt(),
  },
  (t) => [index("users_role_idx").on(t.role), index("users_created_at_idx").on(t.createdAt)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    // The public half of the token `id.secret`; only a SHA-256 of the secret is stored.
    id: text("id").primaryKey(),
    secretHash: blob("secret_hash", { mode: "buffer" }).notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    // Sliding expiry; renewed when less than half of the window remains.
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    userAgent: text("user_agent"),
    ipAddress: text("ip_address"),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId), index("sessions_expires_at_idx").on(t.expiresAt)],
);

export const EMAIL_TOKEN_PURPOSES = ["verify-email", "reset-password", "change-email"] as const;
export type EmailTokenPurpose = (typeof EMAIL_TOKEN_PURPOSES)[number];

export const emailTokens = sqliteTable(
  "email_tokens",
  {
    id: text("id").primaryKey(),
    secretHash: blob("secret_hash", { mode: "buffer" }).notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: EMAIL_TOKEN_PURPOSES }).notNull(),
    // The address the token was sent to (for change-email, the new address).
    email: text("email").notNull(),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("email_tokens_user_purpose_idx").on(t.userId, t.purpose)],
);

export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  resetAt: integer("reset_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * Every acceptance of the privacy notice (issue 13, Ley 29733 art. 13–14: consent must be
 * provable): who, which version, when. Erased with the account.
 */
export const privacyConsents = sqliteTable(
  "privacy_consents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    noticeVersion: text("notice_version").notNull(),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index("privacy_consents_user_idx").on(t.userId, t.acceptedAt)],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
