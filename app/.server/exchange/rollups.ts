// Confirmed exchanges in the indicator totals (issue 12). Only exchanges that were CONFIRMED, of a
// material category (co2e-factors.ts ROLLUP_CATEGORIES: not energy, equipment, logistics or
// services) and entered in a unit of mass (t, kg: stored in grams) count:
// - waste diverted or valorised (indicator waste_diverted_t), counted to the SUPPLIER;
// - secondary raw material used (indicator secondary_material_t), counted to the RECEIVER.
// Indicators are stored ×1000 (kilograms for tonnes, see INDICATORS in initiatives/taxonomy.ts):
// `gramsToStoredIndicator` converts. Each figure is one indexed statement, cached by data version.
import { sql, type SQL } from "drizzle-orm";
import { db } from "#app/.server/db.ts";
import { publicInitiativeLinesSql, readRoadmapSummary } from "#app/.server/initiatives/index.ts";
import { approvedOrganisationSql } from "#app/.server/organisations/index.ts";
import { versionedCache } from "#app/.server/versioned-cache.ts";
import { MASS_UNITS, ROLLUP_CATEGORIES } from "#app/features/exchange/co2e-factors.ts";
import type { MaterialCategory } from "#app/features/exchange/taxonomy.ts";
import { summariseCo2e, type Co2eSummary } from "./co2e.ts";
import { sqlList } from "./queries.ts";

/**
 * SQL: the exchange (table `exchanges`) counts in the tonnes indicators: confirmed, by mass, of a
 * material category, on a listing no coordinator has hidden, between two organisations that are
 * both approved (a suspended one's exchanges leave every total until it is reinstated). The extra
 * conditions are primary-key lookups per counted row, never scans.
 */
export const COUNTED_EXCHANGE = sql`exchanges.status = 'confirmed' AND exchanges.unit IN (${sqlList(MASS_UNITS)}) AND exchanges.category IN (${sqlList(ROLLUP_CATEGORIES)})
  AND NOT EXISTS (SELECT 1 FROM exchange_listings hidden WHERE hidden.id = exchanges.listing_id AND hidden.hidden_at IS NOT NULL)
  AND ${approvedOrganisationSql(sql`exchanges.supplier_organisation_id`)} AND ${approvedOrganisationSql(sql`exchanges.receiver_organisation_id`)}`;

/** Grams to an indicator's stored value for tonnes (kilograms, rounded). */
export const gramsToStoredIndicator = (grams: number) => Math.round(grams / 1000);

/** Grams moved per category and how many exchanges moved them. */
export type CategoryGrams = { category: MaterialCategory; grams: number; exchanges: number };

/** What some confirmed exchanges add: tonnes (as grams), how many, and the CO₂e estimate. */
export type ExchangeTotals = { grams: number; exchanges: number; co2e: Co2eSummary };

function totalsOf(rows: readonly CategoryGrams[]): ExchangeTotals {
  return {
    grams: rows.reduce((sum, r) => sum + r.grams, 0),
    exchanges: rows.reduce((sum, r) => sum + r.exchanges, 0),
    co2e: summariseCo2e(rows),
  };
}

type OrganisationRow = { category: MaterialCategory; suppliedGrams: number; supplied: number; receivedGrams: number; received: number };

/**
 * SQL: an organisation's confirmed exchanges per category as one JSON value (a scalar subquery),
 * for a page to read in a statement it runs anyway (the organisation profile's); turn it into
 * figures with `organisationExchangeTotals`. Two indexed searches (supplier, status) and
 * (receiver, status), added up: an OR of the two would let SQLite scan every confirmed exchange.
 */
