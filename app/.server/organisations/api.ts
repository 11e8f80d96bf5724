import { sql } from "drizzle-orm";
import { db } from "#app/.server/db.ts";
import { keysetPage, type KeysetPage, type KeysetRequest } from "#app/.server/api/keyset.ts";
import type { DirectoryFilters } from "#app/features/organisations/directory-filters.ts";
import { directoryWhere } from "./queries.ts";

// The organisations of the open data API (/api/v1/organisations): approved ones only, public
// fields only (what the directory and profile show an anonymous visitor), in ascending id order.

/**
 * An approved organisation's public fields. Times are UTC milliseconds; `operatingRegions`,
 * `roadmaps` and `valueChains` are codes (app/features/organisations/taxonomy.ts), sorted.
 */
export type ApiOrganisationRow = {
  id: number;
  slug: string;
  name: string;
  acronym: string | null;
  ruc: string | null;
  actorType: string;
  companySize: string | null;
  hqRegion: string;
  operatingRegions: string[];
  roadmaps: string[];
  valueChains: string[];
  description: string;
  website: string | null;
  foundedYear: number | null;
  hasLogo: boolean;
  /** When the organisation was approved as a member (UTC ms), null for none recorded. */
  approvedAt: number | null;
  /** When its Pact signature in force was signed (UTC ms), null when it has none. */
  pactSignedAt: number | null;
};

const COLUMNS = sql`organisations.id, organisations.slug, organisations.name, organisations.acronym, organisations.ruc,
  organisations.actor_type AS actorType, organisations.company_size AS companySize, organisations.hq_region AS hqRegion,
  (SELECT json_group_array(region) FROM (SELECT region FROM organisation_regions WHERE organisation_id = organisations.id ORDER BY region)) AS operatingRegions,
  (SELECT json_group_array(roadmap) FROM (SELECT roadmap FROM organisation_roadmaps WHERE organisation_id = organisations.id ORDER BY roadmap)) AS roadmaps,
  (SELECT json_group_array(value_chain) FROM (SELECT value_chain FROM organisation_value_chains WHERE organisation_id = organisations.id ORDER BY value_chain)) AS valueChains,
  organisations.description, organisations.website, organisations.founded_year AS foundedYear,
  organisations.logo_hash IS NOT NULL AS hasLogo, organisations.approved_at AS approvedAt,
  (SELECT signed_at FROM pact_signatures ps WHERE ps.organisation_id = organisations.id AND ps.withdrawn_at IS NULL) AS pactSignedAt`;

type RawRow = Omit<ApiOrganisationRow, "operatingRegions" | "roadmaps" | "valueChains" | "hasLogo"> & {
  operatingRegions: string;
  roadmaps: string;
  valueChains: string;
  hasLogo: number;
};

const parse = (row: RawRow): ApiOrganisationRow => ({
  ...row,
  operatingRegions: JSON.parse(row.operatingRegions) as string[],
  roadmaps: JSON.parse(row.roadmaps) as string[],
  valueChains: JSON.parse(row.valueChains) as string[],
  hasLogo: Boolean(row.hasLogo),
});

/**
 * One page of approved organisations matching the directory's filters (directoryWhere, the
 * directory page's own WHERE; `sort` and `page` play no part), ids above `afterId`, ascending, at
 * most `limit`. One statement: a range read
 * of the primary key (NOT INDEXED keeps SQLite from sorting the status index's rows instead), the
 * tags and the Pact signature read per row by their own indexes.
 */
export function organisationsForApi(filters: DirectoryFilters, { afterId, limit }: KeysetRequest): KeysetPage<ApiOrganisationRow> {
  const where = directoryWhere(filters);
  const rows = db.all<RawRow>(sql`
    SELECT ${COLUMNS} FROM organisations NOT INDEXED
    WHERE organisations.id > ${afterId} AND ${where}
    ORDER BY organisations.id LIMIT ${limit + 1}`);
  return keysetPage(rows.map(parse), limit);
}

/**
 * One approved organisation by slug with its public contact address (`contactEmail`, the
 * organisation's own, shown on its profile), or undefined when there is none or it is not
 * approved. One statement.
 */
export function organisationForApi(slug: string): (ApiOrganisationRow & { contactEmail: string | null }) | undefined {
  const row = db.get<RawRow & { contactEmail: string | null }>(sql`
    SELECT ${COLUMNS}, organisations.contact_email AS contactEmail FROM organisations
    WHERE organisations.slug = ${slug} AND organisations.status = 'approved'`);
  return row ? { ...parse(row), contactEmail: row.contactEmail } : undefined;
}
