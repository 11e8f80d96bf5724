// The progress dashboard's dataset and the coordinators' report (issue 11). Reporting reads
// across features only through the stats functions their index.ts exports.
import { eventStats, type EventYear } from "#app/.server/events/index.ts";
import { exchangeFigures } from "#app/.server/exchange/index.ts";
import { initiativeStats, initiativesPublishedIn } from "#app/.server/initiatives/index.ts";
import { newMembersIn, organisationStats, type InstantRange } from "#app/.server/organisations/index.ts";
import { versionedCache } from "#app/.server/versioned-cache.ts";
import { INDICATORS, type IndicatorCode } from "#app/features/initiatives/taxonomy.ts";
import { REGIONS } from "#app/features/organisations/taxonomy.ts";
import { limaDay } from "#app/i18n.ts";

export { FIRST_REPORT_MONTH, MAX_REPORT_MONTHS, parseReportPeriod, type ReportPeriod } from "./period.ts";

/** The unit each indicator's `value` is given in (the unit its label shows). */
export const INDICATOR_UNITS: Record<IndicatorCode, string> = {
  waste_diverted_t: "t",
  secondary_material_t: "t",
  water_saved_m3: "m3",
  energy_saved_mwh: "MWh",
  co2e_avoided_t: "tCO2e",
  jobs_created: "jobs",
  msmes_involved: "organisations",
  people_trained: "people",
  pen_invested: "PEN",
};

type Dated = { month: string; new: number; total: number };

/** One indicator's totals, each `value` in `unit` (stored integers divided by the indicator's scale). */
export type IndicatorTotals = {
  indicator: IndicatorCode;
  unit: string;
  total: number;
  byYear: Array<{ year: string; value: number }>;
  byRoadmap: Array<{ roadmap: string; year: string; value: number }>;
  /** An update counts in full in every region of its initiative: regions do not add up to `total`. */
  byRegion: Array<{ region: string; year: string; value: number }>;
  /**
   * For waste_diverted_t and secondary_material_t: the tonnes of confirmed resource exchanges
   * (issue 12) included in `total` and `byYear` (not in byRoadmap / byRegion, which are what
   * initiatives reported), and how many exchanges; null for the other indicators.
   */
  fromExchanges: { value: number; exchanges: number } | null;
};

/** The indicators confirmed exchanges add to (each exchange's tonnes count in both). */
const EXCHANGE_INDICATORS: readonly IndicatorCode[] = ["waste_diverted_t", "secondary_material_t"];

/**
 * The progress dataset (the body of /progress.json; field names are stable):
 * - `members`: approved organisations. `total`; `byActorType` [{actorType, count}] (most first);
 *   `overTime` [{month "YYYY-MM" (Lima), new, total}] every month from the first approval, `total`
 *   cumulative; `overTimeByActorType` [{month, actorType, new, total (cumulative per type)}] only
 *   months with news; `byRegion` [{region (code), count}] every region, head office and operating regions.
 * - `signatories`: Pact signatures in force of approved organisations: `total`, `overTime` as above.
 * - `initiatives`: public (not draft, lead approved). `total`; `byRegion` [{region, count}] every
 *   region; `byLine` [{roadmap, approach, status, count}]; `partnerCounts` [{partners, initiatives}]
 *   (active partners per initiative); `topByPartners` [{slug, title, partners}].
 * - `indicators`: [IndicatorTotals] one per indicator code, in INDICATORS order, even when nothing
 *   was reported; values in the shown unit (tonnes, m³, MWh, tCO₂e, counts, soles).
 * - `events`: [{year, events, held, confirmed, attended}] published events per Lima year.
 * - `exchanges`: confirmed resource exchanges of materials by mass (issue 12; exchangeFigures in
 *   exchange/rollups.ts): `months` [{month, tonnes, exchanges, co2eT}], `years`, `total`
 *   {tonnes, exchanges, co2eT}, `co2e` (the estimate's basis: kg, grams per category, factors);
 *   already included in the waste diverted and secondary material indicators (`fromExchanges`).
 */
export type ProgressDataset = ReturnType<typeof composeDataset>;

