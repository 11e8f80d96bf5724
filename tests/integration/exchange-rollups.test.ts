import { beforeAll, describe, expect, test } from "vitest";
import {
  exchangeTotalsByRoadmapLine,
  exchangeTotalsOfInitiative,
  exchangeTotalsOfOrganisation,
  exchangeOverview,
  exchangesByMonth,
  gramsToStoredIndicator,
  organisationExchangeTotalsSql,
  recordExchange,
  respondToExchange,
  roadmapExchangeTotals,
  summariseMonths,
} from "#app/.server/exchange/index.ts";
import { proposeInitiative } from "#app/.server/initiatives/index.ts";
import { postProgressUpdate } from "#app/.server/initiatives/mutations.ts";
import { progressDataset } from "#app/.server/reporting/index.ts";
import { loader as initiativeLoader } from "#app/routes/initiatives.$slug._index.tsx";
import { loader as organisationLoader } from "#app/routes/organisations.$slug._index.tsx";
import { loader as roadmapLoader } from "#app/routes/roadmaps.$sector.tsx";
import { callRoute } from "./call-route.ts";
import { recordStatements } from "./query-audit.ts";
import { sql } from "drizzle-orm";
import { db, sqlite } from "#app/.server/db.ts";
import { CO2E_FACTORS, EPA_WARM_RECYCLED_VS_LANDFILLED, ROLLUP_CATEGORIES } from "#app/features/exchange/co2e-factors.ts";
import type { ExchangeRecordInput } from "#app/features/exchange/exchange-schemas.ts";
import type { QuantityUnit } from "#app/features/exchange/taxonomy.ts";
import { makeListingRow } from "#tests/factories/exchange.ts";
import { advanceTo, makeInitiativeInput } from "./initiative-world.ts";
import { makeOrganisation, makePerson, type Person } from "./world.ts";

// Roll-ups of confirmed exchanges into the indicators, against figures worked out by hand from the
// fixture below (this file's database holds nothing else).
//
// Organisations: A (a mill), B (a cooperative), C (a recycler). Initiatives: I1 (agriculture,
// open, led by A), I2 (industry / waste valorisation, open, led by C), D (a draft led by A).
//
//  listing (owner, kind, category, unit, initiative) | exchange                          | counts?
//  L1 A have agro_residues t I1                      | A→B 2.5 t 2026-03-10 confirmed     | yes
//                                                    | A→B 1 t pending                    | no (pending)
//                                                    | A→B 0.5 t declined                 | no (declined)
//  L2 C have plastic_pet kg I2                       | C→B 800 kg 2026-04-02 confirmed    | yes
//                                                    | C→A 1,200 kg 2025-11-20 confirmed  | yes
//  L3 A have logistics_storage t                     | A→B 3 t confirmed                  | no (not a material)
//  L4 B have food_organics m³                        | B→C 4 m³ confirmed                 | no (not mass)
//  L5 A have paper_cardboard t D                     | A→C 2 t 2026-05-05 confirmed       | yes (not on roadmaps: D is a draft)
//
// Besides, I1 reported 10 t of waste diverted in a progress update (February 2026).
//
// The factor: 2.94 t CO₂e per short ton (0.90718474 t) → 2940 / 0.90718474 = 3240.79 → 3241 kg
// per tonne, for paper and cardboard and plastics; agro residues have no factor.
const FACTOR = 3241;

const TODAY = "2026-06-15";
let A: { id: number; slug: string }, B: { id: number; slug: string }, C: { id: number; slug: string };
let I1: number, I2: number, D: number;
let I1slug = "";

function exchange(recorder: Person, answerer: Person, listingId: number, counterpartId: number | undefined, quantity: number, unit: QuantityUnit, occurredOn: string, answer?: "confirm" | "decline") {
  const input: ExchangeRecordInput = { actingOrganisationId: undefined, counterpartOrganisationId: counterpartId, counterpartName: undefined, occurredOn, unit, baseQuantity: quantity, valueCents: null };
  const recorded = recordExchange(recorder.user, listingId, input, { today: TODAY });
  if (!recorded.ok) throw new Error(recorded.error);
  if (answer) {
    const answered = respondToExchange(answerer.user, recorded.exchangeId, answer);
    if (!answered.ok) throw new Error(answered.error);
  }
}

