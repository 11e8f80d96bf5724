// Server-rendered SVG charts (issue 11). Each is an `<svg role="img">` named by the visible heading
// of its figure and described by a short sentence, drawn in a viewBox at width 100% (so it fits a
// 360 px screen), with every value also written as text, and its data table beside it (readable
// without JavaScript). Series differ by colour AND pattern, and a legend names them.
// Sizes: the viewBox is WIDTH units wide and drawn between about 0.85 (a 360 px phone, or a third
// of a wide screen) and 1.5 px per unit, so text of FONT units stays at 12 px or more on screen.
import { useId, type ReactNode } from "react";
import { REGIONS } from "#app/features/organisations/taxonomy.ts";
import { formatNumber } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { TILE_LAYOUT } from "#app/components/region-map.tsx";
import { formatCell, type ColumnKind, type DataTable } from "./progress-tables.ts";

const WIDTH = 320;
/** Text size in viewBox units (labels and values). */
const FONT = 14;

/** Room (viewBox units) that the widest of `labels` needs at FONT, bold, plus a gap. */
const textRoom = (labels: string[]) => Math.ceil(Math.max(1, ...labels.map((l) => l.length)) * FONT * 0.62) + 8;

/** A label cut to fit the chart's width (the full text is in the table and the segment's title). */
const clip = (label: string, max = 40) => (label.length > max ? `${label.slice(0, max - 1)}…` : label);

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
    // At most 1.5 px per unit (WIDTH × 1.5); smaller on paper.
    className: "h-auto w-full max-w-[480px] print:max-w-[18rem]",
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

/**
 * A chart with its heading, description, data table and CSV download. The table sits in an open
 * <details> on screen; with `plainTable` (the printable report) it is shown as is. In print the
 * figure (heading, description, chart) and each table row stay whole on a page, and with
 * `tableBeside` the table stands beside the figure (for narrow tables of full-width figures).
 */
