import { eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { joinApprovedOrganisation } from "#app/.server/organisations/index.ts";
import { ftsMatch } from "#app/.server/text-search.ts";
import { versionedCache } from "#app/.server/versioned-cache.ts";
import type { ExchangeFilters } from "#app/features/exchange/filters.ts";
import type { ListingCardData } from "#app/features/exchange/listing-card.tsx";

// Reading listings (issue 12): the public list /exchange with its facets, the region tiles, one
// listing and an organisation's listings. Public means published, not hidden, and of an approved
// organisation (joined through the organisations feature's joinApprovedOrganisation).

export const EXCHANGE_PAGE_SIZE = 20;

type FacetGroup = "kind" | "category" | "region" | "frequency" | "actorType" | "hazardous";

const FROM = sql`exchange_listings l ${joinApprovedOrganisation("org", sql`l.organisation_id`)}`;

/** SQL: values as bound parameters separated by commas, for `IN (…)` (never empty: callers check). */
export const sqlList = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/**
 * WHERE for the public listing: published, not hidden, every filter combined with AND, values
 * within a filter with OR; `except` leaves one group's own filter out (its facet counts). Needs
 * `exchange_listings l` and its organisation as `org` (FROM above).
 */
export function exchangeWhere(filters: ExchangeFilters, except?: FacetGroup): SQL {
  const parts: SQL[] = [sql`l.status = 'published'`, sql`l.hidden_at IS NULL`];
  if (filters.q) {
    const match = ftsMatch(filters.q);
    parts.push(match ? sql`l.id IN (SELECT rowid FROM exchange_listings_fts WHERE exchange_listings_fts MATCH ${match})` : sql`0`);
  }
  if (except !== "kind" && filters.kind.length) parts.push(sql`l.kind IN (${sqlList(filters.kind)})`);
  if (except !== "category" && filters.category.length) parts.push(sql`l.category IN (${sqlList(filters.category)})`);
  if (except !== "region" && filters.region.length) parts.push(sql`l.region IN (${sqlList(filters.region)})`);
  if (except !== "frequency" && filters.frequency.length) parts.push(sql`l.frequency IN (${sqlList(filters.frequency)})`);
  if (except !== "actorType" && filters.actorType.length) parts.push(sql`org.actor_type IN (${sqlList(filters.actorType)})`);
  if (except !== "hazardous" && filters.hazardous) parts.push(sql`l.hazardous = ${filters.hazardous === "yes" ? 1 : 0}`);
  return sql.join(parts, sql` AND `);
}

/**
 * One cell of the facet cube: how many public listings share these six facet values. The cube is
 * the public listing grouped by every facet at once; facet counts, region tiles and the page's
 * total are sums over its cells, so one scan (cached per text query) serves every combination of
 * filters. `hazardous` is "yes" | "no".
 */
type CubeCell = { kind: string; category: string; region: string; frequency: string; actorType: string; hazardous: string; count: number };

const FACET_GROUPS: readonly FacetGroup[] = ["kind", "category", "region", "frequency", "actorType", "hazardous"];

/**
 * The facet cube for a text query ("" for none): one statement, published and visible listings of
 * approved organisations only. At 100,000 listings it replaced seven GROUP BYs per filter state
 * (≈ 900 ms after each write) with one scan reused by every filter state.
 */
const facetCube = versionedCache(["exchange", "organisations"], (q: string): CubeCell[] =>
  db.all<CubeCell>(sql`
    SELECT l.kind, l.category, l.region, l.frequency, org.actor_type AS actorType,
      CASE WHEN l.hazardous THEN 'yes' ELSE 'no' END AS hazardous, count(*) AS count
    FROM ${FROM} WHERE ${exchangeWhere({ q, kind: [], category: [], region: [], frequency: [], actorType: [], page: 1 })}
    GROUP BY 1, 2, 3, 4, 5, 6`),
);

/** Whether a cube cell passes the filters, leaving out group `except` (its own facet's counts). */
function cellPasses(cell: CubeCell, filters: ExchangeFilters, except?: FacetGroup) {
  for (const group of FACET_GROUPS) {
    if (group === except) continue;
    if (group === "hazardous") {
      if (filters.hazardous && cell.hazardous !== filters.hazardous) return false;
    } else if (filters[group].length && !(filters[group] as readonly string[]).includes(cell[group])) return false;
  }
  return true;
}

/**
 * Counts per facet value, each group counted with every other filter applied. Shape:
 * `{ kind: { have: 12, … }, category: {…}, region: {…}, frequency: {…}, actorType: {…},
 * hazardous: { yes, no } }`. From the cached cube: no statement when the cube is warm.
 */
export function exchangeFacets(filters: ExchangeFilters) {
  const facets: Record<FacetGroup, Record<string, number>> = { kind: {}, category: {}, region: {}, frequency: {}, actorType: {}, hazardous: {} };
  for (const cell of facetCube(filters.q ?? "")) {
    for (const group of FACET_GROUPS) {
      if (!cellPasses(cell, filters, group)) continue;
      const counts = facets[group];
      counts[cell[group]] = (counts[cell[group]] ?? 0) + cell.count;
    }
  }
  return facets;
}

/** Public listings per region (`{ LAM: 12, … }`) with the other filters applied, from the cube. */
export function exchangeRegionCounts(filters: ExchangeFilters): Record<string, number> {
  return exchangeFacets(filters).region;
}

/** How many public listings pass every filter, from the cube. */
function exchangeTotal(filters: ExchangeFilters) {
  let total = 0;
  for (const cell of facetCube(filters.q ?? "")) if (cellPasses(cell, filters)) total += cell.count;
  return total;
}

/**
 * A listing as lists show it (ListingCardData: quantity in base units, price in céntimos), with
 * its availability's first day and, on /exchange, its organisation's name and slug.
 */
export type ListingSummary = ListingCardData & { availableFrom: string; organisationSlug: string; organisationName: string; hazardous: number };

const SUMMARY = sql`l.id, l.kind, l.title, l.category, l.quantity, l.unit, l.frequency, l.region, l.province,
  l.available_from AS availableFrom, l.available_until AS availableUntil, l.price_mode AS priceMode,
  l.price_cents AS priceCents, l.hazardous, l.status,
  (SELECT p.id || ':' || p.hash FROM exchange_listing_photos p WHERE p.listing_id = l.id ORDER BY p.position, p.id LIMIT 1) AS photo`;
const ORGANISATION = sql`org.slug AS organisationSlug, org.name AS organisationName`;

function readPage(filters: ExchangeFilters) {
  const where = exchangeWhere(filters);
  const total = exchangeTotal(filters);
  const rows = db.all<ListingSummary>(sql`
    SELECT ${SUMMARY}, ${ORGANISATION} FROM ${FROM} WHERE ${where}
    ORDER BY l.published_at DESC, l.id DESC
    LIMIT ${EXCHANGE_PAGE_SIZE} OFFSET ${(filters.page - 1) * EXCHANGE_PAGE_SIZE}`);
  return { rows, total, pages: Math.max(1, Math.ceil(total / EXCHANGE_PAGE_SIZE)) };
}

/**
 * One page of /exchange (`{ rows: ListingSummary[], total, pages }`, 20 a page, newest published
 * first). One statement (and the facet cube's, when cold), reused until listings or organisations change.
 */
export const exchangePage = versionedCache(["exchange", "organisations"], readPage);

/** A listing's row by id (any status), or undefined. One query. */
export function findListing(id: number) {
  return db.select().from(schema.exchangeListings).where(eq(schema.exchangeListings.id, id)).get();
}

/**
 * A listing's row by id with its photos (`photos: { id, hash, alt }[]` in order, no bytes), or
 * undefined. One query (the listing's page is near its statement budget).
 */
export function findListingWithPhotos(id: number) {
  const l = schema.exchangeListings;
  const row = db
    .select({
      ...getTableColumns(l),
      // The listing's id qualified by hand: in a one-table select Drizzle writes ${l.id} as a bare
      // "id", which inside this subquery would be the photo's own id.
      photos: sql<string>`(SELECT json_group_array(json_object('id', p.id, 'hash', p.hash, 'alt', p.alt)) FROM
        (SELECT id, hash, alt FROM exchange_listing_photos WHERE listing_id = ${l}.id ORDER BY position, id) p)`,
    })
    .from(l)
    .where(eq(l.id, id))
    .get();
  return row ? { ...row, photos: JSON.parse(row.photos) as Array<{ id: number; hash: string; alt: string }> } : undefined;
}

/**
 * An organisation's listings for its profile: published ones (not hidden) for everybody; with
 * `asMember`, every status (drafts, closed, expired…) for the organisation's team. Newest first,
 * at most 50. `ListingSummary[]`. One statement.
 */
export function listingsOfOrganisation(organisationId: number, asMember: boolean): Array<Omit<ListingSummary, "organisationSlug" | "organisationName">> {
  const visible = asMember ? sql`1` : sql`l.status = 'published' AND l.hidden_at IS NULL`;
  // The profile page already knows (and checked) the organisation, so it is not read again here.
  return db.all(sql`
    SELECT ${SUMMARY} FROM exchange_listings l
    WHERE l.organisation_id = ${organisationId} AND ${visible}
    ORDER BY l.status = 'published' DESC, l.updated_at DESC, l.id DESC LIMIT 50`);
}