/** Confirmed resource exchanges (issue 12) for the dataset, in the days of `range` (Lima) if given (rollups.ts exchangeFigures). */
function exchangesIn(range?: InstantRange) {
  return exchangeFigures(range && { from: limaDay(range.from), to: limaDay(range.to) });
}

const byCountDesc = <T extends { count: number }>(rows: T[]) => [...rows].sort((a, b) => b.count - a.count);

/** "2024-11" → "2024-12". */
export function nextMonth(month: string) {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
}

/** Months a report's cumulative series span ("YYYY-MM", both included) and the total carried into the first. */
type Span = { from: string; to: string; carried: number };

/**
 * Every month from the first with news to `until` ("YYYY-MM", this month: a cumulative total holds
 * until something changes it), new and cumulative counts; with `span`, every month of it, the total
 * starting from `span.carried` (empty only when nothing was there or new).
 */
function monthly(rows: ReadonlyArray<{ month: string; count: number }>, until: string, span?: Span): Dated[] {
  const news = new Map<string, number>();
  for (const row of rows) news.set(row.month, (news.get(row.month) ?? 0) + row.count);
  const months = [...news.keys()].sort();
  const latest = months.at(-1);
  const [first, last, carried] = span ? [span.from, span.to, span.carried] : [months[0], latest && latest < until ? until : latest, 0];
  if (!first || !last || (carried === 0 && months.length === 0)) return [];
  const series: Dated[] = [];
  let total = carried;
  for (let month = first; month <= last; month = nextMonth(month)) {
    total += news.get(month) ?? 0;
    series.push({ month, new: news.get(month) ?? 0, total });
  }
  return series;
}

function everyRegion(rows: ReadonlyArray<{ region: string; count: number }>) {
  const counts = new Map(rows.map((r) => [r.region, r.count]));
  return REGIONS.map((r) => ({ region: r.code as string, count: counts.get(r.code) ?? 0 }));
}

const round = (value: number) => Math.round(value * 1000) / 1000;

function indicatorTotals(stats: ReturnType<typeof initiativeStats>, exchanges: ReturnType<typeof exchangesIn>): IndicatorTotals[] {
  return INDICATORS.map(({ code, scale }) => {
    const value = (stored: number) => round(stored / scale);
    const roadmaps = stats.indicatorsByRoadmap.filter((r) => r.indicator === code);
    const years = new Map<string, number>();
    for (const r of roadmaps) years.set(r.year, (years.get(r.year) ?? 0) + r.total);
    // Tonnes from confirmed exchanges, in the indicator's stored unit (kilograms).
    const exchanged = EXCHANGE_INDICATORS.includes(code);
    if (exchanged) for (const y of exchanges.years) years.set(y.year, (years.get(y.year) ?? 0) + Math.round(y.tonnes * scale));
    return {
      indicator: code,
      unit: INDICATOR_UNITS[code],
      total: value(roadmaps.reduce((sum, r) => sum + r.total, 0) + (exchanged ? Math.round(exchanges.total.tonnes * scale) : 0)),
      byYear: [...years].sort(([a], [b]) => a.localeCompare(b)).map(([year, total]) => ({ year, value: value(total) })),
      byRoadmap: roadmaps.map((r) => ({ roadmap: r.roadmap, year: r.year, value: value(r.total) })),
      byRegion: stats.indicatorsByRegion.filter((r) => r.indicator === code).map((r) => ({ region: r.region, year: r.year, value: value(r.total) })),
      fromExchanges: exchanged ? { value: exchanges.total.tonnes, exchanges: exchanges.total.exchanges } : null,
    };
  });
}

/**
 * The dataset from four features' stats (organisations, initiatives, events, the exchange): four
 * statements. `now` (UTC ms) decides which events were held. With a report `period`, figures are
 * the period's, and the cumulative ones
 * (members and signatories over time, members by actor type and region) include what was there
 * when it began, their monthly series running from its first month to its last (or this month).
 */
