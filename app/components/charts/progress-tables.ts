// The data tables behind the progress dashboard's charts (issue 11): one definition used by the
// page (each chart's table), the CSV downloads (/progress/<id>.csv) and the printable report.
import { PUBLIC_STATUSES } from "#app/features/initiatives/filters.ts";
import { approachLabel, indicatorLabel, initiativeStatusLabel } from "#app/features/initiatives/labels.ts";
import { INDICATORS, INDUSTRY_APPROACHES, type IndicatorCode } from "#app/features/initiatives/taxonomy.ts";
import { actorTypeLabel, roadmapLabel } from "#app/features/organisations/labels.ts";
import { regionName, REGIONS, ROADMAPS } from "#app/features/organisations/taxonomy.ts";
import { dateTimeFormat, formatNumber, type Locale, type Translate } from "#app/i18n.ts";

/** The tables of several series, by the name of their CSV download. */
export const TABLE_IDS = [
  "members-over-time",
  "members-by-type-over-time",
  "members-by-type",
  "signatories-over-time",
  "members-by-region",
  "initiatives-by-region",
  "initiatives-by-roadmap",
  "partners-per-initiative",
  "top-initiatives",
  "event-attendance",
  "indicators-by-year",
  "indicators-by-roadmap",
  "indicators-by-region",
  "exchanges-by-month",
] as const;
export type TableId = (typeof TABLE_IDS)[number];
/** One indicator's table (its totals per year), e.g. "indicator-water_saved_m3". */
export type IndicatorTableId = `indicator-${IndicatorCode}`;

export const indicatorTableId = (code: IndicatorCode): IndicatorTableId => `indicator-${code}`;
const INDICATOR_TABLE_IDS: readonly string[] = INDICATORS.map((i) => indicatorTableId(i.code));

export const isTableId = (value: string): value is TableId => (TABLE_IDS as readonly string[]).includes(value);
export const isIndicatorTableId = (value: string): value is IndicatorTableId => INDICATOR_TABLE_IDS.includes(value);

/**
 * "text": as is; "year": "YYYY", kept on one line; "number": formatted per language on the page,
 * plain in CSV; "month": "YYYY-MM", shown as the month's name.
 */
export type ColumnKind = "text" | "year" | "number" | "month";
export type DataTable = { id: string; columns: Array<{ label: string; kind: ColumnKind }>; rows: Array<Array<string | number>> };

/** What the tables are made from: the dataset of /progress.json, or a report's period figures. */
export type TableSource = {
  members: {
    overTime: ReadonlyArray<{ month: string; new: number; total: number }>;
    overTimeByActorType: ReadonlyArray<{ month: string; actorType: string; new: number; total: number }>;
    byActorType: ReadonlyArray<{ actorType: string; count: number }>;
    byRegion: ReadonlyArray<{ region: string; count: number }>;
  };
  signatories: { overTime: ReadonlyArray<{ month: string; new: number; total: number }> };
  initiatives: {
    byRegion: ReadonlyArray<{ region: string; count: number }>;
    byLine: ReadonlyArray<{ roadmap: string; approach: string | null; status: string; count: number }>;
    partnerCounts?: ReadonlyArray<{ partners: number; initiatives: number }>;
    topByPartners?: ReadonlyArray<{ slug: string; title: string; partners: number }>;
  };
  indicators: ReadonlyArray<{
    indicator: string;
    total: number;
    byYear: ReadonlyArray<{ year: string; value: number }>;
    byRoadmap: ReadonlyArray<{ roadmap: string; year: string; value: number }>;
    byRegion: ReadonlyArray<{ region: string; year: string; value: number }>;
    /** The part of `total` from confirmed resource exchanges (issue 12), for the two indicators they add to. */
    fromExchanges?: { value: number; exchanges: number } | null;
  }>;
  events: ReadonlyArray<{ year: string; events: number; held: number; confirmed: number; attended: number }>;
  /** Confirmed resource exchanges of materials by mass (issue 12), per month they moved (Lima): tonnes, how many, t CO₂e estimated. */
  exchanges?: { months: ReadonlyArray<{ month: string; tonnes: number; exchanges: number; co2eT: number }> };
};