beforeAll(() => {
  const [a, b, c] = [makePerson(), makePerson(), makePerson()];
  A = makeOrganisation(a);
  B = makeOrganisation(b);
  C = makeOrganisation(c);
  const initiative = (owner: Person, leadId: number, overrides: Parameters<typeof makeInitiativeInput>[1], open: boolean) => {
    const proposed = proposeInitiative(owner.user.id, makeInitiativeInput(leadId, overrides));
    if (!proposed.ok) throw new Error("initiative");
    if (open) advanceTo(proposed.initiative.id, owner.user.id, "open");
    if (leadId === A.id && open) I1slug = proposed.initiative.slug;
    return proposed.initiative.id;
  };
  I1 = initiative(a, A.id, { roadmap: "agriculture" }, true);
  const update = postProgressUpdate(I1, a.user.id, { organisationId: A.id, reportedOn: "2026-02-01", body: "Primer lote", indicators: { waste_diverted_t: "10" } });
  if (!update.ok) throw new Error("update");
  I2 = initiative(c, C.id, { roadmap: "industry", approach: "waste_valorisation" }, true);
  D = initiative(a, A.id, { roadmap: "services" }, false);

  const L1 = makeListingRow(A.id, { initiativeId: I1 });
  exchange(a, b, L1.id, B.id, 2_500_000, "t", "2026-03-10", "confirm");
  exchange(a, b, L1.id, B.id, 1_000_000, "t", "2026-03-11");
  exchange(a, b, L1.id, B.id, 500_000, "t", "2026-03-12", "decline");
  const L2 = makeListingRow(C.id, { category: "plastic_pet", unit: "kg", quantity: 5_000_000, initiativeId: I2 });
  exchange(c, b, L2.id, B.id, 800_000, "kg", "2026-04-02", "confirm");
  exchange(a, c, L2.id, undefined, 1_200_000, "kg", "2025-11-20", "confirm");
  const L3 = makeListingRow(A.id, { category: "logistics_storage" });
  exchange(a, b, L3.id, B.id, 3_000_000, "t", "2026-04-20", "confirm");
  const L4 = makeListingRow(B.id, { category: "food_organics", unit: "m3", quantity: 10_000 });
  exchange(b, c, L4.id, C.id, 4_000, "m3", "2026-04-21", "confirm");
  const L5 = makeListingRow(A.id, { category: "paper_cardboard", initiativeId: D });
  exchange(a, c, L5.id, C.id, 2_000_000, "t", "2026-05-05", "confirm");
});

describe("factors", () => {
  test("the factor is the published figure per metric tonne, and only material categories roll up", () => {
    expect(EPA_WARM_RECYCLED_VS_LANDFILLED.perShortTon).toBe(2.94);
    expect(CO2E_FACTORS.paper_cardboard?.kgPerTonne).toBe(FACTOR);
    expect(CO2E_FACTORS.agro_residues).toBeUndefined();
    for (const excluded of ["energy_heat", "equipment_machinery", "logistics_storage", "services_knowhow"] as const) {
      expect(ROLLUP_CATEGORIES).not.toContain(excluded);
      expect(CO2E_FACTORS[excluded]).toBeUndefined();
    }
  });
});

