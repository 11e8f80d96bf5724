import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "#app/.server/auth/index.ts";
import { redirectPastLastPage } from "#app/.server/pagination.ts";
import { dataRightsLog } from "#app/.server/privacy/index.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { formatDateTime } from "#app/i18n.ts";
import { DATA_RIGHTS_REQUEST_KINDS } from "#db/schema/privacy.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "dataRequests.title");

const PageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

// The coordinators' log of data-rights requests (issue 13): kinds and dates, never who or what.
export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, ["coordinator", "admin"]);
  const page = PageSchema.parse(new URL(request.url).searchParams.get("page") ?? 1);
  const log = dataRightsLog(page);
  redirectPastLastPage(request, log.pages);
  return {
    page,
    pages: log.pages,
    total: log.total,
    lastYear: DATA_RIGHTS_REQUEST_KINDS.map((kind) => ({ kind, count: log.lastYear[kind] ?? 0 })),
    rows: log.rows.map((row) => ({ id: row.id, kind: row.kind, createdAt: row.createdAt.getTime() })),
  };
}

export default function DataRequestsPage() {
  const { page, pages, lastYear, rows } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="max-w-3xl">
      <PageTitle lead={t("dataRequests.lead")}>{t("dataRequests.title")}</PageTitle>
      <section aria-labelledby="year-heading" className="card mb-6">
        <h2 id="year-heading" className="text-lg font-semibold">
          {t("dataRequests.lastYear")}
        </h2>
        <ul className="mt-2 space-y-1">
          {lastYear.map(({ kind, count }) => (
            <li key={kind}>
              {t(`dataRequests.kind.${kind}`)}: {t.count("dataRequests.count", count)}
            </li>
          ))}
        </ul>
      </section>
      {rows.length === 0 ? (
        <p>{t("dataRequests.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="mb-2 text-left text-sm text-stone-700">{t("dataRequests.caption")}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="p-2">
                  {t("dataRequests.col.when")}
                </th>
                <th scope="col" className="p-2">
                  {t("dataRequests.col.kind")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-b border-stone-200">
                  <td className="p-2">{formatDateTime(locale, new Date(row.createdAt))}</td>
                  <td className="p-2">{t(`dataRequests.kind.${row.kind}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={pages} hrefFor={(n) => (n > 1 ? `/coordination/data-requests?page=${n}` : "/coordination/data-requests")} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
