import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { getUser } from "#app/.server/auth/index.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { redirectPastLastPage } from "#app/.server/pagination.ts";
import { searchEverything, type SearchHit } from "#app/.server/search/index.ts";
import { Pagination } from "#app/components/pagination.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { eventStatusLabel, eventTypeLabel } from "#app/features/events/labels.ts";
import { initiativeStatusLabel } from "#app/features/initiatives/labels.ts";
import { categoryLabel, kindLabel } from "#app/features/exchange/labels.ts";
import { actorTypeLabel } from "#app/features/organisations/labels.ts";
import { regionName } from "#app/features/organisations/taxonomy.ts";
import { MarkedText } from "#app/features/search/marked-text.tsx";
import { isolated, QuotedQuery } from "#app/features/search/quoted-query.tsx";
import { parseSearchQuery, SEARCH_MAX_PAGES, SEARCH_QUERY_MAX, SEARCH_TYPES, searchHref, type SearchScope } from "#app/features/search/query.ts";
import { formatDateTime, formatNumber, translate } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { pageLocale, pageMeta } from "#app/utils/meta.ts";
import { personName } from "#app/utils/person-name.ts";

// Search everything (issue 11): /search?q=…&type=…&page=…. A GET form, so it works without
// JavaScript; an empty query shows what can be searched instead of an error.

export const meta: MetaFunction<typeof loader> = (args) => {
  const locale = pageLocale(args.matches);
  const q = args.data?.results?.q;
  return [
    ...pageMeta(args, {
      title: q ? translate(locale, "search.titleFor", { q: isolated(q) }) : translate(locale, "search.title"),
      description: translate(locale, "search.description"),
    }),
    // Result pages are endless variations of the listings: not for search engines.
    ...(q ? [{ name: "robots", content: "noindex" }] : []),
  ];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const query = parseSearchQuery(new URL(request.url).searchParams);
  if (!query.q) return { query, results: null };
  const results = searchEverything({ ...query, locale: getLocale(request) }, getUser(request));
  redirectPastLastPage(request, results.pages);
  return { query, results };
}

/**
 * Searches to try, each a link: words members look for, some without their accents ("plastico"
 * finds "plástico", "reuso" "reúso") or cut short ("recicl" finds "reciclaje"). Each finds
 * something in the demo data (tests/e2e/search.spec.ts).
 */
const EXAMPLES = ["agua", "compost", "residuos", "plastico", "reuso", "recicl"];
const LISTINGS = [
  { to: "/organisations", key: "nav.organisations" },
  { to: "/initiatives", key: "nav.initiatives" },
  { to: "/events", key: "nav.events" },
  { to: "/discussions", key: "nav.discussions" },
] as const;

export default function SearchPage() {
  const { query, results } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-6">
      <PageTitle lead={results ? undefined : t("search.empty.lead")}>
        {results ? <QuotedQuery message={(q) => t("search.titleFor", { q })} q={results.q} /> : t("search.title")}
      </PageTitle>
      <Form method="get" action="/search" role="search" aria-label={t("search.form.label")} className="max-w-2xl space-y-2">
        <label htmlFor="search-q" className="block font-semibold">
          {t("search.form.label")}
        </label>
        <div className="flex flex-wrap gap-2">
          <input id="search-q" name="q" type="search" defaultValue={query.q} maxLength={SEARCH_QUERY_MAX} aria-describedby="search-hint" className="input min-w-0 flex-1 basis-48" />
          <button type="submit" className="btn-primary">
            {t("search.box.submit")}
          </button>
        </div>
        <p id="search-hint" className="text-sm text-stone-700">
          {t("search.form.hint")}
        </p>
      </Form>
      {results ? <Results results={results} /> : <Help />}
    </div>
  );
}

type Results = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["results"]>;

