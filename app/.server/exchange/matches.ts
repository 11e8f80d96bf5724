import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { notify } from "#app/.server/notifications/index.ts";
import { approvedOrganisationSql, managerIds, organisationNameSql, organisationsOfUser } from "#app/.server/organisations/index.ts";
import { versionedCache } from "#app/.server/versioned-cache.ts";
import { rankMatches, type MatchableListing } from "#app/features/exchange/matching.ts";
import { REGION_NEIGHBOURS, regionDistance } from "#app/features/exchange/regions.ts";
import { QUANTITY_UNITS, type Frequency, type QuantityUnit } from "#app/features/exchange/taxonomy.ts";
import type { RegionCode } from "#app/features/organisations/taxonomy.ts";
import { EXCHANGE_NOTICES } from "./notification-kinds.ts";

// Matches between haves and wants (issue 12, ADR 0015): for a published listing, the published
// listings of the other kind that could answer it, nearest first. One indexed statement reads the
// candidates already ordered (exchange_listings_category_idx: status, category, kind, region);
// rankMatches (app/features/exchange/matching.ts) gives the exact order.

const l = schema.exchangeListings;

/** At most this many candidates are read and ranked for one listing (the count shown says "200+"). */
export const MATCH_CANDIDATES_MAX = 200;
/** How many matches a listing's page and a new listing's notices consider. */
export const MATCHES_SHOWN = 10;

const REGION_CODES = Object.keys(REGION_NEIGHBOURS) as RegionCode[];

/** A suggested counterpart as the pages show it. Quantity in the smallest unit of `unit`'s dimension. */
export type ListingMatch = MatchableListing & {
  title: string;
  organisationName: string;
  province: string;
  frequency: Frequency;
  hazardous: boolean;
  /** Regional borders between the two listings' regions: 0 same region, 1 neighbouring. */
  distance: number;
};

/** The matches of one listing: the best `matches`, and how many candidates there are (`total`, at most MATCH_CANDIDATES_MAX; `capped` when there may be more). */
export type ListingMatches = { matches: ListingMatch[]; total: number; capped: boolean };

const NONE: ListingMatches = Object.freeze({ matches: [], total: 0, capped: false });

const matchColumns = {
  id: l.id,
  organisationId: l.organisationId,
  kind: l.kind,
  category: l.category,
  unit: l.unit,
  quantity: l.quantity,
  region: l.region,
  availableFrom: l.availableFrom,
  availableUntil: l.availableUntil,
  title: l.title,
  province: l.province,
  frequency: l.frequency,
  hazardous: l.hazardous,
};

/** SQL: borders between `region` and each listing's region, precomputed for the 26 regions (a CASE, no table). */
function distanceFrom(region: RegionCode): SQL<number> {
  const arms = REGION_CODES.map((code) => sql`WHEN ${code} THEN ${regionDistance(region, code)}`);
  return sql<number>`(CASE ${l.region} ${sql.join(arms, sql` `)} ELSE 99 END)`;
}

/** The listing as matching needs it, when it is published, not hidden and its organisation approved; else undefined. */
function matchableListing(listingId: number) {
  return db
    .select({ ...matchColumns, organisationName: organisationNameSql(l.organisationId) })
    .from(l)
    .where(and(eq(l.id, listingId), eq(l.status, "published"), sql`${l.hiddenAt} IS NULL`, approvedOrganisationSql(l.organisationId)))
    .get();
}

/**
 * The candidates for `listing` as one SELECT (not run): through exchange_listings_category_idx
 * (status, category, kind): published, not hidden, of the other kind, the same category, another
 * approved organisation (approvedOrganisationSql), a unit of the same dimension, availability
 * overlapping; ordered as rankMatches orders (region distance, quantity fit, soonest available,
 * oldest) and capped at MATCH_CANDIDATES_MAX. Columns as named by `matchColumns` in SQL
 * (snake case), plus `distance` and `organisationName`.
 */