export function organisationExchangeTotalsSql(organisationId: number): SQL {
  return sql`(SELECT json_group_array(json_object('category', category, 'suppliedGrams', suppliedGrams, 'supplied', supplied,
      'receivedGrams', receivedGrams, 'received', received)) FROM (
    SELECT category, sum(sg) AS suppliedGrams, sum(sn) AS supplied, sum(rg) AS receivedGrams, sum(rn) AS received FROM (
      SELECT category, quantity AS sg, 1 AS sn, 0 AS rg, 0 AS rn FROM exchanges WHERE supplier_organisation_id = ${organisationId} AND ${COUNTED_EXCHANGE}
      UNION ALL
      SELECT category, 0, 0, quantity, 1 FROM exchanges WHERE receiver_organisation_id = ${organisationId} AND ${COUNTED_EXCHANGE})
    GROUP BY category))`;
}

/**
 * An organisation's confirmed exchanges from `organisationExchangeTotalsSql`'s JSON: `diverted`
 * (as supplier: waste diverted or valorised), `used` (as receiver: secondary raw material used)
 * and `all` (both; each exchange once, for the CO₂e estimate).
 */
export function organisationExchangeTotals(json: unknown) {
  const rows = typeof json === "string" ? (JSON.parse(json) as OrganisationRow[]) : [];
  const side = (pick: (r: OrganisationRow) => [number, number]) =>
    rows.map((r) => ({ category: r.category, grams: pick(r)[0], exchanges: pick(r)[1] })).filter((r) => r.exchanges > 0);
  return {
    diverted: totalsOf(side((r) => [r.suppliedGrams, r.supplied])),
    used: totalsOf(side((r) => [r.receivedGrams, r.received])),
    all: totalsOf(side((r) => [r.suppliedGrams + r.receivedGrams, r.supplied + r.received])),
  };
}

/** An organisation's confirmed exchanges on their own (see organisationExchangeTotals): one statement, cached until the exchange data or an organisation's status changes. */
export const exchangeTotalsOfOrganisation = versionedCache(["exchange", "organisations"], (organisationId: number) =>
  organisationExchangeTotals(db.get<{ totals: string }>(sql`SELECT ${organisationExchangeTotalsSql(organisationId)} AS totals`)?.totals),
);

/**
 * SQL: the confirmed exchanges on listings linked to an initiative (exchanges carry the listing's
 * initiative) per category as one JSON value (a scalar subquery), for the initiative page to read
 * in a statement it runs anyway; figures with `initiativeExchangeTotals`. Indexed by initiative.
 */
export function initiativeExchangeTotalsSql(initiativeId: number): SQL {
  return sql`(SELECT json_group_array(json_object('category', category, 'grams', grams, 'exchanges', exchanges)) FROM (
    SELECT category, sum(quantity) AS grams, count(*) AS exchanges FROM exchanges
    WHERE initiative_id = ${initiativeId} AND ${COUNTED_EXCHANGE} GROUP BY category))`;
}

/**
 * An initiative's confirmed exchanges from `initiativeExchangeTotalsSql`'s JSON: each adds its
 * tonnes to both indicators (the supplier diverted them, the receiver used them).
 */
export function initiativeExchangeTotals(json: unknown): ExchangeTotals {
  return totalsOf(typeof json === "string" ? (JSON.parse(json) as CategoryGrams[]) : []);
}

/** An initiative's confirmed exchanges on their own (see initiativeExchangeTotals): one statement, cached until the exchange data or an organisation's status changes. */
export const exchangeTotalsOfInitiative = versionedCache(["exchange", "organisations"], (initiativeId: number): ExchangeTotals =>
  initiativeExchangeTotals(db.get<{ totals: string }>(sql`SELECT ${initiativeExchangeTotalsSql(initiativeId)} AS totals`)?.totals),
);

/**
 * Indicator totals as stored (INDICATORS' scale: kilograms for tonnes) with confirmed exchanges
 * added to waste diverted and secondary material used, for pages that show both (each page says
 * which part came from exchanges).
 */
