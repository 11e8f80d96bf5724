// Public figures about initiatives for the progress dashboard and the coordinators' report
// (issue 11). An initiative is public when it is not a draft and its lead organisation is
// approved, as on the listing and the roadmap pages.
import { sql, type SQL } from "drizzle-orm";
import { db } from "#app/.server/db.ts";
import { inRange, type InstantRange } from "#app/.server/organisations/index.ts";
import { limaDay } from "#app/i18n.ts";
import type { IndicatorCode } from "#app/features/initiatives/taxonomy.ts";

const PUBLIC = sql`initiatives.status <> 'draft' AND lead.status = 'approved'`;
const JOIN_LEAD = sql`JOIN organisations lead ON lead.id = initiatives.lead_organisation_id`;
const FROM_PUBLIC = sql`initiatives ${JOIN_LEAD}`;

/** How many initiatives `topByPartners` lists. */
export const TOP_INITIATIVES = 10;

/** A sum of one indicator, as stored: `scale` units per unit shown (see INDICATORS in taxonomy.ts). */
export type IndicatorSum = { year: string; indicator: IndicatorCode; total: number };

export type InitiativeStats = {
  /** Public initiatives per region they work in (an initiative in several regions counts in each). */
  regions: Array<{ region: string; count: number }>;
  /** Public initiatives per roadmap, industry approach (null outside industry or when unset) and status. */
  lines: Array<{ roadmap: string; approach: string | null; status: string; count: number }>;
  /** How many public initiatives have `partners` active (accepted, not left) partners. Empty with a range. */
  partnerCounts: Array<{ partners: number; initiatives: number }>;
  /** The TOP_INITIATIVES public initiatives with most active partners (at least one), most first. Empty with a range. */
  topByPartners: Array<{ slug: string; title: string; partners: number }>;
  /** Indicator sums of public initiatives' progress updates per roadmap and year reported. */
  indicatorsByRoadmap: Array<IndicatorSum & { roadmap: string }>;
  /**
   * Indicator sums per region and year reported: an update counts in full in every region of its
   * initiative, so regions do not add up to the roadmap totals.
   */
  indicatorsByRegion: Array<IndicatorSum & { region: string }>;
};

type Row = { facet: string; k1: string; k2: string | null; k3: string | null; n: number };

/**
 * Initiative figures in ONE statement (a UNION ALL of GROUP BYs with a facet column), over public
 * initiatives. Indicator totals come from `initiative_indicator_values` joined to their progress
 * update's `reported_on` year (a calendar day in Lima) and the initiative's roadmap and regions;
 * they are sums of stored integers, in the indicator's storage unit (`scale` per unit shown:
 * kilograms for tonnes, kWh for MWh, céntimos for soles; see INDICATORS / fromStoredIndicator).
 * With `range`, initiatives count when published in it and indicator values when reported in it
 * (Lima days); partner figures are then left out (they describe the present, not a period).
 */
export function initiativeStats(range?: InstantRange): InitiativeStats {
  const published = inRange(sql`initiatives.published_at`, range);
  const reported = range ? sql`u.reported_on >= ${limaDay(range.from)} AND u.reported_on < ${limaDay(range.to)}` : sql`1`;
  const indicators = (facet: string, key: SQL, join: SQL) => sql`
    SELECT ${facet}, ${key}, substr(u.reported_on, 1, 4), v.indicator, sum(v.value)
    FROM initiative_indicator_values v JOIN initiative_updates u ON u.id = v.update_id
    JOIN initiatives ON initiatives.id = v.initiative_id ${JOIN_LEAD} ${join}
    WHERE ${PUBLIC} AND ${reported} GROUP BY 2, 3, 4`;
  const parts: SQL[] = [
    sql`SELECT 'region' AS facet, r.region AS k1, NULL AS k2, NULL AS k3, count(*) AS n
      FROM initiative_regions r JOIN initiatives ON initiatives.id = r.initiative_id ${JOIN_LEAD} WHERE ${PUBLIC} AND ${published} GROUP BY 2`,
    sql`SELECT 'line', initiatives.roadmap, initiatives.approach, initiatives.status, count(*)
      FROM ${FROM_PUBLIC} WHERE ${PUBLIC} AND ${published} GROUP BY 2, 3, 4`,
    indicators("roadmap", sql`initiatives.roadmap`, sql``),
    indicators("regionIndicator", sql`r.region`, sql`JOIN initiative_regions r ON r.initiative_id = initiatives.id`),
  ];
  if (!range) {
    const partnersOf = sql`(SELECT count(*) FROM initiative_partners p WHERE p.initiative_id = initiatives.id AND p.state = 'active')`;
    parts.push(
      sql`SELECT 'partners', partners, NULL, NULL, count(*) FROM (SELECT ${partnersOf} AS partners FROM ${FROM_PUBLIC} WHERE ${PUBLIC}) GROUP BY 2`,
      sql`SELECT * FROM (SELECT 'top', initiatives.slug, initiatives.title, NULL, ${partnersOf} AS partners
        FROM ${FROM_PUBLIC} WHERE ${PUBLIC} AND partners > 0 ORDER BY partners DESC, initiatives.title LIMIT ${TOP_INITIATIVES})`,
    );
  }
  const stats: InitiativeStats = { regions: [], lines: [], partnerCounts: [], topByPartners: [], indicatorsByRoadmap: [], indicatorsByRegion: [] };
  for (const row of db.all<Row>(sql.join(parts, sql` UNION ALL `))) {
    const indicator = row.k3 as IndicatorCode;
    switch (row.facet) {
      case "region":
        stats.regions.push({ region: row.k1, count: row.n });
        break;
      case "line":
        stats.lines.push({ roadmap: row.k1, approach: row.k2, status: row.k3!, count: row.n });
        break;
      case "partners":
        stats.partnerCounts.push({ partners: Number(row.k1), initiatives: row.n });
        break;
      case "top":
        stats.topByPartners.push({ slug: row.k1, title: row.k2!, partners: row.n });
        break;
      case "roadmap":
        stats.indicatorsByRoadmap.push({ roadmap: row.k1, year: row.k2!, indicator, total: row.n });
        break;
      default:
        stats.indicatorsByRegion.push({ region: row.k1, year: row.k2!, indicator, total: row.n });
    }
  }
  stats.partnerCounts.sort((a, b) => a.partners - b.partners);
  return stats;
}

/**
 * Public initiatives first published (made open) in `range`, for the coordinators' report, oldest
 * first: one statement. `publishedAt` is UTC ms.
 */
export function initiativesPublishedIn(range: InstantRange) {
  return db.all<{ slug: string; title: string; roadmap: string; approach: string | null; status: string; leadName: string; publishedAt: number }>(sql`
    SELECT initiatives.slug, initiatives.title, initiatives.roadmap, initiatives.approach, initiatives.status,
      lead.name AS leadName, initiatives.published_at AS publishedAt
    FROM ${FROM_PUBLIC} WHERE ${PUBLIC} AND ${inRange(sql`initiatives.published_at`, range)}
    ORDER BY initiatives.published_at, initiatives.id`);
}

/**
 * SQL: the public initiatives as a subquery of `(id, roadmap, approach)` (approach null outside
 * industry or when unset), for other features' roll-ups by roadmap line (the resource exchange's
 * confirmed tonnes, issue 12) without reading this feature's tables themselves.
 */
export function publicInitiativeLinesSql(): SQL {
  return sql`(SELECT initiatives.id AS id, initiatives.roadmap AS roadmap, initiatives.approach AS approach FROM ${FROM_PUBLIC} WHERE ${PUBLIC})`;
}
