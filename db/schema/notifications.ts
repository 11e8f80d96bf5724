import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./auth.ts";

const now = sql`(unixepoch('subsec') * 1000)`;

/** How a person wants one kind of notification (issue 10): on the site only, also by email at
 * once, gathered in the email digest, or not at all. */
export const NOTIFICATION_CHANNELS = ["in_app", "email", "digest", "off"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export const DIGEST_FREQUENCIES = ["daily", "weekly"] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

// In-app notifications (ADR 0013): the kind of event and a reference to its subject, never a
// rendered sentence, so the wording follows the reader's language and the subject's later edits.
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The notification kind, e.g. "discussion.reply", registered in app/.server/notifications/kinds.ts.
    // Rows written before issue 10 hold a message key here and its values in `data`.
    type: text("type").notNull(),
    // What it is about, e.g. ("post", 42) or ("initiative", 7), resolved when shown.
    subjectType: text("subject_type"),
    subjectId: integer("subject_id"),
    // Who caused it, if a person did.
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    // Small facts the wording needs that the subject does not hold (ids, a status, a reason).
    data: text("data", { mode: "json" }).$type<Record<string, string | number | null>>().notNull(),
    // Rows before issue 10 kept their link; new ones derive it from the subject.
    link: text("link"),
    // Digest grouping, e.g. "thread:12" or "initiative:7".
    groupKey: text("group_key"),
    // Email: null = none due; "pending_digest" waits for the next digest; "sent" done.
    emailState: text("email_state", { enum: ["pending_digest", "queued", "sent"] }),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    index("notifications_unread_idx").on(t.userId, t.readAt),
    index("notifications_digest_idx").on(t.emailState, t.userId),
  ],
);

/** One row per person and preference group they changed; absent rows take the kind's default. */
export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // A preference group of kinds, e.g. "discussion_replies", "mentions", "initiatives".
    preference: text("preference").notNull(),
    channel: text("channel", { enum: NOTIFICATION_CHANNELS }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.preference] })],
);

/** Per-person digest settings. */
export const notificationSettings = sqliteTable("notification_settings", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  digestFrequency: text("digest_frequency", { enum: DIGEST_FREQUENCIES }).notNull().default("daily"),
  lastDigestAt: integer("last_digest_at", { mode: "timestamp_ms" }),
});

/** How long an unsubscribe link works: a year after its email was sent (then housekeeping deletes it). */
export const UNSUBSCRIBE_LINK_TTL_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * One-click unsubscribe links (issue 13, RFC 8058): one per notification email, for the
 * preference group the email belongs to (or "digest" for the digest). The token is `id.secret`;
 * only a SHA-256 of the secret is kept. Used once: `used_at` set when honoured.
 */
export const unsubscribeTokens = sqliteTable(
  "unsubscribe_tokens",
  {
    id: text("id").primaryKey(),
    secretHash: blob("secret_hash", { mode: "buffer" }).notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // A preference group (e.g. "discussion_replies") or "digest".
    preference: text("preference").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("unsubscribe_tokens_user_idx").on(t.userId), index("unsubscribe_tokens_created_at_idx").on(t.createdAt)],
);
