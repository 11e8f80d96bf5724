// Confirmed exchanges' figures (tonnes, CO₂e with its basis, per month) as organisation, initiative,
// roadmap, /progress and overview pages show them (issue 12): no form code, so those pages do not
// download the record form's schemas.
import type { ReactNode } from "react";
import { formatMonth } from "#app/components/charts/progress-tables.ts";
import { formatNumber } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { CO2E_SOURCES } from "./co2e-factors.ts";
import { categoryLabel } from "./labels.ts";

/** Grams as tonnes for reading: up to three decimals, the reader's separators. */
export function tonnesText(locale: ReturnType<typeof useLocale>, grams: number) {
  return formatNumber(locale, Math.round(grams / 1000) / 1000);
}

/** A CO₂e estimate as co2e.ts summarises it (kg; grams per category, each with its factor or none). */
export type Co2e = {
  kg: number;
  categories: ReadonlyArray<{ category: string; grams: number; kgPerTonne: number | null; sourceId: string | null }>;
  gramsWithoutFactor: number;
};

/**
 * A CO₂e avoided estimate with, beside it, what it rests on: each factor used and its source and
 * year, that it is an estimate, and the categories without a factor (never estimated).
 */
export function Co2eEstimate({ co2e, className }: { co2e: Co2e; className?: string }) {
  const t = useT();
  const locale = useLocale();
  const factors = new Map<string, number>();
  for (const c of co2e.categories) if (c.sourceId && c.kgPerTonne !== null) factors.set(c.sourceId, c.kgPerTonne);
  const without = co2e.categories.filter((c) => c.kgPerTonne === null);
  return (
    <div data-co2e-kg={co2e.kg} className={className}>
      <dt className="text-stone-700">{t("xr.co2e.label")}</dt>
      <dd className="font-semibold">{factors.size ? t("xr.co2e.value", { value: formatNumber(locale, co2e.kg / 1000) }) : "—"}</dd>
      <dd className="text-xs text-stone-700">
        {[...factors].map(([sourceId, factor]) => {
          const source = CO2E_SOURCES.find((s) => s.id === sourceId)!;
          return (
            <span key={sourceId} className="block">
              {t("xr.co2e.note", {
                factor: formatNumber(locale, factor),
                basis: t(`xr.co2e.basis.${sourceId}` as "xr.co2e.basis.epa-warm15-recycled-vs-landfilled"),
                publisher: source.publisher,
                title: source.title,
                version: source.version,
                year: source.year,
              })}{" "}
              <a href={source.url}>{source.url.replace(/^https:\/\//, "")}</a>
            </span>
          );
        })}
        {without.length ? (
          <span className="block">
            {factors.size
              ? t("xr.co2e.noFactor", {
                  categories: without.map((c) => categoryLabel(t, c.category)).join(", "),
                  value: tonnesText(locale, co2e.gramsWithoutFactor),
                })
              : t("xr.co2e.none")}
          </span>
        ) : null}
      </dd>
    </div>
  );
}

type Totals = { grams: number; exchanges: number; co2e: Co2e };

/**
 * An organisation's confirmed exchanges: tonnes diverted (as supplier) and used (as receiver), how
 * many exchanges, and the CO₂e estimate over both. Nothing when it has none.
 */
export function OrganisationExchangeTotals({ totals }: { totals: { diverted: Totals; used: Totals; all: Totals } }) {
  const t = useT();
  const locale = useLocale();
  if (totals.all.exchanges === 0) return null;
  return (
    <section aria-labelledby="exchange-totals-heading" className="card" data-exchange-totals>
      <h2 id="exchange-totals-heading" className="mb-2 text-xl font-bold">
        {t("xr.rollup.title")}
      </h2>
      <p className="mb-3 text-sm text-stone-700">{t("xr.rollup.lead")}</p>
      <dl className="grid gap-3 sm:grid-cols-3">
        {(["diverted", "used"] as const).map((side) => (
          <div key={side} data-indicator={side === "diverted" ? "waste_diverted_t" : "secondary_material_t"} data-grams={totals[side].grams}>
            <dt className="text-stone-700">{t(side === "diverted" ? "xr.rollup.diverted" : "xr.rollup.used")}</dt>
            <dd className="font-semibold">{t("xr.rollup.tonnes", { value: tonnesText(locale, totals[side].grams) })}</dd>
            <dd className="text-sm text-stone-700">{t.count("xr.rollup.exchanges", totals[side].exchanges)}</dd>
          </div>
        ))}
        <Co2eEstimate co2e={totals.all.co2e} />
      </dl>
    </section>
  );
}

/** "of which X t from N confirmed exchanges", beside an indicator total that includes them. */
export function OfWhichFromExchanges({ totals }: { totals: { grams: number; exchanges: number } }) {
  const t = useT();
  const locale = useLocale();
  if (totals.exchanges === 0) return null;
  return (
    <span className="block text-xs font-normal text-stone-700" data-from-exchanges={totals.grams}>
      {t.count("xr.rollup.ofWhich", totals.exchanges, { value: tonnesText(locale, totals.grams) })}
    </span>
  );
}

/** Alliance-wide confirmed exchanges as rollups.ts `exchangeFigures` gives them. */
export type ExchangeFigures = {
  months: ReadonlyArray<{ month: string; tonnes: number; exchanges: number; co2eT: number }>;
  total: { tonnes: number; exchanges: number; co2eT: number };
  co2e: Co2e;
};

/** Confirmed exchanges per month (tonnes, how many, CO₂e), then the total with its CO₂e estimate and basis. */
export function ExchangeFiguresTable({ figures }: { figures: ExchangeFigures }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {figures.months.length === 0 ? (
        <p>{t("progress.empty")}</p>
      ) : (
        <ScrollTable caption={t("xr.progress.caption")} columns={[t("xr.col.month"), t("xr.col.tonnes"), t("xr.col.exchanges"), t("xr.col.co2e")]}>
          {figures.months.map((row) => (
            <tr key={row.month} className="border-b border-stone-200" data-month={row.month}>
              <th scope="row" className="p-2 font-normal whitespace-nowrap">
                {formatMonth(locale, row.month)}
              </th>
              <td className="p-2 text-right">{formatNumber(locale, row.tonnes)}</td>
              <td className="p-2 text-right">{formatNumber(locale, row.exchanges)}</td>
              <td className="p-2 text-right">{formatNumber(locale, row.co2eT)}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
      <ExchangeTotals figures={figures} />
    </>
  );
}

/** The confirmed exchanges' total tonnes and count, and the CO₂e estimate with its basis. */
export function ExchangeTotals({ figures }: { figures: ExchangeFigures }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <dl className="grid gap-3 sm:grid-cols-3" data-exchanges-total={figures.total.tonnes}>
        <div>
          <dt className="text-stone-700">{t("xr.col.tonnes")}</dt>
          <dd className="font-semibold">{t("xr.rollup.tonnes", { value: formatNumber(locale, figures.total.tonnes) })}</dd>
          <dd className="text-sm text-stone-700">{t.count("xr.rollup.exchanges", figures.total.exchanges)}</dd>
        </div>
        <Co2eEstimate co2e={figures.co2e} />
      </dl>
    </>
  );
}

/** A table in a box that scrolls sideways on phones (focusable, named "Table: …"), with a caption for screen readers. */
export function ScrollTable({ caption, columns, children }: { caption: string; columns: string[]; children: ReactNode }) {
  const t = useT();
  return (
    <div className="scroll-cue rounded-md border border-stone-200" role="region" aria-label={t("table.region", { name: caption })} tabIndex={0}>
      <table className="w-full min-w-[32rem] border-collapse text-left text-sm [overflow-wrap:normal]">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-stone-300">
            {columns.map((column) => (
              <th key={column} scope="col" className="p-2">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
