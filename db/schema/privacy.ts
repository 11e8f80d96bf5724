import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

const now = sql`(unixepoch('subsec') * 1000)`;

export const DATA_RIGHTS_REQUEST_KINDS = ["export_json", "export_html", "closure"] as const;
export type DataRightsRequestKind = (typeof DATA_RIGHTS_REQUEST_KINDS)[number];

/**
 * The coordinators' log of data-rights requests (issue 13): which right was exercised and when,
 * never by whom nor what was handed over, so the log itself holds no personal data and outlives
 * a closed account.
 */
export const dataRightsRequests = sqliteTable(
  "data_rights_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: DATA_RIGHTS_REQUEST_KINDS }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [index("data_rights_requests_created_at_idx").on(t.createdAt)],
);
