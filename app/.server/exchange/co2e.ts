// CO₂e avoided by confirmed exchanges (issue 12): the published factor of each category
// (app/features/exchange/co2e-factors.ts) times the tonnes moved. An estimate, always shown with
// its factor and source; categories without a factor add nothing and say so.
import { CO2E_FACTORS, type Co2eSource } from "#app/features/exchange/co2e-factors.ts";
import type { MaterialCategory } from "#app/features/exchange/taxonomy.ts";

/** One category's share of an estimate. `kg` and `kgPerTonne` are null when it has no factor. */
export type Co2eLine = {
  category: MaterialCategory;
  grams: number;
  exchanges: number;
  kgPerTonne: number | null;
  sourceId: string | null;
  kg: number | null;
};

/**
 * An estimate of CO₂e avoided: `kg` (sum over categories with a factor, kg CO₂e), `categories`
 * (each with its factor, or none), `sources` (the sources used, for the note beside the figure)
 * and `gramsWithoutFactor` (tonnes that count in the indicators but not in the estimate).
 */
export type Co2eSummary = { kg: number; categories: Co2eLine[]; sources: Co2eSource[]; gramsWithoutFactor: number };

/**
 * The CO₂e estimate for grams moved per category: kg = Σ grams / 10⁶ × factor (kg CO₂e per
 * tonne), each category rounded to the kg. Pure.
 */
export function summariseCo2e(rows: ReadonlyArray<{ category: MaterialCategory; grams: number; exchanges: number }>): Co2eSummary {
  const sources = new Map<string, Co2eSource>();
  let kg = 0;
  let gramsWithoutFactor = 0;
  const categories = rows.map((row): Co2eLine => {
    const factor = CO2E_FACTORS[row.category];
    if (!factor) {
      gramsWithoutFactor += row.grams;
      return { ...row, kgPerTonne: null, sourceId: null, kg: null };
    }
    sources.set(factor.source.id, factor.source);
    const lineKg = Math.round((row.grams / 1_000_000) * factor.kgPerTonne);
    kg += lineKg;
    return { ...row, kgPerTonne: factor.kgPerTonne, sourceId: factor.source.id, kg: lineKg };
  });
  return { kg, categories, sources: [...sources.values()], gramsWithoutFactor };
}