describe("per organisation", () => {
  test("A: diverted 2.5 t agro + 2 t paper (2 exchanges), used 1.2 t PET (1); CO₂e 2 × 3241 + 1.2 × 3241", () => {
    const totals = exchangeTotalsOfOrganisation(A.id);
    expect([totals.diverted.grams, totals.diverted.exchanges]).toEqual([4_500_000, 2]);
    expect([totals.used.grams, totals.used.exchanges]).toEqual([1_200_000, 1]);
    expect(gramsToStoredIndicator(totals.diverted.grams)).toBe(4500); // 4.5 t stored ×1000
    expect(totals.all.co2e.kg).toBe(2 * FACTOR + Math.round(1.2 * FACTOR));
    expect(totals.all.co2e.gramsWithoutFactor).toBe(2_500_000);
    expect(totals.all.co2e.sources.map((s) => s.id)).toEqual([EPA_WARM_RECYCLED_VS_LANDFILLED.id]);
  });

  test("B: diverted nothing (its organics were in m³), used 2.5 t + 0.8 t (2 exchanges); CO₂e of the 0.8 t PET only", () => {
    const totals = exchangeTotalsOfOrganisation(B.id);
    expect([totals.diverted.grams, totals.diverted.exchanges]).toEqual([0, 0]);
    expect([totals.used.grams, totals.used.exchanges]).toEqual([3_300_000, 2]);
    expect(totals.all.co2e.kg).toBe(Math.round(0.8 * FACTOR));
  });

  test("C: diverted 0.8 + 1.2 t PET (2), used 2 t paper (1)", () => {
    const totals = exchangeTotalsOfOrganisation(C.id);
    expect([totals.diverted.grams, totals.diverted.exchanges]).toEqual([2_000_000, 2]);
    expect([totals.used.grams, totals.used.exchanges]).toEqual([2_000_000, 1]);
    expect(totals.all.co2e.kg).toBe(2 * FACTOR + 2 * FACTOR);
  });
});

describe("per initiative and roadmap", () => {
  test("I1: 2.5 t agro, no CO₂e factor; I2: 2 t PET; D (a draft) 2 t paper", () => {
    expect(exchangeTotalsOfInitiative(I1)).toMatchObject({ grams: 2_500_000, exchanges: 1, co2e: { kg: 0, gramsWithoutFactor: 2_500_000 } });
    expect(exchangeTotalsOfInitiative(I2)).toMatchObject({ grams: 2_000_000, exchanges: 2, co2e: { kg: 2 * FACTOR } });
    expect(exchangeTotalsOfInitiative(D)).toMatchObject({ grams: 2_000_000, exchanges: 1 });
  });

  test("roadmap lines count public initiatives only: agriculture 2.5 t, industry/waste valorisation 2 t, services nothing", () => {
    const lines = exchangeTotalsByRoadmapLine();
    expect(lines.map((l) => [l.roadmap, l.approach, l.totals.grams, l.totals.exchanges]).sort()).toEqual(
      [
        ["agriculture", null, 2_500_000, 1],
        ["industry", "waste_valorisation", 2_000_000, 2],
      ].sort(),
    );
    expect(roadmapExchangeTotals(lines, "industry")).toMatchObject({ grams: 2_000_000, exchanges: 2, co2e: { kg: 2 * FACTOR } });
    expect(roadmapExchangeTotals(lines, "services")).toMatchObject({ grams: 0, exchanges: 0, co2e: { kg: 0 } });
  });
});

describe("alliance-wide", () => {
  test("per month and year: 2025-11 1.2 t; 2026-03 2.5 t; 2026-04 0.8 t; 2026-05 2 t — 6.5 t in 4 exchanges", () => {
    const rows = exchangesByMonth();
    const summary = summariseMonths(rows);
    expect(summary.months.map((m) => [m.month, m.grams, m.exchanges])).toEqual([
      ["2025-11", 1_200_000, 1],
      ["2026-03", 2_500_000, 1],
      ["2026-04", 800_000, 1],
      ["2026-05", 2_000_000, 1],
    ]);
    expect(summary.years).toEqual([
      { year: "2025", grams: 1_200_000, exchanges: 1 },
      { year: "2026", grams: 5_300_000, exchanges: 3 },
    ]);
    expect([summary.totals.grams, summary.totals.exchanges]).toEqual([6_500_000, 4]);
    expect(summary.totals.co2e.kg).toBe(Math.round(1.2 * FACTOR) + Math.round(0.8 * FACTOR) + 2 * FACTOR);
    expect(summariseMonths(exchangesByMonth({ from: "2026-04-01", to: "2026-05-01" })).totals.grams).toBe(800_000);
  });
});

