import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * One counter per group of tables whose rows listings are computed from ("organisations",
 * "initiatives"). SQLite triggers (migration 0007) add 1 on every INSERT, UPDATE and DELETE of a
 * table in the group, inside the writing transaction, whichever process or script writes. Cached
 * read results (app/.server/versioned-cache.ts) are keyed by these counters, so a result is
 * reused only while nothing it was computed from has changed.
 */
export const dataVersions = sqliteTable("data_versions", {
  name: text("name").primaryKey(),
  version: integer("version").notNull().default(0),
});
