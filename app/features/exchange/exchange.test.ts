import { describe, expect, test } from "vitest";
import { REGION_CODES } from "#app/features/organisations/taxonomy.ts";
import { rankMatches, type MatchableListing } from "./matching.ts";
import { REGION_NEIGHBOURS, regionDistance } from "./regions.ts";
import { toBaseQuantity } from "./taxonomy.ts";

describe("regions: neighbours and distances", () => {
  test("every one of the 26 regions has neighbours, all of them regions, and borders go both ways", () => {
    expect(Object.keys(REGION_NEIGHBOURS).sort()).toEqual([...REGION_CODES].sort());
    for (const [region, neighbours] of Object.entries(REGION_NEIGHBOURS)) {
      expect(neighbours.length, region).toBeGreaterThan(0);
      expect(neighbours, region).not.toContain(region);
      for (const other of neighbours) expect(REGION_NEIGHBOURS[other], `${other} → ${region}`).toContain(region);
    }
  });

  test("distances in borders crossed, worked out on the map", () => {
    expect(regionDistance("LAM", "LAM")).toBe(0);
    expect(regionDistance("LAM", "PIU")).toBe(1);
    expect(regionDistance("CAL", "LMA")).toBe(1);
    // Callao → Lima Metropolitana → Lima Provincias → Áncash.
    expect(regionDistance("CAL", "ANC")).toBe(3);
    // Tumbes → Piura → Cajamarca or Lambayeque → La Libertad → Áncash.
    expect(regionDistance("TUM", "ANC")).toBe(4);
    // Cusco and Puno share a border; Tacna is two away from Cusco (through Puno).
    expect(regionDistance("CUS", "PUN")).toBe(1);
    expect(regionDistance("CUS", "TAC")).toBe(2);
    expect(regionDistance("TAC", "CUS")).toBe(2);
    // Every region reaches every other: no island in the table.
    for (const a of REGION_CODES) for (const b of REGION_CODES) expect(Number.isInteger(regionDistance(a, b))).toBe(true);
  });
});

describe("quantities in the smallest unit", () => {
  test("tonnes and kilograms in grams, m³ in litres, kWh in watt-hours, integers", () => {
    expect(toBaseQuantity(2.5, "t")).toBe(2_500_000);
    expect(toBaseQuantity(0.75, "kg")).toBe(750);
    expect(toBaseQuantity(3, "m3")).toBe(3_000);
    expect(toBaseQuantity(1.2, "kwh")).toBe(1_200);
    expect(toBaseQuantity(40, "units")).toBe(40);
  });

  test("zero, negative, absurd or not a number: refused", () => {
    for (const amount of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1e300, 0.0001]) expect(toBaseQuantity(amount, "kg"), String(amount)).toBeNull();
  });
});

describe("matching order", () => {
  // Rice husk offered in Lambayeque, 20 t a month, from March to December 2027.
  const husk: MatchableListing = {
    id: 1, organisationId: 10, kind: "have", category: "agro_residues", unit: "t", quantity: 20_000_000, region: "LAM",
    availableFrom: "2027-03-01", availableUntil: "2027-12-31",
  };
  const want = (id: number, over: Partial<MatchableListing>): MatchableListing => ({
    id, organisationId: 100 + id, kind: "want", category: "agro_residues", unit: "kg", quantity: 20_000_000, region: "LAM",
    availableFrom: "2027-01-01", availableUntil: null, ...over,
  });

  test("same region first, then neighbours, then by borders crossed; within a distance the better quantity fit", () => {
    const candidates = [
      want(2, { region: "CUS" }), // far
      want(3, { region: "PIU", quantity: 10_000_000 }), // neighbour, half the quantity
      want(4, { region: "LAM", quantity: 5_000_000 }), // same region, a quarter
      want(5, { region: "CAJ" }), // neighbour, exact quantity
      want(6, { region: "LAM" }), // same region, exact quantity
      want(7, { region: "TUM" }), // two borders away
    ];
    const ranked = rankMatches(husk, candidates);
    expect(ranked.map((m) => m.listing.id)).toEqual([6, 4, 5, 3, 7, 2]);
    expect(ranked.map((m) => m.distance)).toEqual([0, 0, 1, 1, 2, regionDistance("LAM", "CUS")]);
    expect(ranked[1]!.quantityFit).toBe(0.25);
  });

  test("only the other kind, another organisation, the same category, a unit of the same dimension, overlapping dates", () => {
    const candidates = [
      want(2, {}),
      want(3, { kind: "have" }), // same kind
      want(4, { organisationId: husk.organisationId }), // the same organisation
      want(5, { category: "wood" }), // another category
      want(6, { unit: "m3", quantity: 20_000 }), // volume, not mass
      want(7, { availableFrom: "2028-01-01" }), // starts after the husk's window
      want(8, { availableFrom: "2026-01-01", availableUntil: "2027-02-28" }), // ends before it
      want(9, { availableFrom: "2026-01-01", availableUntil: "2027-03-01" }), // shares its first day
    ];
    // Both in Lambayeque with the same quantity: 9 is available sooner (2026) than 2 (2027).
    expect(rankMatches(husk, candidates).map((m) => m.listing.id)).toEqual([9, 2]);
  });

  test("ties: the one available soonest, then the oldest listing; at most `limit`", () => {
    const candidates = [want(5, { availableFrom: "2027-02-01" }), want(3, {}), want(4, {})];
    expect(rankMatches(husk, candidates).map((m) => m.listing.id)).toEqual([3, 4, 5]);
    expect(rankMatches(husk, candidates, 2).map((m) => m.listing.id)).toEqual([3, 4]);
  });
});