function Results({ results }: { results: Results }) {
  const t = useT();
  const locale = useLocale();
  if (!results.searched) return <p>{t("search.noWords")}</p>;
  const tabs: SearchScope[] = ["all", ...SEARCH_TYPES];
  const shown = results.counts[results.type];
  // A count is of the candidates ranked (SEARCH_CANDIDATES per kind): "more than" when there were more.
  const tabCount = (tab: SearchScope) => {
    const count = formatNumber(locale, results.counts[tab]);
    return results.capped[tab] ? t("search.countMoreThan", { number: count }) : count;
  };
  return (
    <section aria-labelledby="search-results" className="space-y-4">
      <nav aria-label={t("search.types.label")}>
        <ul className="flex flex-wrap gap-2">
          {tabs.map((tab) => (
            <li key={tab}>
              <Link
                to={searchHref({ q: results.q, type: tab })}
                aria-current={results.type === tab ? "page" : undefined}
                className={`inline-flex min-h-11 items-center gap-1 rounded-full border px-3 no-underline ${results.type === tab ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white text-stone-900 hover:border-brand-700"}`}
              >
                {t(`search.type.${tab}`)} <span className="text-sm">({tabCount(tab)})</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2 id="search-results" className="text-xl font-bold">
        {t.count(results.capped[results.type] ? "search.resultsMoreThan" : "search.results", shown)}
      </h2>
      {shown === 0 ? <p>{results.counts.all === 0 ? <QuotedQuery message={(q) => t("search.none", { q })} q={results.q} /> : t("search.noneOfType")}</p> : null}
      <ol className="space-y-3">
        {results.hits.map((hit) => (
          <Hit key={`${hit.type}-${hit.id}`} hit={hit} />
        ))}
      </ol>
      {results.pages >= SEARCH_MAX_PAGES && results.page === SEARCH_MAX_PAGES ? <p>{t("search.moreThanShown", { pages: SEARCH_MAX_PAGES })}</p> : null}
      <Pagination page={results.page} pages={results.pages} hrefFor={(page) => searchHref({ q: results.q, type: results.type, page })} />
    </section>
  );
}

function Hit({ hit }: { hit: SearchHit }) {
  const t = useT();
  return (
    <li className="card" data-hit-type={hit.type}>
      <p className="text-sm font-semibold text-brand-800">{t(`search.kind.${hit.type}`)}</p>
      <h3 className="mt-1 text-lg font-semibold">
        <Link to={hit.href}>
          <MarkedText text={hit.titleMarked} />
        </Link>
      </h3>
      <p className="text-sm text-stone-700">
        <HitFacts hit={hit} />
      </p>
      {hit.snippet ? (
        <p className="mt-1">
          <MarkedText text={hit.snippet} />
        </p>
      ) : null}
    </li>
  );
}

/** The line under a hit's title: what it is, where, when. */
function HitFacts({ hit }: { hit: SearchHit }) {
  const t = useT();
  const locale = useLocale();
  const meta = hit.meta;
  switch (meta.type) {
    case "organisations":
      return (
        <>
          {[meta.acronym, actorTypeLabel(t, meta.actorType), regionName(meta.hqRegion)].filter(Boolean).join(" · ")}
          {meta.status !== "approved" ? ` · ${t("search.notPublic")}` : ""}
        </>
      );
    case "initiatives":
      return <>{[initiativeStatusLabel(t, meta.status), meta.leadName].join(" · ")}</>;
    case "events":
      return (
        <>
          {[formatDateTime(locale, meta.startsAt, { dateStyle: "long" }), eventTypeLabel(t, meta.eventType), meta.city]
            .filter(Boolean)
            .join(" · ")}
          {meta.status !== "published" ? ` · ${eventStatusLabel(t, meta.status)}` : ""}
        </>
      );
    case "listings":
      return <>{[kindLabel(t, meta.kind), categoryLabel(t, meta.category), regionName(meta.region)].join(" · ")}</>;
    case "threads":
      return (
        <>
          {t("search.in")}{" "}
          <Link to={meta.place.href}>{meta.place.title}</Link>
          {" · "}
          {t.count("disc.replies", meta.replyCount)}
        </>
      );
    case "posts":
      return (
        <>
          {t("search.byAuthor", { name: personName(meta.authorName, t) })} · {t("search.in")}{" "}
          <Link to={meta.place.href}>{meta.place.title}</Link>
          {" · "}
          {formatDateTime(locale, meta.createdAt, { dateStyle: "long" })}
        </>
      );
  }
}

/** The page for an empty search: what can be found, example searches, the listings. */
function Help() {
  const t = useT();
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <HelpCard id="search-what" title={t("search.empty.what")}>
        <ul className="list-disc space-y-1 pl-5">
          {SEARCH_TYPES.map((type) => (
            <li key={type}>{t(`search.empty.${type}`)}</li>
          ))}
        </ul>
      </HelpCard>
      <div className="space-y-6">
        <HelpCard id="search-examples" title={t("search.empty.examples")}>
          <ul className="flex flex-wrap gap-2">
            {EXAMPLES.map((example) => (
              <li key={example}>
                <Link to={searchHref({ q: example })} className="btn-secondary">
                  {example}
                </Link>
              </li>
            ))}
          </ul>
        </HelpCard>
        <HelpCard id="search-browse" title={t("search.empty.browse")} navigation>
          <ul className="space-y-1">
            {LISTINGS.map((listing) => (
              <li key={listing.to}>
                <Link to={listing.to}>{t(listing.key)}</Link>
              </li>
            ))}
          </ul>
        </HelpCard>
      </div>
    </div>
  );
}

/** A titled box of the help page; `navigation` makes it a navigation landmark. */
function HelpCard({ id, title, navigation = false, children }: { id: string; title: string; navigation?: boolean; children: ReactNode }) {
  const Box = navigation ? "nav" : "section";
  return (
    <Box aria-labelledby={id} className="card">
      <h2 id={id} className="mb-2 text-xl font-bold">
        {title}
      </h2>
      {children}
    </Box>
  );
}
