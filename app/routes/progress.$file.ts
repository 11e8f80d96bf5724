import type { LoaderFunctionArgs } from "@remix-run/node";
import { progressDataset } from "#app/.server/reporting/index.ts";
import { attachmentHeader } from "#app/.server/downloads.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { asciiSlug } from "#app/.server/names.ts";
import {
  indicatorTable,
  indicatorTableId,
  isIndicatorTableId,
  isTableId,
  progressTables,
  tableRows,
  type DataTable,
} from "#app/components/charts/progress-tables.ts";
import { indicatorLabel } from "#app/features/initiatives/labels.ts";
import { makeTranslator } from "#app/i18n.ts";
import { toCsv } from "#app/utils/csv.ts";
import { notFound } from "#app/utils/http-errors.ts";

// /progress/<table>.csv: one table of the dashboard (or /progress/indicator-<code>.csv, one
// indicator's totals per year), headers and labels in the reader's language, numbers unformatted
// (a dot for decimals), saved under a name wholly in that language. Any other name is 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const name = /^([a-z0-9_-]+)\.csv$/.exec(params.file ?? "")?.[1] ?? "";
  const t = makeTranslator(getLocale(request));
  const dataset = progressDataset();
  let table: DataTable;
  let fileName: string;
  if (isTableId(name)) {
    table = progressTables(dataset, t)[name];
    fileName = t(`progress.file.${name}`);
  } else if (isIndicatorTableId(name)) {
    const indicator = dataset.indicators.find((i) => indicatorTableId(i.indicator) === name)!;
    table = indicatorTable(indicator, t);
    fileName = asciiSlug(indicatorLabel(t, indicator.indicator));
  } else throw notFound();
  return new Response(toCsv(tableRows(table)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentHeader(`${t("progress.report.filename")}-${fileName}`, "csv"),
      "Cache-Control": "no-store",
    },
  });
}
