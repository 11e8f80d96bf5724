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
