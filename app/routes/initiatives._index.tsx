import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser } from "#app/.server/auth/index.ts";
import { initiativeFacets, initiativesPage } from "#app/.server/initiatives/index.ts";
import { redirectPastLastPage } from "#app/.server/pagination.ts";
import { FacetFilters, JumpToFilters } from "#app/components/facet-filters.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { initiativeSearch, parseInitiativeFilters, type InitiativeFilters } from "#app/features/initiatives/filters.ts";
import { approachLabel, initiativeStatusLabel, needLabel } from "#app/features/initiatives/labels.ts";
import { INDUSTRY_APPROACHES, NEED_KINDS } from "#app/features/initiatives/taxonomy.ts";
import { actorTypeLabel, chainLabel, roadmapLabel } from "#app/features/organisations/labels.ts";
import { ACTOR_TYPES, REGIONS, ROADMAPS, VALUE_CHAINS, regionName } from "#app/features/organisations/taxonomy.ts";
import { formatNumber, translate } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { keyedPageMeta, pageLocale } from "#app/utils/meta.ts";

export const meta: MetaFunction = (args) =>
  keyedPageMeta(args, "ini.list.title", "meta.initiatives", { feeds: [{ href: "/initiatives.atom", title: translate(pageLocale(args.matches), "feed.initiatives.link") }] });

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseInitiativeFilters(new URL(request.url).searchParams);
  const page = initiativesPage(filters);
  redirectPastLastPage(request, page.pages);
  return { filters, signedIn: Boolean(getUser(request)), facets: initiativeFacets(filters), ...page };
}

type Multi = "roadmap" | "approach" | "status" | "seeks" | "chain" | "region" | "leadType";
const PUBLIC_STATUSES = ["open", "in_progress", "completed", "cancelled"] as const;

export default function InitiativesPage() {
  const { filters, facets, rows, total, pages, signedIn } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const groups: Array<{ key: Multi; legend: string; options: Array<{ value: string; label: string }>; folded?: boolean }> = [
    { key: "status", legend: t("ini.list.facetStatus"), options: PUBLIC_STATUSES.map((v) => ({ value: v, label: initiativeStatusLabel(t, v) })) },
    { key: "seeks", legend: t("ini.list.facetSeeks"), options: NEED_KINDS.map((v) => ({ value: v, label: needLabel(t, v) })) },
    { key: "roadmap", legend: t("ini.list.facetRoadmap"), options: ROADMAPS.map((v) => ({ value: v, label: roadmapLabel(t, v) })) },
    { key: "approach", legend: t("ini.list.facetApproach"), options: INDUSTRY_APPROACHES.map((v) => ({ value: v, label: approachLabel(t, v) })), folded: true },
    { key: "chain", legend: t("ini.list.facetChain"), options: VALUE_CHAINS.map((v) => ({ value: v, label: chainLabel(t, v) })) },
    { key: "region", legend: t("ini.list.facetRegion"), options: REGIONS.map((r) => ({ value: r.code, label: r.name })), folded: true },
    { key: "leadType", legend: t("ini.list.facetLeadType"), options: ACTOR_TYPES.map((v) => ({ value: v, label: actorTypeLabel(t, v) })), folded: true },
  ];
  return (
    <div>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <PageTitle lead={t("ini.list.lead")}>{t("ini.list.title")}</PageTitle>
        <div className="flex flex-wrap gap-2">
          <Link to="/roadmaps" className="btn-secondary">
            {t("ini.list.roadmaps")}
          </Link>
          <Link to={signedIn ? "/initiatives/new" : "/signup"} className="btn-primary">
            {t("ini.list.propose")}
          </Link>
        </div>
      </div>
      <div className="grid gap-6 md:grid-cols-[18rem_1fr]">
        <FacetFilters
          label={t("dir.filters")}
          clearHref="/initiatives"
          search={{ id: "initiatives-q", label: t("ini.list.searchLabel"), value: filters.q ?? "" }}
          sort={{
            id: "initiatives-sort",
            label: t("ini.list.sort"),
            value: filters.sort,
            options: [
              { value: "seeking", label: t("ini.list.sortSeeking") },
              { value: "newest", label: t("ini.list.sortNewest") },
            ],
          }}
          groups={groups.map((g) => ({ ...g, counts: facets[g.key], selected: filters[g.key] as string[] }))}
        >
          <fieldset>
            <legend className="mb-1 font-semibold">{t("ini.list.facetGender")}</legend>
            <label className="flex min-h-8 items-center gap-2">
              <input type="checkbox" name="gender" value="yes" defaultChecked={filters.gender === "yes"} className="h-5 w-5 accent-brand-700" />
              <span>
                {t("ini.list.genderYes")} <span className="text-sm text-stone-600">({formatNumber(locale, facets.gender.yes ?? 0)})</span>
              </span>
            </label>
          </fieldset>
        </FacetFilters>
        <section aria-labelledby="initiatives-results">
          <JumpToFilters />
          <h2 id="initiatives-results" className="mb-4 text-xl font-bold" aria-live="polite">
            {t.count("ini.list.results", total)}
          </h2>
          {rows.length === 0 ? <p>{t("ini.list.empty")}</p> : null}
          <ul className="space-y-3">
            {rows.map((row) => (
              <li key={row.id} className="card">
                <div className="flex flex-wrap items-center gap-2">
                  <span className={`rounded px-2 py-0.5 text-sm font-semibold ${row.status === "open" ? "bg-amber-100 text-amber-950" : "bg-stone-100 text-stone-800"}`}>
                    {initiativeStatusLabel(t, row.status)}
                  </span>
                  <span className="text-sm text-stone-700">
                    {roadmapLabel(t, row.roadmap)}
                    {row.approach ? ` · ${approachLabel(t, row.approach)}` : ""}
                  </span>
                </div>
                <h3 className="mt-1 text-lg font-semibold">
                  <Link to={`/initiatives/${row.slug}`}>{row.title}</Link>
                </h3>
                <p className="text-sm text-stone-700">
                  {t("ini.list.ledBy", { org: row.leadName })}
                  {row.regions ? ` · ${row.regions.split(";").map(regionName).join(", ")}` : ""}
                </p>
                <p className="mt-1 text-stone-800">{row.summary}</p>
                {row.seeks ? (
                  <ul className="mt-2 flex flex-wrap gap-1" aria-label={t("ini.list.facetSeeks")}>
                    {row.seeks.split(";").map((kind) => (
                      <li key={kind} className="rounded bg-brand-100 px-2 py-0.5 text-sm text-brand-900">
                        {needLabel(t, kind)}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
          <Pagination page={filters.page} pages={pages} hrefFor={(page) => `/initiatives${initiativeSearch({ ...filters, page } as InitiativeFilters)}`} />
        </section>
      </div>
    </div>
  );
}