/** The roadmap lines: each industry approach (and industry without one, if used), then each other roadmap. */
export function roadmapLines(byLine: TableSource["initiatives"]["byLine"]) {
  type Line = { roadmap: string; approach: string | null };
  const lines = ROADMAPS.flatMap((roadmap): Line[] =>
    roadmap === "industry" ? INDUSTRY_APPROACHES.map((approach) => ({ roadmap, approach })) : [{ roadmap, approach: null }],
  );
  if (byLine.some((l) => l.roadmap === "industry" && l.approach === null)) lines.splice(INDUSTRY_APPROACHES.length, 0, { roadmap: "industry", approach: null });
  const sameLine = (a: Line, b: Line) =>
    a.roadmap === b.roadmap && (a.roadmap !== "industry" || a.approach === b.approach);
  return lines.map((line) => ({
    ...line,
    counts: Object.fromEntries(
      PUBLIC_STATUSES.map((status) => [status, byLine.filter((l) => sameLine(l, line) && l.status === status).reduce((sum, l) => sum + l.count, 0)]),
    ) as Record<string, number>,
  }));
}

/**
 * Members at the end of each Lima year, per actor type, cumulative: every year of `overTime` (the
 * monthly series), `counts` in the order of `types` (the actor types of `byActorType`, most members
 * first), each the type's latest cumulative `total` in `overTimeByActorType` up to that year's end.
 */
export function membersByYearAndType(members: TableSource["members"]) {
  const types = members.byActorType.map((r) => r.actorType);
  const first = members.overTime[0]?.month.slice(0, 4);
  const last = members.overTime.at(-1)?.month.slice(0, 4);
  const rows: Array<{ year: string; counts: number[] }> = [];
  for (let year = Number(first); first && last && year <= Number(last); year++) {
    const upTo = members.overTimeByActorType.filter((r) => Number(r.month.slice(0, 4)) <= year);
    rows.push({ year: String(year), counts: types.map((type) => upTo.findLast((r) => r.actorType === type)?.total ?? 0) });
  }
  return { types, rows };
}

export { PUBLIC_STATUSES };

export const lineLabel = (t: Translate, line: { roadmap: string; approach: string | null }) =>
  line.approach ? `${roadmapLabel(t, line.roadmap)} — ${approachLabel(t, line.approach)}` : roadmapLabel(t, line.roadmap);

const sortedYears = (values: Iterable<string>) => [...new Set(values)].sort();

/** Regions with a count, as table rows (the map shows every region; an all-zero table is no data). */
const regionRows = (rows: ReadonlyArray<{ region: string; count: number }>) => rows.filter((r) => r.count > 0).map((r) => [regionName(r.region), r.count]);

/** The table of one indicator's totals per year reported. */
export function indicatorTable(indicator: TableSource["indicators"][number], t: Translate): DataTable {
  return {
    id: indicatorTableId(indicator.indicator as IndicatorCode),
    columns: [
      { label: t("progress.col.year"), kind: "year" },
      { label: indicatorLabel(t, indicator.indicator), kind: "number" },
    ],
    rows: indicator.byYear.map((y) => [y.year, y.value]),
  };
}