export function withExchangeTonnes<T extends Partial<Record<"waste_diverted_t" | "secondary_material_t", number>>>(
  totals: T,
  exchanged: { diverted: number; used: number },
): T {
  const added = { ...totals };
  if (exchanged.diverted > 0) added.waste_diverted_t = ((totals.waste_diverted_t ?? 0) + gramsToStoredIndicator(exchanged.diverted)) as T["waste_diverted_t"];
  if (exchanged.used > 0) added.secondary_material_t = ((totals.secondary_material_t ?? 0) + gramsToStoredIndicator(exchanged.used)) as T["secondary_material_t"];
  return added;
}

/** Confirmed exchanges per roadmap line, as summariseRoadmaps takes indicator totals. */
export type RoadmapLineExchanges = { roadmap: string; approach: string | null; totals: ExchangeTotals };

function readExchangeLines(): RoadmapLineExchanges[] {
  const rows = db.all<CategoryGrams & { roadmap: string; approach: string | null }>(sql`
    SELECT lines.roadmap AS roadmap, lines.approach AS approach, exchanges.category AS category,
      sum(exchanges.quantity) AS grams, count(*) AS exchanges
    FROM exchanges JOIN ${publicInitiativeLinesSql()} AS lines ON lines.id = exchanges.initiative_id
    WHERE ${COUNTED_EXCHANGE} GROUP BY 1, 2, 3`);
  const byLine = new Map<string, { roadmap: string; approach: string | null; rows: CategoryGrams[] }>();
  for (const row of rows) {
    const key = `${row.roadmap}/${row.approach ?? ""}`;
    const line = byLine.get(key) ?? { roadmap: row.roadmap, approach: row.approach, rows: [] };
    line.rows.push({ category: row.category, grams: row.grams, exchanges: row.exchanges });
    byLine.set(key, line);
  }
  return [...byLine.values()].map((line) => ({ roadmap: line.roadmap, approach: line.approach, totals: totalsOf(line.rows) }));
}

/**
 * Confirmed exchanges on listings linked to PUBLIC initiatives, per roadmap line (roadmap and, for
 * industry, approach), through the initiatives feature's `publicInitiativeLinesSql`. One statement,
 * cached until exchanges, initiatives or organisations change.
 */
export const exchangeTotalsByRoadmapLine = versionedCache(["exchange", "initiatives", "organisations"], (_: void) => readExchangeLines());

/**
 * The roadmap pages' data: the initiatives' roadmap summary (readRoadmapSummary) with the confirmed
 * exchanges' tonnes added to its indicator totals, and the exchanges per line, under ONE cache: a cold call runs the version read and two statements, a
 * warm one the version read only (the roadmap page is at its statement budget).
 */
export const roadmapSummaryWithExchanges = versionedCache(["initiatives", "organisations", "exchange"], (_: void) => {
  const summary = readRoadmapSummary();
  const exchanges = readExchangeLines();
  // `totals` already holds the exchanges' tonnes (exchangeIndicatorRows), so both roadmap pages agree.
  return { counts: summary.counts, totals: [...summary.totals, ...exchangeIndicatorRows(exchanges)], exchanges };
});

/**
 * Exchange lines as indicator rows `{ roadmap, approach, indicator, total }` (total stored as
 * INDICATORS does: kilograms), to add to a roadmap summary's totals: each line's tonnes count as
 * waste diverted and as secondary material used.
 */
function exchangeIndicatorRows(lines: readonly RoadmapLineExchanges[]) {
  return lines.flatMap((line) =>
    (["waste_diverted_t", "secondary_material_t"] as const).map((indicator) => ({
      roadmap: line.roadmap,
      approach: line.approach,
      indicator,
      total: gramsToStoredIndicator(line.totals.grams),
    })),
  );
}

/** One roadmap's lines added up (every approach of industry). */
export function roadmapExchangeTotals(lines: readonly RoadmapLineExchanges[], roadmap: string): ExchangeTotals {
  const rows = new Map<MaterialCategory, CategoryGrams>();
  for (const line of lines.filter((l) => l.roadmap === roadmap)) {
    for (const c of line.totals.co2e.categories) {
      const row = rows.get(c.category) ?? { category: c.category, grams: 0, exchanges: 0 };
      rows.set(c.category, { ...row, grams: row.grams + c.grams, exchanges: row.exchanges + c.exchanges });
    }
  }
  return totalsOf([...rows.values()]);
}

