import type { InstantRange } from "#app/.server/organisations/index.ts";
import { limaDay } from "#app/i18n.ts";

/** A report's months, "YYYY-MM" both included, and the instants they span in Lima (UTC ms, `to` excluded). */
export type ReportPeriod = { from: string; to: string; range: InstantRange };

type PeriodError =
  | "progress.report.errors.month"
  | "progress.report.errors.future"
  | "progress.report.errors.order"
  | "progress.report.errors.span";

const MONTH = /^(\d{4})-(\d{2})$/;
/** The first month a report may start in. */
export const FIRST_REPORT_MONTH = "2000-01";
/** The most months one report may span (ten years). */
export const MAX_REPORT_MONTHS = 120;

/** "YYYY-MM" → months since year 0, or null when it is not such a month from FIRST_REPORT_MONTH on. */
function monthIndex(text: string): number | null {
  const match = MONTH.exec(text);
  if (!match) return null;
  const index = Number(match[1]) * 12 + Number(match[2]) - 1;
  return Number(match[2]) >= 1 && Number(match[2]) <= 12 && text >= FIRST_REPORT_MONTH ? index : null;
}

/** 00:00 in Lima (UTC−5, no daylight saving) on the first day of the month `index` (see monthIndex), as UTC ms. */
const monthStart = (index: number) => Date.UTC(Math.floor(index / 12), index % 12, 1, 5);

/**
 * The report period from `?from=YYYY-MM&to=YYYY-MM` (both months included). Without either, the
 * current year in Lima up to this month. Errors are dictionary keys per field: a month that is not
 * YYYY-MM from FIRST_REPORT_MONTH on (`progress.report.errors.month`), a month after December of
 * the current Lima year (`…errors.future`, `maxMonth`), an end before the start (`…errors.order`,
 * on `to`) or more than MAX_REPORT_MONTHS months (`…errors.span`, on `to`). Never throws; `values`
 * are what to show in the form, `maxMonth` the last month the form accepts.
 */
export function parseReportPeriod(
  params: URLSearchParams,
  now = Date.now(),
):
  | { ok: true; period: ReportPeriod; values: { from: string; to: string }; maxMonth: string }
  | { ok: false; errors: Partial<Record<"from" | "to", PeriodError>>; values: { from: string; to: string }; maxMonth: string } {
  const today = limaDay(now);
  const maxMonth = `${today.slice(0, 4)}-12`;
  const from = (params.get("from") ?? `${today.slice(0, 4)}-01`).trim().slice(0, 20);
  const to = (params.get("to") ?? today.slice(0, 7)).trim().slice(0, 20);
  const values = { from, to };
  const last = monthIndex(maxMonth)!;
  const check = (text: string): { index: number | null; error?: PeriodError } => {
    const index = monthIndex(text);
    if (index === null) return { index, error: "progress.report.errors.month" };
    return index > last ? { index: null, error: "progress.report.errors.future" } : { index };
  };
  const start = check(from);
  const end = check(to);
  const errors: Partial<Record<"from" | "to", PeriodError>> = {};
  if (start.error) errors.from = start.error;
  if (end.error) errors.to = end.error;
  else if (start.index !== null && end.index! < start.index) errors.to = "progress.report.errors.order";
  else if (start.index !== null && end.index! - start.index + 1 > MAX_REPORT_MONTHS) errors.to = "progress.report.errors.span";
  if (start.index === null || end.index === null || errors.to) return { ok: false, errors, values, maxMonth };
  return { ok: true, period: { from, to, range: { from: monthStart(start.index), to: monthStart(end.index + 1) } }, values, maxMonth };
}