function candidatesQuery(listing: MatchableListing) {
  const dimension = QUANTITY_UNITS[listing.unit].dimension;
  const units = (Object.keys(QUANTITY_UNITS) as QuantityUnit[]).filter((unit) => QUANTITY_UNITS[unit].dimension === dimension);
  const distance = distanceFrom(listing.region);
  return db
    .select({ ...matchColumns, distance: distance.as("distance"), organisationName: organisationNameSql(l.organisationId).as("organisation_name") })
    .from(l)
    .where(
      and(
        eq(l.status, "published"),
        eq(l.category, listing.category),
        eq(l.kind, listing.kind === "have" ? "want" : "have"),
        sql`${l.hiddenAt} IS NULL`,
        sql`${l.organisationId} <> ${listing.organisationId}`,
        inArray(l.unit, units),
        // Unary "+": compared row by row, never a reason to read exchange_listings_until_idx instead.
        sql`+${l.availableFrom} <= ${listing.availableUntil ?? "9999-12-31"}`,
        sql`+${l.availableUntil} >= ${listing.availableFrom}`,
        approvedOrganisationSql(l.organisationId),
      ),
    )
    .orderBy(
      distance,
      sql`min(${l.quantity}, ${listing.quantity}) * 1.0 / max(${l.quantity}, ${listing.quantity}) DESC`,
      l.availableFrom,
      l.id,
    )
    .limit(MATCH_CANDIDATES_MAX);
}

/**
 * SQL: the candidates of `listing` (candidatesQuery) as one JSON array, for a caller folding them
 * into a statement it runs anyway (the listing's page); read it back with matchesFromJson.
 */
export function candidatesJsonSql(listing: MatchableListing): SQL<string> {
  return sql<string>`(SELECT json_group_array(json_object('id', id, 'organisationId', organisation_id, 'kind', kind, 'category', category, 'unit', unit,
    'quantity', quantity, 'region', region, 'availableFrom', available_from, 'availableUntil', available_until, 'title', title, 'province', province,
    'frequency', frequency, 'hazardous', json(CASE WHEN hazardous THEN 'true' ELSE 'false' END), 'distance', distance, 'organisationName', organisation_name))
    FROM (${candidatesQuery(listing).getSQL()}))`;
}

/** Ranks candidates read for `listing` (rankMatches: the exact order), keeping every one, with the count. */
function ranked(listing: MatchableListing, rows: readonly ListingMatch[]): ListingMatches {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return {
    matches: rankMatches(listing, rows, rows.length).map((match) => ({ ...byId.get(match.listing.id)!, distance: match.distance })),
    total: rows.length,
    capped: rows.length === MATCH_CANDIDATES_MAX,
  };
}

/** The matches of `listing` from candidatesJsonSql's JSON, best first, at most `limit`. */
export function matchesFromJson(listing: MatchableListing, json: string | null, limit = MATCHES_SHOWN): ListingMatches {
  if (json === null) return NONE;
  const all = ranked(listing, JSON.parse(json) as ListingMatch[]);
  return { ...all, matches: all.matches.slice(0, limit) };
}

/** Whether a listing can have matches: published, not hidden, its organisation approved. */
export function isMatchable(listing: { status: string; hiddenAt: Date | null }, organisationApproved: boolean) {
  return listing.status === "published" && listing.hiddenAt === null && organisationApproved;
}

function computeMatches(listingId: number): ListingMatches {
  const listing = matchableListing(listingId);
  if (!listing) return NONE;
  const rows = candidatesQuery(listing as MatchableListing).all() as ListingMatch[];
  return ranked(listing as MatchableListing, rows);
}

const cachedMatches = versionedCache(["exchange", "organisations"], computeMatches);

/**
 * The best counterparts of a listing, best first (at most `limit`), with how many there are:
 * `{ matches: ListingMatch[], total, capped }` (see ListingMatches). Nothing for a listing that is
 * not published, is hidden, or whose organisation is not approved. Two statements (the listing,
 * its candidates), remembered until a listing or an organisation changes (one statement then).
 * Matches are suggestions between organisations that both list publicly: visible to whoever may
 * see the listing.
 */
export function matchesForListing(listingId: number, limit = MATCHES_SHOWN): ListingMatches {
  const all = cachedMatches(listingId);
  return all.matches.length <= limit ? all : { ...all, matches: all.matches.slice(0, limit) };
}