/** Confirmed exchanges per Lima month ("YYYY-MM", of the day the material moved) and category. */
export type MonthExchanges = CategoryGrams & { month: string };

/**
 * Alliance-wide confirmed exchanges per month and category, oldest first, for /progress and the
 * coordinators' overview; with `days` (Lima days "YYYY-MM-DD", `from` included, `to` excluded)
 * only those that happened in them. One statement over the (status, occurred_on) index. Not cached
 * here: callers cache it with their own dataset.
 */
export function exchangesByMonth(days?: { from: string; to: string }): MonthExchanges[] {
  const within: SQL = days ? sql`AND exchanges.occurred_on >= ${days.from} AND exchanges.occurred_on < ${days.to}` : sql``;
  return db.all<MonthExchanges>(sql`
    SELECT substr(occurred_on, 1, 7) AS month, category, sum(quantity) AS grams, count(*) AS exchanges
    FROM exchanges WHERE ${COUNTED_EXCHANGE} ${within} GROUP BY 1, 2 ORDER BY 1, 2`);
}

/** The per-month rows added up: per year (`{ year, grams, exchanges }`, oldest first) and in all, with CO₂e. */
export function summariseMonths(rows: readonly MonthExchanges[]) {
  const years = new Map<string, { year: string; grams: number; exchanges: number }>();
  const months = new Map<string, { month: string; grams: number; exchanges: number; co2eKg: number }>();
  const categories = new Map<MaterialCategory, CategoryGrams>();
  for (const row of rows) {
    const year = years.get(row.month.slice(0, 4)) ?? { year: row.month.slice(0, 4), grams: 0, exchanges: 0 };
    years.set(year.year, { ...year, grams: year.grams + row.grams, exchanges: year.exchanges + row.exchanges });
    const month = months.get(row.month) ?? { month: row.month, grams: 0, exchanges: 0, co2eKg: 0 };
    months.set(row.month, {
      ...month,
      grams: month.grams + row.grams,
      exchanges: month.exchanges + row.exchanges,
      co2eKg: month.co2eKg + summariseCo2e([row]).kg,
    });
    const category = categories.get(row.category) ?? { category: row.category, grams: 0, exchanges: 0 };
    categories.set(row.category, { ...category, grams: category.grams + row.grams, exchanges: category.exchanges + row.exchanges });
  }
  return { years: [...years.values()], months: [...months.values()], totals: totalsOf([...categories.values()]) };
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/**
 * Alliance-wide confirmed exchanges for reading (the progress dataset, the coordinators' overview),
 * with `days` as exchangesByMonth takes them: `months` [{month, tonnes, exchanges, co2eT}], `years`
 * [{year, tonnes, exchanges}], `total` {tonnes, exchanges, co2eT} (tonnes to 3 decimals), `co2e`
 * the estimate's basis (kg, grams per category with factors and sources; co2e.ts). One statement.
 */
export function exchangeFigures(days?: { from: string; to: string }) {
  const summary = summariseMonths(exchangesByMonth(days));
  const tonnes = (grams: number) => round3(grams / 1_000_000);
  return {
    months: summary.months.map((m) => ({ month: m.month, tonnes: tonnes(m.grams), exchanges: m.exchanges, co2eT: round3(m.co2eKg / 1000) })),
    years: summary.years.map((y) => ({ year: y.year, tonnes: tonnes(y.grams), exchanges: y.exchanges })),
    total: { tonnes: tonnes(summary.totals.grams), exchanges: summary.totals.exchanges, co2eT: round3(summary.totals.co2e.kg / 1000) },
    co2e: summary.totals.co2e,
  };
}