describe("on the pages: added to the indicator totals, with the part from exchanges shown", () => {
  const BASE = "http://localhost:3000";
  const load = async (handler: Parameters<typeof callRoute>[0], url: string, params: Record<string, string>) =>
    (await callRoute((args) => handler({ ...args, params }), { url: `${BASE}${url}` })).data as Record<string, unknown>;

  test("organisation page: A diverted 4.5 t, used 1.2 t; CO₂e 10,371 kg", async () => {
    const data = await load(organisationLoader, `/organisations/${A.slug}`, { slug: A.slug });
    const totals = data.exchangeTotals as ReturnType<typeof exchangeTotalsOfOrganisation>;
    expect([totals.diverted.grams, totals.used.grams, totals.all.co2e.kg]).toEqual([4_500_000, 1_200_000, 2 * FACTOR + Math.round(1.2 * FACTOR)]);
  });

  test("initiative page: I1's 10 t reported + 2.5 t exchanged = 12.5 t diverted; 2.5 t secondary material", async () => {
    const data = await load(initiativeLoader, `/initiatives/${I1slug}`, { slug: I1slug });
    expect(data.totals).toMatchObject({ waste_diverted_t: 12_500, secondary_material_t: 2_500 });
    expect(data.exchanged).toMatchObject({ grams: 2_500_000, exchanges: 1 });
  });

  test("roadmap page: agriculture's line 12.5 t diverted, 2.5 t secondary material; 2.5 t from 1 exchange", async () => {
    const data = await load(roadmapLoader, "/roadmaps/agriculture", { sector: "agriculture" });
    const [line] = data.lines as Array<{ totals: Record<string, number> }>;
    expect(line!.totals).toMatchObject({ waste_diverted_t: 12_500, secondary_material_t: 2_500 });
    expect(data.exchanged).toMatchObject({ grams: 2_500_000, exchanges: 1, co2e: { kg: 0 } });
    const industry = await load(roadmapLoader, "/roadmaps/industry", { sector: "industry" });
    const valorisation = (industry.lines as Array<{ approach: string; totals: Record<string, number> }>).find((l) => l.approach === "waste_valorisation")!;
    expect(valorisation.totals).toMatchObject({ waste_diverted_t: 2_000, secondary_material_t: 2_000 });
  });

  test("/progress: 10 t reported + 6.5 t exchanged = 16.5 t diverted (2025: 1.2, 2026: 15.3); 6.5 t secondary material", () => {
    const dataset = progressDataset();
    const diverted = dataset.indicators.find((i) => i.indicator === "waste_diverted_t")!;
    const used = dataset.indicators.find((i) => i.indicator === "secondary_material_t")!;
    expect(diverted.total).toBe(16.5);
    expect(diverted.byYear).toEqual([
      { year: "2025", value: 1.2 },
      { year: "2026", value: 15.3 },
    ]);
    expect(diverted.fromExchanges).toEqual({ value: 6.5, exchanges: 4 });
    expect(used.total).toBe(6.5);
    expect(dataset.indicators.find((i) => i.indicator === "water_saved_m3")!.fromExchanges).toBeNull();
    expect(dataset.exchanges.total).toEqual({ tonnes: 6.5, exchanges: 4, co2eT: (4 * FACTOR) / 1000 });
    expect(dataset.exchanges.months.map((m) => m.month)).toEqual(["2025-11", "2026-03", "2026-04", "2026-05"]);
  });
});

describe("query plans: read from indexes, never a whole table", () => {
  const scansOf = async (run: () => unknown) => {
    const { statements } = await recordStatements(run);
    return statements.flatMap((statement) =>
      (sqlite.prepare(`EXPLAIN QUERY PLAN ${statement.source}`).all(...statement.params) as Array<{ detail: string }>)
        .map((row) => row.detail)
        .filter((line) => /^SCAN (exchanges|exchange_listings)\b/.test(line)),
    );
  };

  test("an organisation's totals (supplier and receiver indexes), per month, and the overview", async () => {
    expect(await scansOf(() => db.get(sql`SELECT ${organisationExchangeTotalsSql(A.id)} AS totals`))).toEqual([]);
    expect(await scansOf(() => exchangesByMonth())).toEqual([]);
    // A write first, so the overview's cache misses and its statements run.
    makeListingRow(A.id, { title: "Para el plan" });
    expect(await scansOf(() => exchangeOverview())).toEqual([]);
  });
});
