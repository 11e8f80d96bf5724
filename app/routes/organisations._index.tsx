import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FacetCount, FacetFilters, JumpToFilters } from "#app/components/facet-filters.tsx";
import { getUser } from "#app/.server/auth/index.ts";
import { directoryFacets, directoryPage } from "#app/.server/organisations/index.ts";
import { plainText } from "#app/.server/markdown.ts";
import { redirectPastLastPage } from "#app/.server/pagination.ts";
import { Pagination } from "#app/components/pagination.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { directorySearch, parseDirectoryFilters, type DirectoryFilters } from "#app/features/organisations/directory-filters.ts";
import { ACTOR_TYPES, COMPANY_SIZES, GOVERNMENT_LEVELS, REGIONS, ROADMAPS, VALUE_CHAINS, regionName } from "#app/features/organisations/taxonomy.ts";
import { formatDate, type MessageKey } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { keyedPageMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = (args) => keyedPageMeta(args, "dir.title", "meta.organisations");

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseDirectoryFilters(new URL(request.url).searchParams);
  const page = directoryPage(filters);
  redirectPastLastPage(request, page.pages);
  return {
    filters,
    signedIn: Boolean(getUser(request)),
    facets: directoryFacets(filters),
    ...page,
    rows: page.rows.map((row) => ({ ...row, description: plainText(row.description) })),
  };
}

type MultiKey = "actorType" | "level" | "size" | "region" | "roadmap" | "chain";

export default function DirectoryPage() {
  const { filters, facets, rows, total, pages, signedIn } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const query = directorySearch({ ...filters, page: 1 });
  const groups: Array<{ key: MultiKey; legend: MessageKey; options: Array<{ value: string; label: string }> }> = [
    { key: "actorType", legend: "dir.facetActorType", options: ACTOR_TYPES.map((v) => ({ value: v, label: t(`org.actorType.${v}`) })) },
    { key: "level", legend: "dir.facetLevel", options: GOVERNMENT_LEVELS.map((v) => ({ value: v, label: t(`org.level.${v}`) })) },
    { key: "size", legend: "dir.facetSize", options: COMPANY_SIZES.map((v) => ({ value: v, label: t(`org.size.${v}`) })) },
    { key: "region", legend: "dir.facetRegion", options: REGIONS.map((r) => ({ value: r.code, label: r.name })) },
    { key: "roadmap", legend: "dir.facetRoadmap", options: ROADMAPS.map((v) => ({ value: v, label: t(`org.roadmap.${v}`) })) },
    { key: "chain", legend: "dir.facetChain", options: VALUE_CHAINS.map((v) => ({ value: v, label: t(`org.chain.${v}`) })) },
  ];
  return (
    <div>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <PageTitle lead={t("dir.lead")}>{t("dir.title")}</PageTitle>
        <div className="flex flex-wrap gap-2">
          <Link to="/organisations/map" className="btn-secondary">
            {t("dir.map")}
          </Link>
          <Link to={signedIn ? "/organisations/new" : "/signup"} className="btn-primary">
            {t("dir.register")}
          </Link>
        </div>
      </div>
      <div className="grid gap-6 md:grid-cols-[18rem_1fr]">
        <FacetFilters
          label={t("dir.filters")}
          clearHref="/organisations"
          search={{ id: "directory-q", label: t("dir.searchLabel"), value: filters.q ?? "" }}
          sort={{
            id: "directory-sort",
            label: t("dir.sort"),
            value: filters.sort,
            options: [
              { value: "name", label: t("dir.sortName") },
              { value: "newest", label: t("dir.sortNewest") },
            ],
          }}
          groups={groups.map((group) => ({
            ...group,
            legend: t(group.legend),
            counts: facets[group.key] as Record<string, number>,
            selected: filters[group.key] as string[],
            folded: group.key === "region",
          }))}
        >
          <fieldset>
            <legend className="mb-1 font-semibold">{t("dir.facetPact")}</legend>
            {(["", "yes", "no"] as const).map((value) => (
              <label key={value || "any"} className="flex min-h-8 items-center gap-2">
                <input type="radio" name="pact" value={value} defaultChecked={(filters.pact ?? "") === value} className="h-5 w-5 accent-brand-700" />
                <span>
                  {t(value === "" ? "dir.pactAny" : value === "yes" ? "dir.pactYes" : "dir.pactNo")}
                  {value ? <FacetCount count={facets.pact[value] ?? 0} /> : null}
                </span>
              </label>
            ))}
          </fieldset>
        </FacetFilters>
        <section aria-labelledby="results-heading">
          <JumpToFilters />
          <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
            <h2 id="results-heading" className="text-xl font-bold" aria-live="polite">
              {t.count("dir.results", total)}
            </h2>
            <p className="flex gap-3 text-sm">
              <a href={`/organisations.csv${query}`} download>
                {t("dir.exportCsv")}
              </a>
              <a href={`/organisations.json${query}`}>{t("dir.exportJson")}</a>
            </p>
          </div>
          {rows.length === 0 ? <p>{t("dir.empty")}</p> : null}
          <ul className="space-y-3">
            {rows.map((row) => (
              <li key={row.id} className="card flex gap-4">
                {row.logoHash ? (
                  <img
                    src={`/organisations/${row.slug}/logo?v=${row.logoHash}`}
                    alt=""
                    width="56"
                    height="56"
                    loading="lazy"
                    className="h-14 w-14 shrink-0 rounded object-contain"
                  />
                ) : (
                  <span aria-hidden="true" className="flex h-14 w-14 shrink-0 items-center justify-center rounded bg-brand-100 text-xl font-bold text-brand-800">
                    {row.name.slice(0, 1)}
                  </span>
                )}
                <div className="min-w-0">
                  <h3 className="text-lg font-semibold">
                    <Link to={`/organisations/${row.slug}`}>
                      {row.name}
                      {row.acronym ? ` (${row.acronym})` : ""}
                    </Link>
                  </h3>
                  <p className="text-sm text-stone-700">
                    {t(`org.actorType.${row.actorType as (typeof ACTOR_TYPES)[number]}`)}
                    {row.companySize ? ` · ${t(`org.size.${row.companySize as (typeof COMPANY_SIZES)[number]}`)}` : ""} · {regionName(row.hqRegion)}
                  </p>
                  {row.pactSignedAt ? (
                    <p className="mt-1 inline-block rounded bg-brand-100 px-2 py-0.5 text-sm font-semibold text-brand-900">
                      {t("dir.pactBadge")} · {formatDate(locale, row.pactSignedAt)}
                    </p>
                  ) : null}
                  {row.description ? <p className="mt-1 line-clamp-2 text-stone-800">{row.description}</p> : null}
                </div>
              </li>
            ))}
          </ul>
          <Pagination page={filters.page} pages={pages} hrefFor={(page) => `/organisations${directorySearch({ ...filters, page } as DirectoryFilters)}`} />
        </section>
      </div>
    </div>
  );
}
