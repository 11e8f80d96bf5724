import { isStaff } from "#app/.server/auth/roles.ts";
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { highlightSql, rankedMatches, snippetSql, type SearchPage, type SearchViewer, type TextHitColumns } from "#app/.server/fts-hits.ts";
import type { ActorType, OrganisationStatus } from "#app/features/organisations/taxonomy.ts";

// Organisations in the site search (issue 11), through organisations_fts (migration 0007).

/**
 * SQL: the ids of the organisations a person belongs to, whatever their status and role (a
 * subquery for `x IN (…)`, read through organisation_members_user_idx). For other features' search
 * visibility ("members of the owning organisation"), which must not read memberships themselves.
 */
export function memberOrganisationIdsSql(userId: number): SQL {
  return sql`SELECT organisation_id FROM organisation_members WHERE user_id = ${userId}`;
}

/**
 * SQL condition: the organisation whose id is `organisationId` (a column or expression of the
 * caller's query) is approved — public and able to take part. A primary-key lookup per row, for
 * other features' lists (the resource exchange's matches), which must not read organisations.
 */
export function approvedOrganisationSql(organisationId: SQL | AnyColumn): SQL {
  return sql`EXISTS (SELECT 1 FROM organisations WHERE organisations.id = ${organisationId} AND organisations.status = 'approved')`;
}

/**
 * SQL: the name of the organisation whose id is `organisationId` (a column of the caller's query),
 * a primary-key lookup per row, for other features' lists that show who posted something.
 */
export function organisationNameSql(organisationId: SQL | AnyColumn): SQL<string> {
  return sql<string>`(SELECT organisations.name FROM organisations WHERE organisations.id = ${organisationId})`;
}

/**
 * SQL condition on `organisations`: the viewer may see it (canOnOrganisation "view": approved
 * ones for everybody, the others for their members, coordinators and admins).
 */
function visibleOrganisation(viewer: SearchViewer): SQL {
  if (isStaff(viewer)) return sql`1`;
  if (!viewer) return sql`organisations.status = 'approved'`;
  return sql`(organisations.status = 'approved' OR organisations.id IN (${memberOrganisationIdsSql(viewer.id)}))`;
}

/**
 * Organisations matching `text` (the query as typed; see rankedMatches) that `viewer` may see:
 * those matching in name or acronym first (`titleHit`), best first in each tier; name and acronym
 * weigh ten times the description. One statement.
 * `{ total, capped (see rankedMatches), hits: [{ id, title (name), titleMarked (name, matched words between MARK_START and
 * MARK_END), snippet (of the description, marked), href, titleHit, score, acronym, actorType, hqRegion,
 * status }] }`; `status` other than "approved" only reaches members and staff.
 */
export function searchOrganisations(text: string, viewer: SearchViewer, page: SearchPage) {
  const { total, capped, rows } = rankedMatches<TextHitColumns & { acronym: string | null; actorType: ActorType; hqRegion: string; status: OrganisationStatus }>(
    {
      fts: "organisations_fts",
      text,
      columns: [
        { name: "name", weight: 10, title: true },
        { name: "acronym", weight: 10, title: true },
        { name: "description", weight: 1 },
      ],
      from: sql`JOIN organisations ON organisations.id = organisations_fts.rowid`,
      where: visibleOrganisation(viewer),
      select: sql`organisations.id AS id, organisations.name AS title, ${highlightSql("organisations_fts", 0)} AS titleMarked,
        ${snippetSql("organisations_fts", 2)} AS snippet, organisations.slug AS slug, organisations.acronym AS acronym,
        organisations.actor_type AS actorType, organisations.hq_region AS hqRegion, organisations.status AS status`,
    },
    page,
  );
  return { total, capped, hits: rows.map(({ slug, ...row }) => ({ ...row, href: `/organisations/${slug}` })) };
}
