import { sql } from "drizzle-orm";
import { db } from "#app/.server/db.ts";
import { keysetPage, type KeysetPage, type KeysetRequest } from "#app/.server/api/keyset.ts";
import type { InitiativeFilters } from "#app/features/initiatives/filters.ts";
import { fromStoredIndicator, type IndicatorCode } from "#app/features/initiatives/taxonomy.ts";
import { initiativesWhere } from "./queries.ts";

// The initiatives of the open data API (/api/v1/initiatives): published ones (not drafts) whose
// lead organisation is approved, as the public listing shows them, in ascending id order.

/**
 * A public initiative's public fields. `startOn`/`endOn` are calendar days (YYYY-MM-DD, Lima);
 * `publishedAt` UTC milliseconds; tags are codes (features/*\/taxonomy.ts), sorted.
 */
export type ApiInitiativeRow = {
  id: number;
  slug: string;
  title: string;
  summary: string;
  description: string;
  status: string;
  roadmap: string;
  approach: string | null;
  valueChains: string[];
  regions: string[];
  seeks: string[];
  startOn: string | null;
  endOn: string | null;
  genderPerspective: boolean;
  publishedAt: number | null;
  leadSlug: string;
  leadName: string;
};

const COLUMNS = sql`initiatives.id, initiatives.slug, initiatives.title, initiatives.summary, initiatives.description,
  initiatives.status, initiatives.roadmap, initiatives.approach,
  (SELECT json_group_array(value_chain) FROM (SELECT value_chain FROM initiative_value_chains WHERE initiative_id = initiatives.id ORDER BY value_chain)) AS valueChains,
  (SELECT json_group_array(region) FROM (SELECT region FROM initiative_regions WHERE initiative_id = initiatives.id ORDER BY region)) AS regions,
  (SELECT json_group_array(kind) FROM (SELECT kind FROM initiative_needs WHERE initiative_id = initiatives.id ORDER BY kind)) AS seeks,
  initiatives.start_on AS startOn, initiatives.end_on AS endOn, initiatives.gender_perspective AS genderPerspective,
  initiatives.published_at AS publishedAt, lead.slug AS leadSlug, lead.name AS leadName`;

type RawRow = Omit<ApiInitiativeRow, "valueChains" | "regions" | "seeks" | "genderPerspective"> & {
  valueChains: string;
  regions: string;
  seeks: string;
  genderPerspective: number;
};

const parse = (row: RawRow): ApiInitiativeRow => ({
  ...row,
  valueChains: JSON.parse(row.valueChains) as string[],
  regions: JSON.parse(row.regions) as string[],
  seeks: JSON.parse(row.seeks) as string[],
  genderPerspective: Boolean(row.genderPerspective),
});

/**
 * One page of public initiatives matching the listing's filters (initiativesWhere, the listing's
 * own WHERE; `sort` and `page` play no part), ids above `afterId`, ascending, at most `limit`. One statement: a range read of the primary key
 * (NOT INDEXED: not the status index's rows sorted), each lead joined by its primary key.
 */
export function initiativesForApi(filters: InitiativeFilters, { afterId, limit }: KeysetRequest): KeysetPage<ApiInitiativeRow> {
  const where = initiativesWhere(filters);
  const rows = db.all<RawRow>(sql`
    SELECT ${COLUMNS} FROM initiatives NOT INDEXED CROSS JOIN organisations lead ON lead.id = initiatives.lead_organisation_id
    WHERE initiatives.id > ${afterId} AND ${where}
    ORDER BY initiatives.id LIMIT ${limit + 1}`);
  return keysetPage(rows.map(parse), limit);
}

/**
 * One public initiative by slug, with its active partners (`{ slug, name, role }`, approved
 * organisations, oldest partnership first) and the totals of the indicators its progress updates
 * reported, in the units their codes name (tonnes, m³, MWh, soles…; app/features/initiatives/
 * taxonomy.ts INDICATORS). Undefined when there is none or it is not public. Two statements.
 */
export function initiativeForApi(slug: string) {
  const row = db.get<RawRow & { partners: string }>(sql`
    SELECT ${COLUMNS},
      (SELECT json_group_array(json_object('slug', slug, 'name', name, 'role', role)) FROM (
        SELECT o.slug, o.name, p.role FROM initiative_partners p JOIN organisations o ON o.id = p.organisation_id
        WHERE p.initiative_id = initiatives.id AND p.state = 'active' AND o.status = 'approved' ORDER BY p.created_at, p.id)) AS partners
    FROM initiatives CROSS JOIN organisations lead ON lead.id = initiatives.lead_organisation_id
    WHERE initiatives.slug = ${slug} AND initiatives.status <> 'draft' AND lead.status = 'approved'`);
  if (!row) return undefined;
  const totals = db.all<{ indicator: IndicatorCode; total: number }>(sql`
    SELECT indicator, sum(value) AS total FROM initiative_indicator_values WHERE initiative_id = ${row.id} GROUP BY indicator ORDER BY indicator`);
  return {
    ...parse(row),
    partners: JSON.parse(row.partners) as Array<{ slug: string; name: string; role: string }>,
    indicatorTotals: Object.fromEntries(totals.map((t) => [t.indicator, fromStoredIndicator(t.indicator, t.total)])) as Partial<Record<IndicatorCode, number>>,
  };
}
