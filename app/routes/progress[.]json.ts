import { progressDataset } from "#app/.server/reporting/index.ts";

/**
 * The progress dashboard's whole dataset as JSON, public data only. Field names are stable; see
 * `ProgressDataset` in app/.server/reporting/index.ts for every field: `members` (total,
 * byActorType, overTime, overTimeByActorType, byRegion), `signatories` (total, overTime),
 * `initiatives` (total, byRegion, byLine, partnerCounts, topByPartners), `indicators` (one entry per
 * indicator code with its `unit` and totals by year, roadmap and region) and `events` (per year).
 * Months are "YYYY-MM" and years "YYYY" in Lima; regions are the codes of the region list.
 */
export async function loader() {
  return Response.json(progressDataset(), { headers: { "Cache-Control": "no-store" } });
}
