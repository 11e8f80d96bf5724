import { isStaff } from "#app/.server/auth/roles.ts";
import { sql, type SQL } from "drizzle-orm";
import type { ParentPlaceSql } from "#app/.server/discussions/search.ts";
import { highlightSql, rankedMatches, snippetSql, type SearchPage, type SearchViewer, type TextHitColumns } from "#app/.server/fts-hits.ts";
import type { EventStatus, EventType } from "#app/features/events/taxonomy.ts";
import { MARK_START } from "#app/features/search/marks.ts";

// Events in the site search (issue 11), through events_fts (migration 0013).

/**
 * SQL condition on events (alias `e`): the viewer may see it — canOnEvent "view": published and
 * cancelled events for everybody, drafts for coordinators and admins.
 */
function visibleEvent(viewer: SearchViewer, e: string): SQL {
  return isStaff(viewer) ? sql`1` : sql`${sql.raw(e)}.status IN ('published', 'cancelled')`;
}

/**
 * Events matching `text` (the query as typed; see rankedMatches) that `viewer` may see: those
 * matching in the title first (`titleHit`), best first in each tier; the title weighs ten times
 * the description, the summary three times. One statement.
 * `{ total, capped (see rankedMatches), hits: [{ id, title, titleMarked (matched words between MARK_START and MARK_END),
 * snippet (of the summary, or of the description when only it matches; marked), href, titleHit, score,
 * type, status, startsAt (UTC ms), city }] }`.
 */
export function searchEvents(text: string, viewer: SearchViewer, page: SearchPage) {
  const { total, capped, rows } = rankedMatches<
    Omit<TextHitColumns, "snippet"> & { summarySnippet: string; descriptionSnippet: string; type: EventType; status: EventStatus; startsAt: number; city: string | null }
  >(
    {
      fts: "events_fts",
      text,
      columns: [
        { name: "title", weight: 10, title: true },
        { name: "summary", weight: 3 },
        { name: "description", weight: 1 },
      ],
      from: sql`JOIN events ON events.id = events_fts.rowid`,
      where: visibleEvent(viewer, "events"),
      select: sql`events.id AS id, events.title AS title, ${highlightSql("events_fts", 0)} AS titleMarked,
        ${snippetSql("events_fts", 1)} AS summarySnippet, ${snippetSql("events_fts", 2)} AS descriptionSnippet,
        events.slug AS slug, events.type AS type, events.status AS status, events.starts_at AS startsAt, events.city AS city`,
    },
    page,
  );
  return {
    total,
    capped,
    hits: rows.map(({ slug, summarySnippet, descriptionSnippet, ...row }) => ({
      ...row,
      snippet: !summarySnippet.includes(MARK_START) && descriptionSnippet.includes(MARK_START) ? descriptionSnippet : summarySnippet,
      href: `/events/${slug}`,
    })),
  };
}

/**
 * For discussion search: SQL giving, for an event id expression, `json_object('title', …,
 * 'link', …)` when `viewer` may see that event, NULL otherwise (one primary-key read).
 */
export function eventPlaceSql(viewer: SearchViewer): ParentPlaceSql {
  return (id) => sql`(SELECT json_object('title', pe.title, 'link', '/events/' || pe.slug)
    FROM events pe WHERE pe.id = ${id} AND ${visibleEvent(viewer, "pe")})`;
}
