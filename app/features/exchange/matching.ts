import type { RegionCode } from "#app/features/organisations/taxonomy.ts";
import { regionDistance } from "./regions.ts";
import { QUANTITY_UNITS, type ListingKind, type MaterialCategory, type QuantityUnit } from "./taxonomy.ts";

/**
 * What matching needs of a listing: `quantity` in the smallest unit of `unit`'s dimension (grams,
 * litres, watt-hours, units), availability as Lima calendar days "YYYY-MM-DD" (`availableUntil`
 * null: open-ended).
 */
export type MatchableListing = {
  id: number;
  organisationId: number;
  kind: ListingKind;
  category: MaterialCategory;
  unit: QuantityUnit;
  quantity: number;
  region: RegionCode;
  availableFrom: string;
  availableUntil: string | null;
};

/** A suggested counterpart: `distance` in regional borders (0 same region), `quantityFit` in (0, 1], 1 when the quantities are equal. */
export type SuggestedMatch = { listing: MatchableListing; distance: number; quantityFit: number };

/** Whether two availability windows share at least one day. */
function overlaps(a: MatchableListing, b: MatchableListing) {
  return (a.availableUntil === null || b.availableFrom <= a.availableUntil) && (b.availableUntil === null || a.availableFrom <= b.availableUntil);
}

/**
 * The best counterparts of `listing` among `candidates`, best first, at most `limit` (issue 12):
 * only listings of the other kind (a have meets wants), of another organisation, of the same
 * material category, in a unit of the same dimension (tonnes match kilograms, not m³), whose
 * availability overlaps. Ordered nearest region first (same region, then neighbouring regions,
 * then by borders crossed: REGION_NEIGHBOURS), then by how well the quantities fit (the smaller
 * over the larger), then the one available soonest, then the oldest listing (lowest id), so the
 * order is total and stable.
 */
export function rankMatches(listing: MatchableListing, candidates: readonly MatchableListing[], limit = 10): SuggestedMatch[] {
  const dimension = QUANTITY_UNITS[listing.unit].dimension;
  return candidates
    .filter(
      (c) =>
        c.kind !== listing.kind &&
        c.organisationId !== listing.organisationId &&
        c.category === listing.category &&
        QUANTITY_UNITS[c.unit].dimension === dimension &&
        overlaps(listing, c),
    )
    .map((c) => ({
      listing: c,
      distance: regionDistance(listing.region, c.region),
      quantityFit: Math.min(c.quantity, listing.quantity) / Math.max(c.quantity, listing.quantity),
    }))
    .sort(
      (a, b) =>
        a.distance - b.distance ||
        b.quantityFit - a.quantityFit ||
        a.listing.availableFrom.localeCompare(b.listing.availableFrom) ||
        a.listing.id - b.listing.id,
    )
    .slice(0, limit);
}