/** Every table of the dashboard for `source`, with headers and labels in the reader's language. */
export function progressTables(source: TableSource, t: Translate): Record<TableId, DataTable> {
  const text = (label: string) => ({ label, kind: "text" as const });
  const yearColumn = { label: t("progress.col.year"), kind: "year" as const };
  const num = (label: string) => ({ label, kind: "number" as const });
  const month = { label: t("progress.col.month"), kind: "month" as const };
  const years = sortedYears(source.indicators.flatMap((i) => i.byYear.map((y) => y.year)));
  const sum = (rows: ReadonlyArray<{ value: number }>) => Math.round(rows.reduce((s, r) => s + r.value, 0) * 1000) / 1000;
  const lines = roadmapLines(source.initiatives.byLine);
  const byYearAndType = membersByYearAndType(source.members);
  return {
    "members-over-time": {
      id: "members-over-time",
      columns: [month, num(t("progress.col.newMembers")), num(t("progress.col.totalMembers"))],
      rows: source.members.overTime.map((r) => [r.month, r.new, r.total]),
    },
    "members-by-type-over-time": {
      id: "members-by-type-over-time",
      columns: [yearColumn, ...byYearAndType.types.map((type) => num(actorTypeLabel(t, type))), num(t("progress.col.totalMembers"))],
      rows: byYearAndType.rows.map((r) => [r.year, ...r.counts, r.counts.reduce((total, n) => total + n, 0)]),
    },
    "members-by-type": {
      id: "members-by-type",
      columns: [text(t("progress.col.actorType")), num(t("progress.col.members"))],
      rows: source.members.byActorType.map((r) => [actorTypeLabel(t, r.actorType), r.count]),
    },
    "signatories-over-time": {
      id: "signatories-over-time",
      columns: [month, num(t("progress.col.newSignatories")), num(t("progress.col.totalSignatories"))],
      rows: source.signatories.overTime.map((r) => [r.month, r.new, r.total]),
    },
    "members-by-region": {
      id: "members-by-region",
      columns: [text(t("progress.col.region")), num(t("progress.col.members"))],
      rows: regionRows(source.members.byRegion),
    },
    "initiatives-by-region": {
      id: "initiatives-by-region",
      columns: [text(t("progress.col.region")), num(t("progress.col.initiatives"))],
      rows: regionRows(source.initiatives.byRegion),
    },
    "initiatives-by-roadmap": {
      id: "initiatives-by-roadmap",
      columns: [text(t("progress.col.line")), ...PUBLIC_STATUSES.map((s) => num(initiativeStatusLabel(t, s))), num(t("progress.col.total"))],
      rows: lines.map((line) => [
        lineLabel(t, line),
        ...PUBLIC_STATUSES.map((s) => line.counts[s]!),
        PUBLIC_STATUSES.reduce((total, s) => total + line.counts[s]!, 0),
      ]),
    },
    "partners-per-initiative": {
      id: "partners-per-initiative",
      columns: [num(t("progress.col.partners")), num(t("progress.col.initiatives"))],
      rows: (source.initiatives.partnerCounts ?? []).map((r) => [r.partners, r.initiatives]),
    },
    "top-initiatives": {
      id: "top-initiatives",
      columns: [text(t("progress.col.initiative")), num(t("progress.col.partners"))],
      rows: (source.initiatives.topByPartners ?? []).map((r) => [r.title, r.partners]),
    },
    "event-attendance": {
      id: "event-attendance",
      columns: [
        yearColumn,
        num(t("progress.col.events")),
        num(t("progress.col.held")),
        num(t("progress.col.confirmed")),
        num(t("progress.col.attended")),
      ],
      rows: source.events.map((r) => [r.year, r.events, r.held, r.confirmed, r.attended]),
    },
    "indicators-by-year": {
      id: "indicators-by-year",
      columns: [text(t("progress.col.indicator")), ...years.map(num), num(t("progress.col.total"))],
      rows: source.indicators.map((i) => [
        indicatorLabel(t, i.indicator),
        ...years.map((year) => i.byYear.find((y) => y.year === year)?.value ?? 0),
        i.total,
      ]),
    },
    // Per indicator and year reported (only years with reports), then its roadmaps.
    "indicators-by-roadmap": {
      id: "indicators-by-roadmap",
      columns: [text(t("progress.col.indicator")), yearColumn, ...ROADMAPS.map((r) => num(roadmapLabel(t, r))), num(t("progress.col.total"))],
      rows: source.indicators.flatMap((i) =>
        i.byYear.map((y) => [
          indicatorLabel(t, i.indicator),
          y.year,
          ...ROADMAPS.map((roadmap) => sum(i.byRoadmap.filter((r) => r.roadmap === roadmap && r.year === y.year))),
          y.value,
        ]),
      ),
    },
    "exchanges-by-month": {
      id: "exchanges-by-month",
      columns: [month, num(t("xr.col.tonnes")), num(t("xr.col.exchanges")), num(t("xr.col.co2e"))],
      rows: (source.exchanges?.months ?? []).map((r) => [r.month, r.tonnes, r.exchanges, r.co2eT]),
    },
    // Per region and year with any report; no total column (an initiative counts in each of its regions).
    "indicators-by-region": {
      id: "indicators-by-region",
      columns: [text(t("progress.col.region")), yearColumn, ...INDICATORS.map((i) => num(indicatorLabel(t, i.code)))],
      rows: REGIONS.flatMap((region) =>
        years
          .map((year) => [
            region.name,
            year,
            ...INDICATORS.map((code) =>
              sum(source.indicators.find((i) => i.indicator === code.code)?.byRegion.filter((r) => r.region === region.code && r.year === year) ?? []),
            ),
          ])
          .filter((row) => source.indicators.some((i) => i.byRegion.some((r) => r.region === region.code && r.year === row[1]))),
      ),
    },
  };
}

/** "2024-11" as the language names it: "nov. 2024", "Nov 2024". */
export function formatMonth(locale: Locale, month: string) {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return dateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(year, m - 1, 1)));
}

/** A cell as shown on the page. */
export function formatCell(locale: Locale, kind: ColumnKind, value: string | number) {
  if (kind === "number" && typeof value === "number") return formatNumber(locale, value);
  if (kind === "month" && typeof value === "string") return formatMonth(locale, value);
  return String(value);
}

/** A table as CSV rows: the translated header, then raw values (numbers with a dot, months as YYYY-MM). */
export const tableRows = (table: DataTable) => [table.columns.map((c) => c.label), ...table.rows];
