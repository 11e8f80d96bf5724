import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./auth.ts";

/**
 * Create forms that have been answered, one row per one-time form token (app/.server/form-token.ts).
 * The row is written in the same transaction as the thing the form created, so the primary key
 * settles a double submission: a repeat finds the row and gets the first answer back instead of
 * creating a second copy. Rows are swept after FORM_SUBMISSION_TTL_MS by db/housekeeping.ts.
 */
export const formSubmissions = sqliteTable(
  "form_submissions",
  {
    // The random token the page put in the form's hidden `formToken` field.
    token: text("token").notNull(),
    // Which form used it ("initiative-update", "event-session", …): one page's token may serve
    // several create forms, each once.
    form: text("form").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The first answer, given again to a repeat: where it redirected and the flash message (JSON).
    redirectTo: text("redirect_to").notNull(),
    flash: text("flash"),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [primaryKey({ columns: [t.token, t.form] }), index("form_submissions_created_at_idx").on(t.createdAt)],
);

/** How long an answered form token is remembered: 30 days, in milliseconds. */
export const FORM_SUBMISSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
