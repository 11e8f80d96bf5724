import type { InstantRange } from "#app/.server/organisations/index.ts";
import { limaDay } from "#app/i18n.ts";

/** A report's months, "YYYY-MM" both included, and the instants they span in Lima (UTC ms, `to` excluded). */
export type ReportPeriod = { from: string; to: string; range: InstantRange };

type PeriodError = "progress.report.errors.month" | "progress.report.errors.order";

const MONTH = /^(\d{4})-(\d{2})$/;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/** 00:00 in Lima (UTC−5, no daylight saving) on the first day of a month, as UTC ms; null for a bad month. */
function monthStart(text: string): number | null {
  const match = MONTH.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12) return null;
  return Date.UTC(year, month - 1, 1, 5);
}

/**
 * The report period from `?from=YYYY-MM&to=YYYY-MM` (both months included). Without either, the
 * current year in Lima up to this month. Errors are dictionary keys per field: a month that is not
 * YYYY-MM between 2000 and 2100 (`progress.report.errors.month`), or an end before the start
 * (`progress.report.errors.order`, on `to`). Never throws; `values` are what to show in the form.
 */
export function parseReportPeriod(
  params: URLSearchParams,
  now = Date.now(),
): { ok: true; period: ReportPeriod; values: { from: string; to: string } } | { ok: false; errors: Partial<Record<"from" | "to", PeriodError>>; values: { from: string; to: string } } {
  const today = limaDay(now);
  const from = (params.get("from") ?? `${today.slice(0, 4)}-01`).trim().slice(0, 20);
  const to = (params.get("to") ?? today.slice(0, 7)).trim().slice(0, 20);
  const values = { from, to };
  const start = monthStart(from);
  const end = monthStart(to);
  const errors: Partial<Record<"from" | "to", PeriodError>> = {};
  if (start === null) errors.from = "progress.report.errors.month";
  if (end === null) errors.to = "progress.report.errors.month";
  else if (start !== null && end < start) errors.to = "progress.report.errors.order";
  if (start === null || end === null || errors.to) return { ok: false, errors, values };
  const [year, month] = to.split("-").map(Number) as [number, number];
  const after = month === 12 ? Date.UTC(year + 1, 0, 1, 5) : Date.UTC(year, month, 1, 5);
  return { ok: true, period: { from, to, range: { from: start, to: after } }, values };
}
