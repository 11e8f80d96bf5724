import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "#app/.server/auth/index.ts";
import { exchangeOverview } from "#app/.server/exchange/index.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { ExchangeFiguresTable, ScrollTable } from "#app/features/exchange/exchange-figures.tsx";
import { categoryLabel } from "#app/features/exchange/labels.ts";
import { regionName } from "#app/features/organisations/taxonomy.ts";
import { formatDateTime, formatNumber } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import type { ReactNode } from "react";

// The coordinators' overview of the resource exchange (issue 12): open listings by category and
// region, wants nobody offers, confirmed exchanges per month with CO₂e, hidden listings.
// Coordinators and admins; members 403; anonymous → log in.

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "xr.overview.title");

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, ["coordinator", "admin"]);
  return exchangeOverview();
}

export default function ExchangeOverviewPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-8">
      <PageTitle lead={t("xr.overview.lead")}>{t("xr.overview.title")}</PageTitle>

      <Section id="open" title={t("xr.overview.open")}>
        {data.open.length === 0 ? (
          <p>{t("xr.overview.noOpen")}</p>
        ) : (
          <ScrollTable
            caption={t("xr.overview.openCaption")}
            columns={[t("xr.overview.category"), t("xr.overview.region"), t("xr.overview.haves"), t("xr.overview.wants")]}
          >
            {data.open.map((row) => (
              <tr key={`${row.category}-${row.region}`} className="border-b border-stone-200" data-open={`${row.category}/${row.region}`}>
                <td className="p-2">{categoryLabel(t, row.category)}</td>
                <td className="p-2">{regionName(row.region)}</td>
                <td className="p-2 text-right">{formatNumber(locale, row.haves)}</td>
                <td className="p-2 text-right">{formatNumber(locale, row.wants)}</td>
              </tr>
            ))}
          </ScrollTable>
        )}
      </Section>

      <Section id="unmatched" title={t("xr.overview.unmatched")}>
        <p className="text-sm text-stone-700">{t("xr.overview.unmatchedLead")}</p>
        {data.unmatched.total === 0 ? (
          <p>{t("xr.overview.unmatchedNone")}</p>
        ) : (
          <>
            <ScrollTable
              caption={t("xr.overview.unmatchedCaption")}
              columns={[t("xr.overview.title.col"), t("xr.overview.category"), t("xr.overview.region"), t("xr.overview.organisation")]}
            >
              {data.unmatched.rows.map((row) => (
                <tr key={row.id} className="border-b border-stone-200" data-unmatched={row.id}>
                  <td className="p-2">
                    <Link to={`/exchange/${row.id}`}>{row.title}</Link>
                  </td>
                  <td className="p-2">{categoryLabel(t, row.category)}</td>
                  <td className="p-2">{regionName(row.region)}</td>
                  <td className="p-2">{row.organisation}</td>
                </tr>
              ))}
            </ScrollTable>
            {data.unmatched.total > data.unmatched.rows.length ? (
              <p>{t.count("xr.overview.more", data.unmatched.total - data.unmatched.rows.length)}</p>
            ) : null}
          </>
        )}
      </Section>

      <Section id="per-month" title={t("xr.overview.perMonth")}>
        <ExchangeFiguresTable figures={data.exchanges} />
      </Section>

      <Section id="hidden" title={t("xr.overview.hidden")}>
        {data.hidden.length === 0 ? (
          <p>{t("xr.overview.hiddenNone")}</p>
        ) : (
          <ul className="space-y-1">
            {data.hidden.map((row) => (
              <li key={row.id} data-hidden-listing={row.id}>
                <Link to={`/exchange/${row.id}`}>{row.title}</Link> · {row.organisation}
                {row.hiddenAt ? ` · ${formatDateTime(locale, new Date(row.hiddenAt))}` : ""}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`overview-${id}`} className="space-y-3">
      <h2 id={`overview-${id}`} className="text-2xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
