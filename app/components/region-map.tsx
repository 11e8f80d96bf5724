import { Link } from "@remix-run/react";
import { REGIONS, type RegionCode } from "#app/features/organisations/taxonomy.ts";
import { formatNumber } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";

// A tile-grid cartogram: one equal square per region, placed roughly where it lies in Peru.
// Equal tiles keep small regions such as Callao and Lima Metropolitana as visible and clickable
// as Loreto. (Boundary geodata from registry packages is GPL-licensed, see docs/decisions.)
export const TILE_LAYOUT: Record<RegionCode, [col: number, row: number]> = {
  TUM: [0, 0], AMA: [2, 0], LOR: [3, 0],
  PIU: [0, 1], CAJ: [1, 1], SAM: [2, 1],
  LAM: [0, 2], LAL: [1, 2], HUC: [2, 2], UCA: [3, 2],
  ANC: [1, 3], PAS: [2, 3], JUN: [3, 3],
  CAL: [0, 4], LMA: [1, 4], LIM: [2, 4], HUV: [3, 4], CUS: [4, 4], MDD: [5, 4],
  ICA: [2, 5], AYA: [3, 5], APU: [4, 5], PUN: [5, 5],
  ARE: [3, 6], MOQ: [4, 6],
  TAC: [4, 7],
};

const TILE = 64;
const GAP = 6;
const STEP = TILE + GAP;

// Shades for 0, 1–2, 3–5, 6–10 and 11+ organisations.
const BUCKETS = [
  { min: 0, max: 0, fill: "fill-stone-200", text: "fill-stone-800" },
  { min: 1, max: 2, fill: "fill-brand-100", text: "fill-brand-900" },
  { min: 3, max: 5, fill: "fill-brand-300", text: "fill-brand-900" },
  { min: 6, max: 10, fill: "fill-brand-600", text: "fill-white" },
  { min: 11, max: Infinity, fill: "fill-brand-800", text: "fill-white" },
] as const;

const bucketFor = (count: number) => BUCKETS.find((b) => count >= b.min && count <= b.max)!;

/** What the map counts: its table's caption and column and each tile's link text come from it. */
const COUNTED = {
  organisations: { caption: "map.tableCaption", column: "map.count", link: "map.regionLink" },
  listings: { caption: "exch.mapCaption", column: "exch.mapCount", link: "exch.mapRegionLink" },
} as const;

export function RegionMap({
  counts,
  hrefFor,
  title,
  counted = "organisations",
}: {
  counts: Record<string, number>;
  hrefFor: (code: RegionCode) => string;
  title: string;
  /** What `counts` counts per region: member organisations (the directory) or exchange listings. */
  counted?: keyof typeof COUNTED;
}) {
  const keys = COUNTED[counted];
  const t = useT();
  const locale = useLocale();
  const cols = 6;
  const rows = 8;
  return (
    <div className="grid gap-8 lg:grid-cols-[auto_1fr]">
      <figure className="mx-auto w-full max-w-md">
        <svg
          viewBox={`0 0 ${cols * STEP} ${rows * STEP}`}
          role="group"
          aria-label={title}
          className="h-auto w-full"
          data-testid="region-map"
        >
          {REGIONS.map((region) => {
            const [col, row] = TILE_LAYOUT[region.code];
            const count = counts[region.code] ?? 0;
            const bucket = bucketFor(count);
            const x = col * STEP;
            const y = row * STEP;
            return (
              <Link
                key={region.code}
                to={hrefFor(region.code)}
                id={`region-${region.code}`}
                data-region={region.code}
                data-count={count}
                aria-label={t.count(keys.link, count, { region: region.name })}
                className="group no-underline focus:outline-none"
              >
                <title>{t.count(keys.link, count, { region: region.name })}</title>
                <rect
                  x={x}
                  y={y}
                  width={TILE}
                  height={TILE}
                  rx={8}
                  className={`${bucket.fill} stroke-white stroke-2 group-hover:stroke-brand-900 group-focus-visible:stroke-[5] group-focus-visible:stroke-amber-500`}
                />
                <text x={x + TILE / 2} y={y + 27} textAnchor="middle" className={`${bucket.text} text-[15px] font-bold`}>
                  {region.code}
                </text>
                <text x={x + TILE / 2} y={y + 48} textAnchor="middle" className={`${bucket.text} text-[15px]`}>
                  {formatNumber(locale, count)}
                </text>
              </Link>
            );
          })}
        </svg>
        <figcaption className="mt-3">
          <p className="font-semibold">{t("map.legend")}</p>
          <ul className="mt-1 flex flex-wrap gap-3 text-sm">
            {BUCKETS.map((b) => (
              <li key={b.min} className="flex items-center gap-1">
                <svg width="16" height="16" aria-hidden="true">
                  <rect width="16" height="16" rx="3" className={b.fill} />
                </svg>
                {b.max === 0
                  ? t("map.legendNone")
                  : b.max === Infinity
                    ? t("map.legendMore", { from: b.min })
                    : t("map.legendRange", { from: b.min, to: b.max })}
              </li>
            ))}
          </ul>
        </figcaption>
      </figure>
      <table className="h-fit w-full border-collapse bg-white text-left text-sm">
        <caption className="mb-2 text-left text-lg font-semibold">{t(keys.caption)}</caption>
        <thead>
          <tr className="border-b border-stone-300">
            <th scope="col" className="p-2">{t("map.region")}</th>
            <th scope="col" className="p-2 text-right">{t(keys.column)}</th>
          </tr>
        </thead>
        <tbody>
          {REGIONS.map((region) => (
            <tr key={region.code} className="border-b border-stone-200">
              <th scope="row" className="p-2 font-normal">
                <Link to={hrefFor(region.code)}>{region.name}</Link>
              </th>
              <td className="p-2 text-right">{formatNumber(locale, counts[region.code] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
