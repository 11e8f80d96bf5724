// CO₂e avoided by confirmed exchanges (issue 12): the factors, their source, and which categories
// count in the indicator roll-ups. Facts only; the arithmetic over the database is in
// app/.server/exchange/co2e.ts and rollups.ts.
import { MATERIAL_CATEGORIES, type MaterialCategory } from "./taxonomy.ts";

/**
 * Categories that are materials (residues, by-products, secondary raw materials), whose confirmed
 * exchanges in a unit of mass add to the indicators "waste diverted or valorised" (counted to the
 * supplier) and "secondary raw material used" (counted to the receiver). Energy or heat,
 * equipment, logistics capacity and services are exchanged too, but are not tonnes of material.
 */
export const NOT_MATERIAL: readonly MaterialCategory[] = ["energy_heat", "equipment_machinery", "logistics_storage", "services_knowhow"];
/** The material categories whose confirmed exchanges by mass count in the tonnes indicators: every category but NOT_MATERIAL. */
export const ROLLUP_CATEGORIES: readonly MaterialCategory[] = MATERIAL_CATEGORIES.filter((c) => !NOT_MATERIAL.includes(c));

/** Units of mass (stored in grams): only these count in the tonnes indicators. */
export const MASS_UNITS = ["t", "kg"] as const;

/** One short ton (2,000 lb) in metric tonnes: 0.90718474 t exactly. */
export const SHORT_TON_IN_TONNES = 0.90718474;

/**
 * Where a factor comes from. `perShortTon` is the published figure (metric tonnes CO₂e per short
 * ton, as WARM gives it); the factor used is that figure per metric tonne, in kg.
 */
export type Co2eSource = {
  id: string;
  publisher: string;
  title: string;
  version: string;
  year: number;
  url: string;
  /** t CO₂e avoided per short ton, as published. */
  perShortTon: number;
  /** What the published figure describes, in English (the page words it in the reader's language). */
  basis: string;
};

/**
 * US EPA, Waste Reduction Model (WARM) version 15 (EPA 2019), as used by the EPA Greenhouse Gas
 * Equivalencies Calculator ("Calculations and References", section "Tons of waste recycled
 * instead of landfilled"): 2.94 metric tons CO₂e avoided per short ton of waste recycled instead
 * of landfilled. It is the average for the mix of recyclables the calculator assumes, not a
 * material-specific WARM factor: applied below only to the dry recyclables (paper and cardboard,
 * plastics, glass, metals), and shown as an estimate with its basis. Material-specific WARM
 * factors (recycling or composting versus landfilling, per material) can replace it category by
 * category: add a source and point the category at it.
 */
export const EPA_WARM_RECYCLED_VS_LANDFILLED: Co2eSource = {
  id: "epa-warm15-recycled-vs-landfilled",
  publisher: "US EPA",
  // The document's own name only: the words around it (the calculator that uses the average) are
  // translated, in `xr.co2e.basis.<id>` (app/locales/*/exchange-records.ts).
  title: "Waste Reduction Model (WARM)",
  version: "WARM 15",
  year: 2019,
  url: "https://www.epa.gov/energy/greenhouse-gases-equivalencies-calculator-calculations-and-references",
  perShortTon: 2.94,
  basis: "average of recyclables recycled instead of landfilled",
};

export const CO2E_SOURCES: readonly Co2eSource[] = [EPA_WARM_RECYCLED_VS_LANDFILLED];

/** kg CO₂e per metric tonne from a source's published t CO₂e per short ton, rounded to the kg. */
export function kgPerTonne(source: Co2eSource) {
  return Math.round((source.perShortTon * 1000) / SHORT_TON_IN_TONNES);
}

/**
 * The factor of each category that has a defensible one: `{ kgPerTonne, source }`. Categories not
 * listed have NO factor (organics, agro residues, wood, textiles, construction and demolition
 * waste, WEEE, sludges, used oils: their avoided emissions depend on what they replace and how they
 * would otherwise be handled, and no single published figure fits them here); their tonnes still
 * count in the indicators, never in CO₂e.
 */
export const CO2E_FACTORS: Partial<Record<MaterialCategory, { kgPerTonne: number; source: Co2eSource }>> = Object.fromEntries(
  (
    [
      "paper_cardboard",
      "plastic_pet",
      "plastic_hdpe",
      "plastic_ldpe",
      "plastic_pp",
      "plastic_ps",
      "plastic_mixed",
      "glass",
      "metals",
    ] as const
  ).map((category) => [category, { kgPerTonne: kgPerTonne(EPA_WARM_RECYCLED_VS_LANDFILLED), source: EPA_WARM_RECYCLED_VS_LANDFILLED }]),
);