export function ChartFigure({
  id,
  title,
  description,
  table,
  csvHref,
  plainTable = false,
  tableBeside = false,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  table: DataTable;
  csvHref?: string;
  plainTable?: boolean;
  tableBeside?: boolean;
  children?: (labels: Labelled) => ReactNode;
}) {
  const t = useT();
  const labels = { labelledBy: `${id}-title`, describedBy: `${id}-desc` };
  const empty = table.rows.length === 0;
  return (
    <section
      aria-labelledby={labels.labelledBy}
      className={`card min-w-0 space-y-3 print:space-y-2 print:p-3 print:shadow-none ${tableBeside ? "print:grid print:grid-cols-2 print:items-start print:gap-x-4" : ""}`}
      data-chart={id}
    >
      <div className="space-y-3 break-inside-avoid print:space-y-2">
        <h3 id={labels.labelledBy} className="text-lg font-bold break-after-avoid">
          {title}
        </h3>
        {description ? (
          <p id={labels.describedBy} className="text-sm text-stone-700 print:text-xs">
            {description}
          </p>
        ) : null}
        {empty ? <p>{t("progress.empty")}</p> : children?.(labels)}
      </div>
      {empty ? null : plainTable ? (
        <DataTableView table={table} caption={title} />
      ) : (
        <details open className="group">
          <summary className="cursor-pointer font-semibold print:hidden">{t("progress.showTable")}</summary>
          <DataTableView table={table} caption={title} />
        </details>
      )}
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

/** Classes of a table cell: years, months and numbers on one line, numbers right-aligned; text columns wide enough to read. */
function cellClass(kind: ColumnKind, first: boolean) {
  if (kind === "number") return "text-right whitespace-nowrap tabular-nums";
  if (kind === "year" || kind === "month") return "whitespace-nowrap";
  return first ? "min-w-[9rem] print:min-w-[7rem]" : "min-w-[7rem]";
}

/** On paper, the header of a number column in a wide table reads upwards, so the columns fit A4 without breaking words. */
const VERTICAL_IN_PRINT = "print:inline-block print:max-h-36 print:rotate-180 print:text-left print:[writing-mode:vertical-rl]";

/**
 * A data table: the first column as row headers, numbers right-aligned and formatted per language.
 * Words never break inside (the page's `overflow-wrap: anywhere` is for user text): a table wider
 * than its card scrolls sideways in its own box, never the page; on paper, a table of more than
 * seven columns writes its number headers upwards.
 */
export function DataTableView({ table, caption }: { table: DataTable; caption: string }) {
  const locale = useLocale();
  const t = useT();
  const wide = table.columns.length > 7;
  return (
    <div className="scroll-cue mt-2 print:overflow-visible print:bg-none" tabIndex={0} role="region" aria-label={t("table.region", { name: caption })}>
      <table className="w-full border-collapse text-left text-sm [overflow-wrap:normal] print:text-xs" data-table={table.id}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-stone-300">
            {table.columns.map((column, i) => (
              <th
                key={i}
                scope="col"
                className={`p-2 align-bottom print:p-1 ${column.kind === "number" ? "min-w-[5.5rem] text-right print:min-w-0" : cellClass(column.kind, i === 0)}`}
              >
                {wide && column.kind === "number" ? <span className={VERTICAL_IN_PRINT}>{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r} className="border-b border-stone-200 break-inside-avoid">
              {row.map((cell, c) => {
                const column = table.columns[c]!;
                const shown = formatCell(locale, column.kind, cell);
                return c === 0 ? (
                  <th key={c} scope="row" className={`p-2 font-normal print:p-1 ${cellClass(column.kind, true)}`}>
                    {shown}
                  </th>
                ) : (
                  <td key={c} className={`p-2 print:p-1 ${cellClass(column.kind, false)}`}>
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

/** Horizontal bars, one per item: its label above, its value at the bar's end (room kept for the widest). */
export function BarChart({ items, ...labels }: Labelled & { items: Array<{ label: string; value: number }> }) {
  const locale = useLocale();
  const max = Math.max(1, ...items.map((i) => i.value));
  const row = 44;
  const values = items.map((item) => formatNumber(locale, item.value));
  const barWidth = WIDTH - textRoom(values);
  return (
    <svg {...svgProps(labels, items.length * row + 4)}>
      {items.map((item, i) => {
        const y = i * row;
        const width = Math.max(item.value > 0 ? 2 : 0, (item.value / max) * barWidth);
        return (
          <g key={i}>
            <text x={0} y={y + 15} fontSize={FONT} className="fill-stone-800">
              {clip(item.label)}
            </text>
            <rect x={0} y={y + 21} width={width} height={18} rx={2} fill={SERIES[0]}>
              <title>{`${item.label}: ${values[i]}`}</title>
            </rect>
            <text x={width + 6} y={y + 35} fontSize={FONT} className="fill-stone-900 font-semibold">
              {values[i]}
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
  const totals = items.map((i) => formatNumber(locale, i.values.reduce((s, v) => s + v, 0)));
  const max = Math.max(1, ...items.map((i) => i.values.reduce((s, v) => s + v, 0)));
  const row = 46;
  const barWidth = WIDTH - textRoom(totals);
  return (
    <>
      <svg {...svgProps(labels, items.length * row + 4)}>
        {defs}
        {items.map((item, i) => {
          const y = i * row;
          let x = 0;
          return (
            <g key={i}>
              <text x={0} y={y + 15} fontSize={FONT} className="fill-stone-800">
                {clip(item.label)}
              </text>
              {item.values.map((value, s) => {
                const width = (value / max) * barWidth;
                const segment = (
                  <rect key={s} x={x} y={y + 21} width={width} height={20} fill={fill(s)} stroke="white" strokeWidth={1}>
                    <title>{`${series[s]}: ${formatNumber(locale, value)}`}</title>
                  </rect>
                );
                x += width;
                return value > 0 ? segment : null;
              })}
              <text x={x + 6} y={y + 36} fontSize={FONT} className="fill-stone-900 font-semibold">
                {totals[i]}
              </text>
            </g>
          );
        })}
      </svg>
      <Legend series={series} fill={fill} />
    </>
  );
}

/**
 * Bars grouped per category (e.g. a year), one row per category: its label, then one bar per
 * series with its value at the end. Rows, not columns, so that many years still fit a phone.
 */
export function GroupedBarChart({
  groups,
  series,
  ...labels
}: Labelled & { groups: Array<{ label: string; values: number[] }>; series: string[] }) {
  const locale = useLocale();
  const { defs, fill } = useSeriesFills(series.length);
  const max = Math.max(1, ...groups.flatMap((g) => g.values));
  const values = groups.map((g) => g.values.map((v) => formatNumber(locale, v)));
  const barWidth = WIDTH - textRoom(values.flat());
  const bar = 16;
  const row = 22 + series.length * (bar + 2) + 6;
  return (
    <>
      <svg {...svgProps(labels, groups.length * row)}>
        {defs}
        {groups.map((group, g) => {
          const y = g * row;
          return (
            <g key={g}>
              <text x={0} y={y + 15} fontSize={FONT} className="fill-stone-800 font-semibold">
                {clip(group.label)}
              </text>
              {group.values.map((value, s) => {
                const top = y + 21 + s * (bar + 2);
                const width = Math.max(value > 0 ? 2 : 0, (value / max) * barWidth);
                return (
                  <g key={s}>
                    <rect x={0} y={top} width={width} height={bar} fill={fill(s)}>
                      <title>{`${group.label}, ${series[s]}: ${values[g]![s]}`}</title>
                    </rect>
                    <text x={width + 6} y={top + 13} fontSize={FONT} className="fill-stone-900">
                      {values[g]![s]}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <Legend series={series} fill={fill} />
    </>
  );
}

/**
 * A step line of a running total over evenly spaced periods (months), with the first and last
 * labelled; a single period is a single point with its one label.
 */
export function StepLineChart({ points, ...labels }: Labelled & { points: Array<{ label: string; value: number }> }) {
  const locale = useLocale();
  const height = 200;
  const left = 8;
  const last = points.at(-1);
  const lastValue = last ? formatNumber(locale, last.value) : "";
  const right = textRoom([lastValue]);
  const top = 16;
  const bottom = 30;
  const max = Math.max(1, ...points.map((p) => p.value));
  const step = (WIDTH - left - right) / Math.max(1, points.length);
  const y = (value: number) => top + (1 - value / max) * (height - top - bottom);
  const base = height - bottom;
  const axis = <line x1={left} x2={WIDTH - right} y1={base} y2={base} stroke="#57534e" />;
  if (points.length === 1) {
    const x = (left + WIDTH - right) / 2;
    return (
      <svg {...svgProps(labels, height)}>
        {axis}
        <line x1={x} x2={x} y1={base} y2={y(last!.value)} stroke={SERIES[0]} strokeWidth={2.5} />
        <circle cx={x} cy={y(last!.value)} r={6} fill={SERIES[0]} />
        <text x={x + 10} y={y(last!.value) + 5} fontSize={FONT} className="fill-stone-900 font-bold">
          {lastValue}
        </text>
        <text x={x} y={height - 8} textAnchor="middle" fontSize={FONT} className="fill-stone-800">
          {last!.label}
        </text>
      </svg>
    );
  }
  let path = `M ${left} ${base}`;
  points.forEach((p, i) => {
    path += ` V ${y(p.value)} H ${left + (i + 1) * step}`;
  });
  return (
    <svg {...svgProps(labels, height)}>
      {axis}
      <path d={`${path} V ${base} Z`} fill="#d8f3e1" />
      <path d={path} fill="none" stroke={SERIES[0]} strokeWidth={2.5} />
      {last ? (
        <text x={WIDTH - right + 4} y={y(last.value) + 5} fontSize={FONT} className="fill-stone-900 font-bold">
          {lastValue}
        </text>
      ) : null}
      <text x={left} y={height - 8} fontSize={FONT} className="fill-stone-800">
        {points[0]?.label}
      </text>
      <text x={WIDTH - right} y={height - 8} textAnchor="end" fontSize={FONT} className="fill-stone-800">
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
    <div className="mx-auto w-full max-w-sm print:max-w-[12rem]">
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
              <text x={x + TILE / 2} y={y + 28} textAnchor="middle" fill={text} fontSize={17} className="font-bold">
                {region.code}
              </text>
              <text x={x + TILE / 2} y={y + 50} textAnchor="middle" fill={text} fontSize={17}>
                {formatNumber(locale, value)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
