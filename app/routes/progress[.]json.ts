import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachmentHeader } from "#app/.server/downloads.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { progressDataset } from "#app/.server/reporting/index.ts";
import { translate } from "#app/i18n.ts";

/**
 * The progress dashboard's whole dataset as JSON, public data only. Field names are stable; see
 * `ProgressDataset` in app/.server/reporting/index.ts for every field: `members` (total,
 * byActorType, overTime, overTimeByActorType, byRegion), `signatories` (total, overTime),
 * `initiatives` (total, byRegion, byLine, partnerCounts, topByPartners), `indicators` (one entry per
 * indicator code with its `unit` and totals by year, roadmap and region) and `events` (per year).
 * Months are "YYYY-MM" and years "YYYY" in Lima; regions are the codes of the region list.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  // Downloaded under a name in the reader's language (avances.json, progress.json), as the CSVs are.
  const name = translate(getLocale(request), "progress.report.filename");
  return Response.json(progressDataset(), { headers: { "Cache-Control": "no-store", "Content-Disposition": attachmentHeader(name, "json") } });
}
