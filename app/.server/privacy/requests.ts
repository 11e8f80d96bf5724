import { count, desc, gte, sql } from "drizzle-orm";
import { db, schema, type Tx } from "#app/.server/db.ts";
import type { DataRightsRequestKind } from "#db/schema/privacy.ts";

const r = schema.dataRightsRequests;

/** Notes that a data-rights request was answered (kind and time only, never who nor what). */
export function logDataRightsRequest(kind: DataRightsRequestKind, writer: Pick<Tx, "insert"> = db, now = new Date()) {
  writer.insert(r).values({ kind, createdAt: now }).run();
}

export const DATA_RIGHTS_LOG_PAGE_SIZE = 50;

/**
 * The coordinators' log of data-rights requests: one page (1-based) of `{ id, kind, createdAt }`
 * newest first, the total, and per kind the count over the last 365 days at `now`. Three indexed
 * statements (the page, the total, the counts over data_rights_requests_created_at_idx).
 */
export function dataRightsLog(page: number, now = new Date()) {
  const offset = (Math.max(1, page) - 1) * DATA_RIGHTS_LOG_PAGE_SIZE;
  const rows = db.select().from(r).orderBy(desc(r.createdAt), desc(r.id)).limit(DATA_RIGHTS_LOG_PAGE_SIZE).offset(offset).all();
  const total = db.select({ n: count() }).from(r).get()?.n ?? 0;
  const yearAgo = new Date(now.getTime() - 365 * 24 * 60 * 60 * 1000);
  const lastYear = Object.fromEntries(
    db
      .select({ kind: r.kind, n: sql<number>`count(*)` })
      .from(r)
      .where(gte(r.createdAt, yearAgo))
      .groupBy(r.kind)
      .all()
      .map((row) => [row.kind, row.n]),
  ) as Partial<Record<DataRightsRequestKind, number>>;
  return { rows, total, pages: Math.max(1, Math.ceil(total / DATA_RIGHTS_LOG_PAGE_SIZE)), lastYear };
}
