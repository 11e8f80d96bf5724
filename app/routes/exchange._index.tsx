import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FacetCount, FacetFilters, JumpToFilters } from "#app/components/facet-filters.tsx";
import { getUser } from "#app/.server/auth/index.ts";
import { exchangeFacets, exchangePage } from "#app/.server/exchange/index.ts";
import { redirectPastLastPage } from "#app/.server/pagination.ts";
import { Pagination } from "#app/components/pagination.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { EXCHANGE_MULTI, exchangeSearch, HAZARD_FILTERS, parseExchangeFilters, type ExchangeFilters } from "#app/features/exchange/filters.ts";
import { categoryLabel, frequencyLabel, kindLabel } from "#app/features/exchange/labels.ts";
import { ListingCard } from "#app/features/exchange/listing-card.tsx";
import { FREQUENCIES, LISTING_KINDS, MATERIAL_CATEGORIES } from "#app/features/exchange/taxonomy.ts";
import { actorTypeLabel } from "#app/features/organisations/labels.ts";
import { ACTOR_TYPES, REGIONS } from "#app/features/organisations/taxonomy.ts";
import type { MessageKey } from "#app/i18n.ts";
import { useT } from "#app/utils/i18n.tsx";
import { keyedPageMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = (args) => keyedPageMeta(args, "exch.title", "exch.metaDescription");

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseExchangeFilters(new URL(request.url).searchParams);
  const page = exchangePage(filters);
  redirectPastLastPage(request, page.pages);
  return { filters, signedIn: Boolean(getUser(request)), facets: exchangeFacets(filters), ...page };
}

type MultiKey = (typeof EXCHANGE_MULTI)[number];

export default function ExchangePage() {
  const { filters, facets, rows, total, pages, signedIn } = useLoaderData<typeof loader>();
  const t = useT();
  const groups: Array<{ key: MultiKey; legend: MessageKey; options: Array<{ value: string; label: string }>; folded?: boolean }> = [
    { key: "kind", legend: "exch.facetKind", options: LISTING_KINDS.map((v) => ({ value: v, label: kindLabel(t, v) })) },
    { key: "category", legend: "exch.facetCategory", options: MATERIAL_CATEGORIES.map((v) => ({ value: v, label: categoryLabel(t, v) })), folded: true },
    { key: "region", legend: "exch.facetRegion", options: REGIONS.map((r) => ({ value: r.code, label: r.name })), folded: true },
    { key: "frequency", legend: "exch.facetFrequency", options: FREQUENCIES.map((v) => ({ value: v, label: frequencyLabel(t, v) })) },
    { key: "actorType", legend: "exch.facetActorType", options: ACTOR_TYPES.map((v) => ({ value: v, label: actorTypeLabel(t, v) })), folded: true },
  ];
  return (
    <div>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <PageTitle lead={t("exch.lead")}>{t("exch.title")}</PageTitle>
        <div className="flex flex-wrap gap-2">
          <Link to={`/exchange/map${exchangeSearch({ ...filters, page: 1 })}`} className="btn-secondary">
            {t("exch.map")}
          </Link>
          <Link to={signedIn ? "/exchange/new" : "/login?redirectTo=/exchange/new"} className="btn-primary">
            {t("exch.new")}
          </Link>
        </div>
      </div>
      <div className="grid grid-cols-1 gap-6 md:grid-cols-[18rem_1fr]">
        <FacetFilters
          label={t("exch.filters")}
          clearHref="/exchange"
          search={{ id: "exchange-q", label: t("exch.searchLabel"), value: filters.q ?? "" }}
          groups={groups.map((group) => ({
            ...group,
            legend: t(group.legend),
            counts: facets[group.key],
            selected: filters[group.key] as string[],
          }))}
        >
          <fieldset>
            <legend className="mb-1 font-semibold">{t("exch.facetHazardous")}</legend>
            {(["", ...HAZARD_FILTERS] as const).map((value) => (
              <label key={value || "any"} className="flex min-h-8 items-center gap-2">
                <input type="radio" name="hazardous" value={value} defaultChecked={(filters.hazardous ?? "") === value} className="h-5 w-5 accent-brand-700" />
                <span>
                  {t(value === "" ? "exch.hazardAny" : value === "yes" ? "exch.hazardYes" : "exch.hazardNo")}
                  {value ? <FacetCount count={facets.hazardous[value] ?? 0} /> : null}
                </span>
              </label>
            ))}
          </fieldset>
        </FacetFilters>
        <section aria-labelledby="results-heading" className="min-w-0">
          <JumpToFilters />
          <h2 id="results-heading" className="mb-4 text-xl font-bold" aria-live="polite">
            {t.count("exch.results", total)}
          </h2>
          {rows.length === 0 ? <p>{t("exch.empty")}</p> : null}
          <ul className="space-y-3">
            {rows.map((row) => (
              <ListingCard key={row.id} listing={row} />
            ))}
          </ul>
          <Pagination page={filters.page} pages={pages} hrefFor={(page) => `/exchange${exchangeSearch({ ...filters, page } as ExchangeFilters)}`} />
        </section>
      </div>
    </div>
  );
}
