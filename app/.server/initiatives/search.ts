import { sql, type SQL } from "drizzle-orm";
import type { ParentPlaceSql } from "#app/.server/discussions/search.ts";
import { highlightSql, rankedMatches, snippetSql, type SearchPage, type SearchViewer, type TextHitColumns } from "#app/.server/fts-hits.ts";
import { memberOrganisationIdsSql } from "#app/.server/organisations/search.ts";
import type { InitiativeStatus } from "#app/features/initiatives/taxonomy.ts";
import type { Roadmap } from "#app/features/organisations/taxonomy.ts";

// Initiatives in the site search (issue 11), through initiatives_fts (migration 0007).

/**
 * SQL condition on `initiatives` (alias `i`) and its lead organisation (alias `lead`): the viewer
 * may see it — canOnInitiative "view": published initiatives of approved organisations for
 * everybody; drafts, and initiatives of organisations not (or no longer) approved, for the lead
 * organisation's members only.
 */
function visibleInitiative(viewer: SearchViewer, i: string, lead: string): SQL {
  const published = sql`(${sql.raw(i)}.status <> 'draft' AND ${sql.raw(lead)}.status = 'approved')`;
  if (!viewer) return published;
  return sql`(${published} OR ${sql.raw(i)}.lead_organisation_id IN (${memberOrganisationIdsSql(viewer.id)}))`;
}

/**
 * Initiatives matching `text` (the query as typed; see rankedMatches) that `viewer` may see: those
 * matching in the title first (`titleHit`), best first in each tier; the title weighs ten times
 * the summary. One statement.
 * `{ total, capped (see rankedMatches), hits: [{ id, title, titleMarked (matched words between MARK_START and MARK_END),
 * snippet (of the summary, marked), href, titleHit, score, status, roadmap, leadName }] }`.
 */
export function searchInitiatives(text: string, viewer: SearchViewer, page: SearchPage) {
  const { total, capped, rows } = rankedMatches<TextHitColumns & { status: InitiativeStatus; roadmap: Roadmap; leadName: string }>(
    {
      fts: "initiatives_fts",
      text,
      columns: [
        { name: "title", weight: 10, title: true },
        { name: "summary", weight: 1 },
      ],
      from: sql`JOIN initiatives ON initiatives.id = initiatives_fts.rowid JOIN organisations lead ON lead.id = initiatives.lead_organisation_id`,
      where: visibleInitiative(viewer, "initiatives", "lead"),
      select: sql`initiatives.id AS id, initiatives.title AS title, ${highlightSql("initiatives_fts", 0)} AS titleMarked,
        ${snippetSql("initiatives_fts", 1)} AS snippet, initiatives.slug AS slug, initiatives.status AS status,
        initiatives.roadmap AS roadmap, lead.name AS leadName`,
    },
    page,
  );
  return { total, capped, hits: rows.map(({ slug, ...row }) => ({ ...row, href: `/initiatives/${slug}` })) };
}

/**
 * For discussion search: SQL giving, for an initiative id expression, `json_object('title', …,
 * 'link', …)` when `viewer` may see that initiative, NULL otherwise (one primary-key read).
 */
export function initiativePlaceSql(viewer: SearchViewer): ParentPlaceSql {
  return (id) => sql`(SELECT json_object('title', pi.title, 'link', '/initiatives/' || pi.slug)
    FROM initiatives pi JOIN organisations pi_lead ON pi_lead.id = pi.lead_organisation_id
    WHERE pi.id = ${id} AND ${visibleInitiative(viewer, "pi", "pi_lead")})`;
}