function composeDataset(now: number, period?: { from: string; to: string; range: InstantRange }) {
  const range = period?.range;
  const organisations = organisationStats(range);
  const initiatives = initiativeStats(range);
  const events: EventYear[] = eventStats(now, range);
  const exchanges = exchangesIn(range);
  const thisMonth = limaDay(now).slice(0, 7);
  const span = (carried: number): Span | undefined =>
    period && { from: period.from, to: period.to < thisMonth ? period.to : thisMonth, carried };
  // Per actor type: what was carried into the period (at its first month), then each month's news.
  const perType = new Map<string, number>();
  const byMonthAndType = new Map<string, { month: string; actorType: string; new: number; total: number }>();
  for (const row of organisations.before.members) {
    perType.set(row.actorType, row.count);
    byMonthAndType.set(`${period!.from} ${row.actorType}`, { month: period!.from, actorType: row.actorType, new: 0, total: row.count });
  }
  for (const row of organisations.joined) {
    const total = (perType.get(row.actorType) ?? 0) + row.count;
    perType.set(row.actorType, total);
    const entry = byMonthAndType.get(`${row.month} ${row.actorType}`);
    if (entry) Object.assign(entry, { new: entry.new + row.count, total });
    else byMonthAndType.set(`${row.month} ${row.actorType}`, { month: row.month, actorType: row.actorType, new: row.count, total });
  }
  const overTimeByActorType = [...byMonthAndType.values()].sort((a, b) => a.month.localeCompare(b.month) || a.actorType.localeCompare(b.actorType));
  const members = monthly(organisations.joined, thisMonth, span(organisations.before.members.reduce((sum, r) => sum + r.count, 0)));
  const signatories = monthly(organisations.signatures, thisMonth, span(organisations.before.signatures));
  return {
    members: {
      total: members.at(-1)?.total ?? 0,
      byActorType: byCountDesc([...perType].map(([actorType, count]) => ({ actorType, count }))),
      overTime: members,
      overTimeByActorType,
      byRegion: everyRegion(organisations.regions),
    },
    signatories: { total: signatories.at(-1)?.total ?? 0, overTime: signatories },
    initiatives: {
      total: initiatives.lines.reduce((sum, l) => sum + l.count, 0),
      byRegion: everyRegion(initiatives.regions),
      byLine: initiatives.lines,
      partnerCounts: initiatives.partnerCounts,
      topByPartners: initiatives.topByPartners,
    },
    indicators: indicatorTotals(initiatives, exchanges),
    events,
    exchanges,
  };
}

const HOUR = 3_600_000;

// Keyed by the hour: two entries (this hour and the last) are all that is ever asked for again.
const cachedDataset = versionedCache(["organisations", "initiatives", "events", "exchange"], (hour: number) => composeDataset(hour), 2);

/**
 * The whole public dataset (see ProgressDataset), computed once and reused until organisations,
 * initiatives, events or the exchange change, or the hour turns (events end with the clock): a cold
 * call runs four statements, a warm one the version read only. Deep-frozen: do not mutate.
 */
export function progressDataset(now = Date.now()): ProgressDataset {
  return cachedDataset(Math.floor(now / HOUR) * HOUR);
}

/**
 * The coordinators' report for the months `from`..`to` ("YYYY-MM", both included, in Lima; see
 * parseReportPeriod): the dataset's figures restricted to the period (initiatives published, exchanges that moved,
 * indicator values reported and events starting in it; partner figures are not period figures and
 * are left out). Member and signatory figures are cumulative: their series run over the period's
 * months (up to this month) from the totals at its start, `overTimeByActorType` also has an entry
 * at its first month per actor type already there, and `members.byRegion` / `byActorType` are the
 * members at its end. Plus the lists of new members, new signatories and newly published
 * initiatives. Six statements; never cached (coordinators only).
 */
export function reportForPeriod(period: { from: string; to: string; range: InstantRange }, now = Date.now()) {
  const figures = composeDataset(now, period);
  const joined = newMembersIn(period.range);
  const { partnerCounts: _partners, topByPartners: _top, ...initiatives } = figures.initiatives;
  return {
    from: period.from,
    to: period.to,
    ...figures,
    initiatives,
    newMembers: joined.filter((m) => m.kind === "member"),
    newSignatories: joined.filter((m) => m.kind === "signatory"),
    newInitiatives: initiativesPublishedIn(period.range),
  };
}

export type PeriodReport = ReturnType<typeof reportForPeriod>;
