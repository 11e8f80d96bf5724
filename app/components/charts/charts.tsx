// Server-rendered SVG charts (issue 11). Each is an `<svg role="img">` named by the visible heading
// of its figure and described by a short sentence, drawn in a viewBox at width 100% (so it fits a
// 360 px screen), with every value also written as text, and its data table beside it (readable
// without JavaScript). Series differ by colour AND pattern, and a legend names them.
import { useId, type ReactNode } from "react";
import { REGIONS } from "#app/features/organisations/taxonomy.ts";
import { formatNumber } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { TILE_LAYOUT } from "#app/components/region-map.tsx";
import { formatCell, type DataTable } from "./progress-tables.ts";

const WIDTH = 400;

/** A label cut to fit the chart's width (the full text is in the table and the segment's title). */
const clip = (label: string, max = 56) => (label.length > max ? `${label.slice(0, max - 1)}…` : label);

/** Fills with at least 3:1 contrast on white. */
const SERIES = ["#196540", "#b45309", "#075985", "#57534e", "#9d174d"] as const;

/**
 * White marks drawn over a series' colour, so colour is not the only cue: plain, stripes, dots,
 * cross-hatch, stripes the other way. Series i has colour i mod 5 and, after the first five, a
 * shifted pattern, so ten series (the actor types) all differ and neighbours differ in pattern.
 */
const PATTERNS: ReadonlyArray<ReactNode> = [
  null,
  <rect key="s" width="3" height="8" fill="white" fillOpacity="0.55" />,
  <circle key="d" cx="4" cy="4" r="1.8" fill="white" fillOpacity="0.75" />,
  <path key="x" d="M0 4H8M4 0V8" stroke="white" strokeOpacity="0.6" strokeWidth="1.5" />,
  <rect key="b" width="8" height="3" fill="white" fillOpacity="0.55" />,
];
const patternOf = (i: number) => PATTERNS[(i + 2 * Math.floor(i / SERIES.length)) % PATTERNS.length];

type Labelled = { labelledBy: string; describedBy: string };

function svgProps({ labelledBy, describedBy }: Labelled, height: number) {
  return {
    viewBox: `0 0 ${WIDTH} ${height}`,
    role: "img",
    "aria-labelledby": labelledBy,
    "aria-describedby": describedBy,
    className: "h-auto w-full max-w-xl",
    preserveAspectRatio: "xMinYMin meet",
  } as const;
}

/** Pattern definitions for the series of one chart; `fill(i)` is the fill of series `i`. */
function useSeriesFills(count: number) {
  const id = useId().replace(/:/g, "");
  const defs = (
    <defs>
      {Array.from({ length: count }, (_, i) => (
        <pattern key={i} id={`${id}-s${i}`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="8" height="8" fill={SERIES[i % SERIES.length]} />
          {patternOf(i)}
        </pattern>
      ))}
    </defs>
  );
  return { defs, fill: (i: number) => `url(#${id}-s${i})` };
}

function Legend({ series, fill }: { series: string[]; fill: (i: number) => string }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-hidden="true">
      {series.map((label, i) => (
        <li key={label} className="flex items-center gap-1">
          <svg width="16" height="16" aria-hidden="true">
            <rect width="16" height="16" rx="3" fill={fill(i)} />
          </svg>
          {label}
        </li>
      ))}
    </ul>
  );
}

/** A chart with its heading, description, data table (in an open <details>) and CSV download. */
export function ChartFigure({
  id,
  title,
  description,
  table,
  csvHref,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  table: DataTable;
  csvHref?: string;
  children?: (labels: Labelled) => ReactNode;
}) {
  const t = useT();
  const labels = { labelledBy: `${id}-title`, describedBy: `${id}-desc` };
  return (
    <section aria-labelledby={labels.labelledBy} className="card min-w-0 break-inside-avoid space-y-3" data-chart={id}>
      <h3 id={labels.labelledBy} className="text-lg font-bold">
        {title}
      </h3>
      {description ? (
        <p id={labels.describedBy} className="text-sm text-stone-700">
          {description}
        </p>
      ) : null}
      {table.rows.length === 0 ? <p>{t("progress.empty")}</p> : children?.(labels)}
      {table.rows.length > 0 ? (
        <details open className="group">
          <summary className="cursor-pointer font-semibold print:hidden">{t("progress.showTable")}</summary>
          <DataTableView table={table} caption={title} />
        </details>
      ) : null}
      {csvHref ? (
        <p className="print:hidden">
          <a href={csvHref} download>
            {t("progress.downloadCsv")}
          </a>
        </p>
      ) : null}
    </section>
  );
}

