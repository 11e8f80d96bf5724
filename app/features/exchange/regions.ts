import { REGION_CODES, type RegionCode } from "#app/features/organisations/taxonomy.ts";

/**
 * Which of Peru's 26 regions share a land border, for matching listings nearest first (issue 12).
 * Source: the political division of Peru (Instituto Geográfico Nacional, Mapa Político del Perú;
 * INEI, Perú: Mapa de división política), read region by region. Lima Metropolitana (the province
 * of Lima) and Callao are separate units here, as in the rest of the platform: Callao borders only
 * Lima Metropolitana, which also borders Lima Provincias. Borders with other countries and the sea
 * are not adjacency. Symmetric by construction (a test checks it).
 */
export const REGION_NEIGHBOURS: Readonly<Record<RegionCode, readonly RegionCode[]>> = {
  TUM: ["PIU"],
  PIU: ["TUM", "LAM", "CAJ"],
  LAM: ["PIU", "CAJ", "LAL"],
  CAJ: ["PIU", "LAM", "LAL", "AMA"],
  AMA: ["CAJ", "LAL", "SAM", "LOR"],
  LOR: ["AMA", "SAM", "HUC", "UCA"],
  SAM: ["AMA", "LOR", "HUC", "LAL"],
  LAL: ["LAM", "CAJ", "AMA", "SAM", "HUC", "ANC"],
  ANC: ["LAL", "HUC", "LIM"],
  HUC: ["LAL", "SAM", "LOR", "UCA", "PAS", "LIM", "ANC"],
  UCA: ["LOR", "HUC", "PAS", "JUN", "CUS", "MDD"],
  PAS: ["HUC", "UCA", "JUN", "LIM"],
  JUN: ["PAS", "UCA", "CUS", "AYA", "HUV", "LIM"],
  LIM: ["ANC", "HUC", "PAS", "JUN", "HUV", "ICA", "LMA"],
  LMA: ["LIM", "CAL"],
  CAL: ["LMA"],
  HUV: ["JUN", "LIM", "ICA", "AYA"],
  ICA: ["LIM", "HUV", "AYA", "ARE"],
  AYA: ["JUN", "HUV", "ICA", "ARE", "APU", "CUS"],
  APU: ["AYA", "CUS", "ARE"],
  CUS: ["UCA", "JUN", "AYA", "APU", "ARE", "PUN", "MDD"],
  MDD: ["UCA", "CUS", "PUN"],
  PUN: ["MDD", "CUS", "ARE", "MOQ", "TAC"],
  ARE: ["ICA", "AYA", "APU", "CUS", "PUN", "MOQ"],
  MOQ: ["ARE", "PUN", "TAC"],
  TAC: ["MOQ", "PUN"],
};

/** Every region's distance in borders crossed from every other (breadth-first over REGION_NEIGHBOURS). */
const DISTANCES: ReadonlyMap<RegionCode, ReadonlyMap<RegionCode, number>> = new Map(
  REGION_CODES.map((from) => {
    const seen = new Map<RegionCode, number>([[from, 0]]);
    const queue: RegionCode[] = [from];
    for (let i = 0; i < queue.length; i++) {
      const here = queue[i]!;
      for (const next of REGION_NEIGHBOURS[here]) {
        if (!seen.has(next)) {
          seen.set(next, seen.get(here)! + 1);
          queue.push(next);
        }
      }
    }
    return [from, seen];
  }),
);

/**
 * How many regional borders separate two regions: 0 for the same region, 1 for neighbours, and so
 * on (Tumbes to Tacna is the longest). Throws for a code that is not a region (callers validate).
 */
export function regionDistance(a: RegionCode, b: RegionCode): number {
  const distance = DISTANCES.get(a)?.get(b);
  if (distance === undefined) throw new RangeError(`not a region pair: ${a}, ${b}`);
  return distance;
}