/**
 * After a listing is published, renewed or edited (call it after the transaction commits): its
 * top MATCHES_SHOWN matches not told about before are recorded in exchange_match_notices (INSERT
 * OR IGNORE on the (have, want) pair, in one immediate transaction, so two requests never tell the
 * same pair twice) and the owners and editors of both organisations are told once per pair
 * (exchange.new_match; their preferences decide the channel). `actorId`: who published, never
 * told of their own act. Returns the ids of the newly matched listings.
 */
export function noticeNewMatches(listingId: number, actorId: number | null = null): number[] {
  const listing = matchableListing(listingId);
  if (!listing) return [];
  const { matches } = matchesForListing(listingId);
  if (matches.length === 0) return [];
  const pairs = matches.map((match) =>
    listing.kind === "have" ? { haveListingId: listing.id, wantListingId: match.id, match } : { haveListingId: match.id, wantListingId: listing.id, match },
  );
  const fresh = db.transaction(
    (tx) =>
      pairs.filter(
        (pair) =>
          tx
            .insert(schema.exchangeMatchNotices)
            .values({ haveListingId: pair.haveListingId, wantListingId: pair.wantListingId })
            .onConflictDoNothing()
            .run().changes === 1,
      ),
    { behavior: "immediate" },
  );
  if (fresh.length === 0) return [];
  const ownManagers = managerIds([listing.organisationId]);
  for (const { match } of fresh) {
    // Each side hears about its own listing, naming the other side's listing and organisation.
    notify({
      type: EXCHANGE_NOTICES.newMatch,
      recipients: ownManagers,
      actorId,
      subject: { type: "exchange_listing", id: listing.id },
      data: { matchId: match.id, matchTitle: match.title, matchOrganisation: match.organisationName },
    });
    notify({
      type: EXCHANGE_NOTICES.newMatch,
      recipients: managerIds([match.organisationId]),
      actorId,
      subject: { type: "exchange_listing", id: match.id },
      data: { matchId: listing.id, matchTitle: listing.title, matchOrganisation: listing.organisationName },
    });
  }
  return fresh.map((pair) => pair.match.id);
}

/** How many of their organisations' listings "My work" shows, and how many matches of each. */
export const MY_LISTINGS_MAX = 10;
export const MY_LISTING_MATCHES = 3;

const cachedMyListings = versionedCache(["exchange", "organisations"], (organisationIds: number[]) => {
  const listings = db
    .select({ ...matchColumns, organisationName: organisationNameSql(l.organisationId) })
    .from(l)
    .where(and(inArray(l.organisationId, organisationIds), eq(l.status, "published"), sql`${l.hiddenAt} IS NULL`))
    .orderBy(desc(l.publishedAt), desc(l.id))
    .limit(MY_LISTINGS_MAX)
    .all();
  if (listings.length === 0) return [];
  // Every listing's candidates in one statement (each bounded by MATCH_CANDIDATES_MAX), not two per listing.
  const columns = listings.map((listing, i) => sql`${candidatesJsonSql(listing as MatchableListing)} AS ${sql.identifier(`c${i}`)}`);
  const candidates = db.get<Record<string, string | null>>(sql`SELECT ${sql.join(columns, sql`, `)}`) ?? {};
  return listings.map((listing, i) => ({
    id: listing.id,
    title: listing.title,
    kind: listing.kind,
    organisationName: listing.organisationName,
    ...matchesFromJson(listing as MatchableListing, candidates[`c${i}`] ?? null, MY_LISTING_MATCHES),
  }));
});

/**
 * For "My work": the newest published listings (at most MY_LISTINGS_MAX) of the approved
 * organisations the person belongs to, each with its match count (`total`, `capped`) and best
 * MY_LISTING_MATCHES `matches`: `{ id, title, kind, organisationName, matches, total, capped }[]`.
 * Remembered until a listing or an organisation changes (then one statement); when computed, two
 * statements: the listings (exchange_listings_org_idx), then all their candidates at once.
 */
export function myListingsWithMatches(userId: number) {
  const organisationIds = organisationsOfUser(userId)
    .filter((m) => m.status === "approved")
    .map((m) => m.id)
    .sort((a, b) => a - b);
  return organisationIds.length === 0 ? [] : cachedMyListings(organisationIds);
}