/** A data table: the first column as row headers, numbers right-aligned and formatted per language. */
export function DataTableView({ table, caption }: { table: DataTable; caption: string }) {
  const locale = useLocale();
  return (
    <div className="mt-2 overflow-x-auto" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full border-collapse text-left text-sm" data-table={table.id}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-stone-300">
            {table.columns.map((column, i) => (
              <th key={i} scope="col" className={`p-2 ${column.kind === "number" ? "text-right whitespace-nowrap" : ""}`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r} className="border-b border-stone-200">
              {row.map((cell, c) => {
                const column = table.columns[c]!;
                const shown = formatCell(locale, column.kind, cell);
                return c === 0 ? (
                  <th key={c} scope="row" className="p-2 font-normal">
                    {shown}
                  </th>
                ) : (
                  <td key={c} className={`p-2 ${column.kind === "number" ? "text-right tabular-nums" : ""}`}>
                    {shown}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Horizontal bars, one per item: its label above, its value at the bar's end. */
export function BarChart({ items, ...labels }: Labelled & { items: Array<{ label: string; value: number }> }) {
  const locale = useLocale();
  const max = Math.max(1, ...items.map((i) => i.value));
  const row = 40;
  const barWidth = WIDTH - 60;
  return (
    <svg {...svgProps(labels, items.length * row + 4)}>
      {items.map((item, i) => {
        const y = i * row;
        const width = Math.max(item.value > 0 ? 2 : 0, (item.value / max) * barWidth);
        return (
          <g key={i}>
            <text x={0} y={y + 13} className="fill-stone-800 text-[13px]">
              {clip(item.label)}
            </text>
            <rect x={0} y={y + 18} width={width} height={16} rx={2} fill={SERIES[0]}>
              <title>{`${item.label}: ${formatNumber(locale, item.value)}`}</title>
            </rect>
            <text x={width + 6} y={y + 31} className="fill-stone-900 text-[13px] font-semibold">
              {formatNumber(locale, item.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Horizontal bars split into series (stacked), each segment titled, each bar's total written at its end. */
export function StackedBarChart({
  items,
  series,
  ...labels
}: Labelled & { items: Array<{ label: string; values: number[] }>; series: string[] }) {
  const locale = useLocale();
  const { defs, fill } = useSeriesFills(series.length);
  const totals = items.map((i) => i.values.reduce((s, v) => s + v, 0));
  const max = Math.max(1, ...totals);
  const row = 44;
  const barWidth = WIDTH - 60;
  return (
    <>
      <svg {...svgProps(labels, items.length * row + 4)}>
        {defs}
        {items.map((item, i) => {
          const y = i * row;
          let x = 0;
          return (
            <g key={i}>
              <text x={0} y={y + 13} className="fill-stone-800 text-[13px]">
                {clip(item.label)}
              </text>
              {item.values.map((value, s) => {
                const width = (value / max) * barWidth;
                const segment = (
                  <rect key={s} x={x} y={y + 18} width={width} height={20} fill={fill(s)} stroke="white" strokeWidth={1}>
                    <title>{`${series[s]}: ${formatNumber(locale, value)}`}</title>
                  </rect>
                );
                x += width;
                return value > 0 ? segment : null;
              })}
              <text x={x + 6} y={y + 33} className="fill-stone-900 text-[13px] font-semibold">
                {formatNumber(locale, totals[i]!)}
              </text>
            </g>
          );
        })}
      </svg>
      <Legend series={series} fill={fill} />
    </>
  );
}

/** Vertical columns grouped per category (e.g. a year), one per series, each with its value on top. */
export function GroupedColumnChart({
  groups,
  series,
  ...labels
}: Labelled & { groups: Array<{ label: string; values: number[] }>; series: string[] }) {
  const locale = useLocale();
  const { defs, fill } = useSeriesFills(series.length);
  const height = 220;
  const top = 20;
  const bottom = 24;
  const max = Math.max(1, ...groups.flatMap((g) => g.values));
  const groupWidth = WIDTH / Math.max(1, groups.length);
  const column = Math.min(36, (groupWidth - 12) / series.length);
  const plot = height - top - bottom;
  return (
    <>
      <svg {...svgProps(labels, height)}>
        {defs}
        <line x1={0} x2={WIDTH} y1={height - bottom} y2={height - bottom} stroke="#57534e" />
        {groups.map((group, g) => {
          const start = g * groupWidth + (groupWidth - column * series.length) / 2;
          return (
            <g key={g}>
              {group.values.map((value, s) => {
                const h = (value / max) * plot;
                const x = start + s * column;
                return (
                  <g key={s}>
                    <rect x={x + 1} y={height - bottom - h} width={column - 2} height={h} fill={fill(s)}>
                      <title>{`${group.label}, ${series[s]}: ${formatNumber(locale, value)}`}</title>
                    </rect>
                    <text x={x + column / 2} y={height - bottom - h - 4} textAnchor="middle" className="fill-stone-900 text-[11px]">
                      {formatNumber(locale, value)}
                    </text>
                  </g>
                );
              })}
              <text x={g * groupWidth + groupWidth / 2} y={height - 6} textAnchor="middle" className="fill-stone-800 text-[13px] font-semibold">
                {group.label}
              </text>
            </g>
          );
        })}
      </svg>
      <Legend series={series} fill={fill} />
    </>
  );
}

/** A step line of a running total over evenly spaced periods (months), with the first and last labelled. */
export function StepLineChart({ points, ...labels }: Labelled & { points: Array<{ label: string; value: number }> }) {
  const locale = useLocale();
  const height = 200;
  const left = 8;
  const right = 56;
  const top = 16;
  const bottom = 28;
  const max = Math.max(1, ...points.map((p) => p.value));
  const step = (WIDTH - left - right) / Math.max(1, points.length);
  const y = (value: number) => top + (1 - value / max) * (height - top - bottom);
  const base = height - bottom;
  let path = `M ${left} ${base}`;
  points.forEach((p, i) => {
    path += ` V ${y(p.value)} H ${left + (i + 1) * step}`;
  });
  const last = points.at(-1);
  return (
    <svg {...svgProps(labels, height)}>
      <line x1={left} x2={WIDTH - right} y1={base} y2={base} stroke="#57534e" />
      <path d={`${path} V ${base} Z`} fill="#d8f3e1" />
      <path d={path} fill="none" stroke={SERIES[0]} strokeWidth={2.5} />
      {last ? (
        <text x={WIDTH - right + 4} y={y(last.value) + 5} className="fill-stone-900 text-[14px] font-bold">
          {formatNumber(locale, last.value)}
        </text>
      ) : null}
      <text x={left} y={height - 8} className="fill-stone-800 text-[12px]">
        {points[0]?.label}
      </text>
      <text x={WIDTH - right} y={height - 8} textAnchor="end" className="fill-stone-800 text-[12px]">
        {last?.label}
      </text>
    </svg>
  );
}

const TILE = 64;
const STEP = 70;
// Five shades from none to the most; labels switch to white on the two darkest.
const SHADES = [
  { fill: "#e7e5e4", text: "#292524" },
  { fill: "#d8f3e1", text: "#14432d" },
  { fill: "#80d0a3", text: "#14432d" },
  { fill: "#1f7f4c", text: "#ffffff" },
  { fill: "#14432d", text: "#ffffff" },
] as const;

/** The regions' tile map (TILE_LAYOUT of region-map.tsx), each tile shaded by its value relative to the largest and showing it. */
export function RegionValueMap({ values, ...labels }: Labelled & { values: Record<string, number> }) {
  const locale = useLocale();
  const max = Math.max(0, ...Object.values(values));
  const shade = (value: number) => SHADES[value <= 0 || max === 0 ? 0 : Math.min(4, 1 + Math.floor((value / max) * 3.999))]!;
  return (
    <div className="mx-auto w-full max-w-sm">
      <svg viewBox={`0 0 ${6 * STEP} ${8 * STEP}`} role="img" aria-labelledby={labels.labelledBy} aria-describedby={labels.describedBy} className="h-auto w-full">
        {REGIONS.map((region) => {
          const [col, row] = TILE_LAYOUT[region.code];
          const value = values[region.code] ?? 0;
          const { fill, text } = shade(value);
          const x = col * STEP;
          const y = row * STEP;
          return (
            <g key={region.code} data-region={region.code} data-value={value}>
              <title>{`${region.name}: ${formatNumber(locale, value)}`}</title>
              <rect x={x} y={y} width={TILE} height={TILE} rx={8} fill={fill} stroke="#ffffff" strokeWidth={2} />
              <text x={x + TILE / 2} y={y + 27} textAnchor="middle" fill={text} className="text-[15px] font-bold">
                {region.code}
              </text>
              <text x={x + TILE / 2} y={y + 48} textAnchor="middle" fill={text} className="text-[15px]">
                {formatNumber(locale, value)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
