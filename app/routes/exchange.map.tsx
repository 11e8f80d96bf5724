import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { exchangeRegionCounts } from "#app/.server/exchange/index.ts";
import { RegionMap } from "#app/components/region-map.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { exchangeSearch, parseExchangeFilters } from "#app/features/exchange/filters.ts";
import { useT } from "#app/utils/i18n.tsx";
import { keyedPageMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = (args) => keyedPageMeta(args, "exch.mapTitle", "exch.metaDescription");

export async function loader({ request }: LoaderFunctionArgs) {
  // The tiles honour the list's other filters, so "wants of PET by region" is one link.
  const filters = parseExchangeFilters(new URL(request.url).searchParams);
  return { filters, counts: exchangeRegionCounts(filters) };
}

export default function ExchangeMapPage() {
  const { counts, filters } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <PageTitle lead={t("exch.mapLead")}>{t("exch.mapTitle")}</PageTitle>
      <p className="mb-6">
        <Link to={`/exchange${exchangeSearch({ ...filters, page: 1 })}`}>← {t("exch.backToList")}</Link>
      </p>
      <RegionMap counts={counts} counted="listings" title={t("exch.mapTitle")} hrefFor={(code) => `/exchange${exchangeSearch({ ...filters, region: [code], page: 1 })}`} />
    </div>
  );
}
