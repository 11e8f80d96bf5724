import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export type MailAttachment = { filename: string; contentType: string; content: string };

// Local outbox: every message is recorded here when no SMTP server is configured, so tests and
// coordinators (on a dev-only page) can read what would have been sent.
export const outbox = sqliteTable(
  "mail_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    locale: text("locale").notNull(),
    // Files sent with the message (e.g. an .ics invitation), as JSON [{ filename, contentType, content }].
    attachments: text("attachments", { mode: "json" }).$type<MailAttachment[]>(),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index("mail_outbox_to_idx").on(t.to), index("mail_outbox_created_at_idx").on(t.createdAt)],
);

/** Delivered mail is kept this long (to see what was sent, e.g. when someone asks), then deleted. */
export const SENT_MAIL_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export const MAIL_STATES = ["pending", "sending", "sent", "failed"] as const;

// Outgoing mail queue (issue 10, ADR 0013): requests only insert here; a worker loop in the server
// process delivers (SMTP or the outbox), retrying with exponential backoff. A row claimed by a
// worker is "sending" with a lease; after a crash the lease expires and the row is retried.
export const mailQueue = sqliteTable(
  "mail_queue",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    locale: text("locale").notNull(),
    attachments: text("attachments", { mode: "json" }).$type<MailAttachment[]>(),
    // Extra headers, e.g. List-Unsubscribe.
    headers: text("headers", { mode: "json" }).$type<Record<string, string>>(),
    // SMTP Message-ID chosen at enqueue time, so a resend after a crash mid-send is the same message.
    messageId: text("message_id").notNull(),
    // Deleted once delivered or given up instead of kept as "sent": the confirmation that an
    // account was closed (issue 13) must not leave the closed account's address behind.
    forgetAfterSend: integer("forget_after_send", { mode: "boolean" }).notNull().default(false),
    state: text("state", { enum: MAIL_STATES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
    lastError: text("last_error"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index("mail_queue_due_idx").on(t.state, t.nextAttemptAt)],
);
