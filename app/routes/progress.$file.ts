import type { LoaderFunctionArgs } from "@remix-run/node";
import { progressDataset } from "#app/.server/reporting/index.ts";
import { attachmentHeader } from "#app/.server/downloads.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { isTableId, progressTables, tableRows } from "#app/components/charts/progress-tables.ts";
import { makeTranslator, translate } from "#app/i18n.ts";
import { toCsv } from "#app/utils/csv.ts";
import { notFound } from "#app/utils/http-errors.ts";

// /progress/<table>.csv: one table of the dashboard, headers and labels in the reader's language,
// numbers unformatted (a dot for decimals). Any other name is 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const name = /^([a-z-]+)\.csv$/.exec(params.file ?? "")?.[1];
  if (!name || !isTableId(name)) throw notFound();
  const locale = getLocale(request);
  const table = progressTables(progressDataset(), makeTranslator(locale))[name];
  return new Response(toCsv(tableRows(table)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentHeader(`${translate(locale, "progress.report.filename")}-${name}`, "csv"),
      "Cache-Control": "no-store",
    },
  });
}
