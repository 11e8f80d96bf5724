import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { regionCounts } from "#app/.server/organisations/index.ts";
import { RegionMap } from "#app/components/region-map.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { directorySearch, parseDirectoryFilters } from "#app/features/organisations/directory-filters.ts";
import { useT } from "#app/utils/i18n.tsx";
import { keyedPageMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = (args) => keyedPageMeta(args, "map.title", "meta.map");

export async function loader({ request }: LoaderFunctionArgs) {
  // The map honours the directory's other filters too, so "cooperatives by region" is one link.
  const filters = parseDirectoryFilters(new URL(request.url).searchParams);
  return { filters, counts: regionCounts(filters) };
}

export default function OrganisationMapPage() {
  const { counts, filters } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <PageTitle lead={t("map.lead")}>{t("map.title")}</PageTitle>
      <p className="mb-6">
        <Link to={`/organisations${directorySearch({ ...filters, page: 1 })}`}>← {t("dir.title")}</Link>
      </p>
      <RegionMap
        counts={counts}
        title={t("map.title")}
        hrefFor={(code) => `/organisations${directorySearch({ ...filters, region: [code], page: 1 })}`}
      />
    </div>
  );
}
