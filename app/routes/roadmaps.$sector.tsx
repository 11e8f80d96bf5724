import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { initiativesPage } from "#app/.server/initiatives/index.ts";
import { roadmapExchangeTotals, roadmapSummaryWithExchanges } from "#app/.server/exchange/index.ts";
import { Co2eEstimate, tonnesText } from "#app/features/exchange/exchange-figures.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { parseInitiativeFilters } from "#app/features/initiatives/filters.ts";
import { initiativeStatusLabel } from "#app/features/initiatives/labels.ts";
import { RoadmapLines, summariseRoadmaps } from "#app/features/initiatives/roadmap-lines.tsx";
import { roadmapLabel } from "#app/features/organisations/labels.ts";
import { ROADMAPS, type Roadmap } from "#app/features/organisations/taxonomy.ts";
import { translate } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { pageLocale, pageMeta } from "#app/utils/meta.ts";
import { notFound } from "#app/utils/http-errors.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

export const meta: MetaFunction<typeof loader> = (args) => {
  const locale = pageLocale(args.matches);
  const roadmap = args.data ? translate(locale, `org.roadmap.${args.data.sector}`) : "";
  return pageMeta(args, { title: roadmap, description: translate(locale, "meta.roadmap", { roadmap }) });
};

export async function loader({ params }: LoaderFunctionArgs) {
  const sector = params.sector as Roadmap;
  if (!ROADMAPS.includes(sector)) throw notFound();
  // Indicator totals with the confirmed resource exchanges of its initiatives added (issue 12).
  const summary = roadmapSummaryWithExchanges();
  const lines = summariseRoadmaps({ counts: summary.counts, totals: summary.totals }).filter((l) => l.roadmap === sector);
  const { rows, total } = initiativesPage(parseInitiativeFilters(new URLSearchParams({ roadmap: sector })));
  return { sector, lines, rows, total, exchanged: roadmapExchangeTotals(summary.exchanges, sector) };
}

export default function RoadmapPage() {
  const { sector, lines, rows, total, exchanged } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-8">
      <p>
        <Link to="/roadmaps">← {t("roadmaps.title")}</Link>
      </p>
      <PageTitle>{roadmapLabel(t, sector)}</PageTitle>
      <section className="card" aria-labelledby="roadmap-lines">
        <h2 id="roadmap-lines" className="mb-3 text-xl font-bold">
          {t("roadmaps.linesHeading")}
        </h2>
        <RoadmapLines lines={lines} />
        {exchanged.exchanges > 0 ? (
          <div className="mt-4 rounded-md border border-stone-200 bg-white p-4" data-roadmap-exchanges={exchanged.grams}>
            <h3 className="font-semibold">{t("xr.rollup.indicatorsWithExchanges")}</h3>
            <p className="text-sm text-stone-700">{t("xr.rollup.roadmapLead")}</p>
            <dl className="mt-2 grid gap-3 text-sm sm:grid-cols-3">
              {(["diverted", "used"] as const).map((side) => (
                <div key={side}>
                  <dt className="text-stone-700">{t(side === "diverted" ? "xr.rollup.diverted" : "xr.rollup.used")}</dt>
                  <dd className="font-semibold">{t("xr.rollup.tonnes", { value: tonnesText(locale, exchanged.grams) })}</dd>
                  <dd className="text-stone-700">{t.count("xr.rollup.exchanges", exchanged.exchanges)}</dd>
                </div>
              ))}
              <Co2eEstimate co2e={exchanged.co2e} />
            </dl>
          </div>
        ) : null}
      </section>
      <section aria-labelledby="roadmap-initiatives">
        <h2 id="roadmap-initiatives" className="mb-3 text-xl font-bold">
          {t.count("roadmaps.count", total)}
        </h2>
        <ul className="space-y-2">
          {rows.map((row) => (
            <li key={row.id}>
              <Link to={`/initiatives/${row.slug}`}>{row.title}</Link> · {initiativeStatusLabel(t, row.status)} · {row.leadName}
            </li>
          ))}
        </ul>
        {total > rows.length ? (
          <p className="mt-3">
            <Link to={`/initiatives?roadmap=${sector}`}>{t("roadmaps.seeAll")}</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
