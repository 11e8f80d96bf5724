import type { LoaderFunctionArgs } from "@remix-run/node";
import { directoryExport } from "#app/.server/organisations/index.ts";
import { parseDirectoryFilters } from "#app/features/organisations/directory-filters.ts";
import { toCsv } from "#app/utils/csv.ts";
import { attachmentHeader } from "#app/.server/downloads.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { translate } from "#app/i18n.ts";

// The directory as CSV, with the same filters as the page and public fields only.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const rows = directoryExport(parseDirectoryFilters(url.searchParams));
  const header = [
    "name", "acronym", "ruc", "actor_type", "company_size", "hq_region", "operating_regions", "roadmaps",
    "value_chains", "website", "contact_email", "founded_year", "pact_signed_on", "profile_url",
  ];
  const body = rows.map((r) => [
    r.name, r.acronym, r.ruc, r.actorType, r.companySize, r.hqRegion, r.operatingRegions, r.roadmaps, r.valueChains,
    r.website, r.contactEmail, r.foundedYear, r.pactSignedAt ? new Date(r.pactSignedAt).toISOString().slice(0, 10) : null,
    `${url.origin}/organisations/${r.slug}`,
  ]);
  return new Response(toCsv([header, ...body]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentHeader(translate(getLocale(request), "dir.exportFilename"), "csv"),
      "Cache-Control": "no-store",
    },
  });
}
