import { db, schema } from "#app/.server/db.ts";
import type { ExchangeListing } from "#db/schema/exchange.ts";

type ListingRow = typeof schema.exchangeListings.$inferInsert;

/**
 * A listing row for tests that need one before the listing forms exist (or need a state the
 * forms reach only over time): a published "have" of 5 t/month of rice husk in Lambayeque,
 * available all of 2026, unless overridden. Quantity in grams.
 */
export function makeListingRow(organisationId: number, overrides: Partial<ListingRow> = {}): ExchangeListing {
  return db
    .insert(schema.exchangeListings)
    .values({
      organisationId,
      kind: "have",
      title: "Cascarilla de arroz",
      category: "agro_residues",
      description: "Cascarilla seca de molino, en sacos.",
      quantity: 5_000_000,
      unit: "t",
      frequency: "monthly",
      region: "LAM",
      province: "Chiclayo",
      availableFrom: "2026-01-01",
      availableUntil: "2026-12-31",
      status: "published",
      publishedAt: new Date(),
      ...overrides,
    })
    .returning()
    .get();
}
