// The dashboard's charts and tables, shared by /progress and the coordinators' printable report.
import { initiativeStatusLabel } from "#app/features/initiatives/labels.ts";
import { ExchangeTotals, type ExchangeFigures } from "#app/features/exchange/exchange-figures.tsx";
import { formatNumber } from "#app/i18n.ts";
import { actorTypeLabel } from "#app/features/organisations/labels.ts";
import type { ReactNode } from "react";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { BarChart, ChartFigure, GroupedBarChart, RegionValueMap, StackedBarChart, StepLineChart } from "./charts.tsx";
import {
  formatMonth,
  indicatorTable,
  lineLabel,
  membersByYearAndType,
  progressTables,
  PUBLIC_STATUSES,
  roadmapLines,
  type TableId,
  type TableSource,
} from "./progress-tables.ts";

/**
 * Every chart of `source` in four sections (members, initiatives, events, indicators). With
 * `csvBase` ("/progress") each table links its CSV download; `partners` adds the partnership charts
 * (not period figures, so the report leaves them out); `printable` (the report) shows tables
 * without their <details> and lays figures out side by side on paper. Headings start at `h2`.
 */
export function ProgressSections({
  source,
  csvBase,
  partners = true,
  printable = false,
}: {
  source: TableSource & { exchanges?: ExchangeFigures };
  csvBase?: string;
  partners?: boolean;
  printable?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const tables = progressTables(source, t);
  // Full-width figures whose table is narrow: side by side on paper.
  const beside = new Set<TableId>(["members-by-type", "members-by-region", "initiatives-by-region"]);
  const figure = (id: TableId, chart?: Parameters<typeof ChartFigure>[0]["children"], description = true) => (
    <ChartFigure
      key={id}
      id={id}
      title={t(`progress.chart.${id}`)}
      description={description ? t(`progress.desc.${id}` as Parameters<typeof t>[0]) : undefined}
      table={tables[id]}
      csvHref={csvBase ? `${csvBase}/${id}.csv` : undefined}
      plainTable={printable}
      tableBeside={beside.has(id)}
    >
      {chart}
    </ChartFigure>
  );
  const regionValues = (rows: ReadonlyArray<{ region: string; count: number }>) => Object.fromEntries(rows.map((r) => [r.region, r.count]));
  return (
    <div className="space-y-10 print:space-y-4">
      <Section id="members" title={t("progress.section.members")}>
        <div className="grid gap-4 lg:grid-cols-2 print:grid-cols-2 print:gap-2">
          {figure("members-over-time", (l) => (
            <StepLineChart {...l} points={source.members.overTime.map((p) => ({ label: formatMonth(locale, p.month), value: p.total }))} />
          ))}
          {figure("signatories-over-time", (l) => (
            <StepLineChart {...l} points={source.signatories.overTime.map((p) => ({ label: formatMonth(locale, p.month), value: p.total }))} />
          ))}
        </div>
        {figure("members-by-type-over-time", (l) => {
          const { types, rows } = membersByYearAndType(source.members);
          return <StackedBarChart {...l} series={types.map((type) => actorTypeLabel(t, type))} items={rows.map((r) => ({ label: r.year, values: r.counts }))} />;
        })}
        {figure("members-by-type", (l) => (
          <BarChart {...l} items={tables["members-by-type"].rows.map(([label, value]) => ({ label: String(label), value: Number(value) }))} />
        ))}
        {figure("members-by-region", (l) => <RegionValueMap {...l} values={regionValues(source.members.byRegion)} />)}
      </Section>

      <Section id="initiatives" title={t("progress.section.initiatives")}>
        {figure("initiatives-by-roadmap", (l) => (
          <StackedBarChart
            {...l}
            series={PUBLIC_STATUSES.map((s) => initiativeStatusLabel(t, s))}
            items={roadmapLines(source.initiatives.byLine).map((line) => ({ label: lineLabel(t, line), values: PUBLIC_STATUSES.map((s) => line.counts[s]!) }))}
          />
        ))}
        {figure("initiatives-by-region", (l) => <RegionValueMap {...l} values={regionValues(source.initiatives.byRegion)} />)}
        {partners ? (
          <div className="grid gap-4 lg:grid-cols-2 print:grid-cols-2 print:gap-2">
            {figure("partners-per-initiative", (l) => (
              <BarChart {...l} items={(source.initiatives.partnerCounts ?? []).map((r) => ({ label: t.count("progress.partnersCount", r.partners), value: r.initiatives }))} />
            ))}
            {figure("top-initiatives", undefined, false)}
          </div>
        ) : null}
      </Section>

      <Section id="events" title={t("progress.section.events")}>
        {figure("event-attendance", (l) => (
          <GroupedBarChart
            {...l}
            series={[t("progress.col.confirmed"), t("progress.col.attended")]}
            groups={source.events.map((y) => ({ label: y.year, values: [y.confirmed, y.attended] }))}
          />
        ))}
      </Section>

      <Section id="indicators" title={t("progress.section.indicators")}>
        <p>{t("progress.indicatorsLead")}</p>
        <div className="grid gap-4 lg:grid-cols-3 print:grid-cols-2 print:gap-2">
          {source.indicators.map((indicator) => {
            const table = indicatorTable(indicator, t);
            const label = table.columns[1]!.label;
            return (
              <ChartFigure
                key={table.id}
                id={table.id}
                title={label}
                description={
                  indicator.fromExchanges?.exchanges
                    ? `${t("progress.desc.indicator")} ${t.count("xr.rollup.ofWhich", indicator.fromExchanges.exchanges, { value: formatNumber(locale, indicator.fromExchanges.value) })}.`
                    : t("progress.desc.indicator")
                }
                table={table}
                csvHref={csvBase ? `${csvBase}/${table.id}.csv` : undefined}
                plainTable={printable}
              >
                {(l) => <BarChart {...l} items={indicator.byYear.map((y) => ({ label: y.year, value: y.value }))} />}
              </ChartFigure>
            );
          })}
        </div>
        {figure("indicators-by-year", undefined, false)}
        {figure("indicators-by-roadmap", undefined, false)}
        {figure("indicators-by-region", undefined)}
      </Section>

      {source.exchanges ? (
        <Section id="exchanges" title={t("xr.progress.title")}>
          <p>{t("xr.progress.lead")}</p>
          {figure("exchanges-by-month", (l) => (
            <BarChart {...l} items={source.exchanges!.months.map((m) => ({ label: formatMonth(locale, m.month), value: m.tonnes }))} />
          ))}
          <ExchangeTotals figures={source.exchanges} />
        </Section>
      ) : null}
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`progress-${id}`} className="space-y-4 print:space-y-2">
      <h2 id={`progress-${id}`} className="text-2xl font-bold break-after-avoid print:text-xl">
        {title}
      </h2>
      {children}
    </section>
  );
}
