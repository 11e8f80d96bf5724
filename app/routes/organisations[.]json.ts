import type { LoaderFunctionArgs } from "@remix-run/node";
import { directoryExport } from "#app/.server/organisations/index.ts";
import { parseDirectoryFilters } from "#app/features/organisations/directory-filters.ts";

// The directory as JSON, with the same filters as the page and public fields only.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const split = (value: string | null) => (value ? value.split(";").sort() : []);
  const organisations = directoryExport(parseDirectoryFilters(url.searchParams)).map((r) => ({
    name: r.name,
    acronym: r.acronym,
    ruc: r.ruc,
    actorType: r.actorType,
    companySize: r.companySize,
    hqRegion: r.hqRegion,
    operatingRegions: split(r.operatingRegions),
    roadmaps: split(r.roadmaps),
    valueChains: split(r.valueChains),
    website: r.website,
    contactEmail: r.contactEmail,
    foundedYear: r.foundedYear,
    pactSignedOn: r.pactSignedAt ? new Date(r.pactSignedAt).toISOString().slice(0, 10) : null,
    url: `${url.origin}/organisations/${r.slug}`,
  }));
  return Response.json({ count: organisations.length, organisations }, { headers: { "Cache-Control": "no-store" } });
}
