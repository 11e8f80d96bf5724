import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "#app/.server/auth/index.ts";
import { FIRST_REPORT_MONTH, parseReportPeriod, reportForPeriod } from "#app/.server/reporting/index.ts";
import { formatMonth, lineLabel } from "#app/components/charts/progress-tables.ts";
import { ProgressSections } from "#app/components/charts/progress-sections.tsx";
import { initiativeStatusLabel } from "#app/features/initiatives/labels.ts";
import { actorTypeLabel } from "#app/features/organisations/labels.ts";
import { regionName } from "#app/features/organisations/taxonomy.ts";
import { formatDate, formatDateTime, formatNumber, type MessageKey } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "progress.report.title");

// The coordinators' printable report for a period (issue 11): coordinators and admins only
// (anonymous visitors go to log in, others get 403). A bad period is a 400 with the message by its field.
export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, ["coordinator", "admin"]);
  const now = Date.now();
  const parsed = parseReportPeriod(new URL(request.url).searchParams, now);
  const limits = { min: FIRST_REPORT_MONTH, max: parsed.maxMonth };
  if (!parsed.ok) return data({ values: parsed.values, errors: parsed.errors, limits, report: null, generatedAt: now }, { status: 400 });
  return { values: parsed.values, errors: {}, limits, report: reportForPeriod(parsed.period, now), generatedAt: now };
}

export default function ProgressReportPage() {
  const { values, errors, limits, report, generatedAt } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const fieldErrors = errors as Partial<Record<"from" | "to", MessageKey>>;
  const input = (name: "from" | "to") => (
    <div>
      <label htmlFor={`report-${name}`} className="mb-1 block font-semibold">
        {t(`progress.report.${name}`)}
      </label>
      <input
        id={`report-${name}`}
        name={name}
        type="month"
        defaultValue={values[name]}
        min={limits.min}
        max={limits.max}
        className="input"
        aria-invalid={fieldErrors[name] ? true : undefined}
        aria-describedby={fieldErrors[name] ? `report-${name}-error report-hint` : "report-hint"}
      />
      {fieldErrors[name] ? (
        <p id={`report-${name}-error`} className="mt-1 text-sm font-medium text-red-800">
          {t(fieldErrors[name]!)}
        </p>
      ) : null}
    </div>
  );
  return (
    <div className="space-y-8 print:space-y-4">
      {/* The one h1, on screen and on paper; the lead and the form are for the screen only. */}
      <h1 className="text-3xl font-bold text-stone-900">{t("progress.report.title")}</h1>
      <div className="print:hidden">
        <p className="mb-6 text-lg text-stone-700">{t("progress.report.lead")}</p>
        {Object.keys(fieldErrors).length ? (
          <div role="alert" className="mb-4 rounded-md border border-red-300 bg-red-50 p-3 font-medium text-red-900">
            {t("progress.report.errorSummary")}
          </div>
        ) : null}
        <Form method="get" className="card flex flex-wrap items-end gap-4">
          {input("from")}
          {input("to")}
          <button type="submit" className="btn-primary">
            {t("progress.report.submit")}
          </button>
          <p id="report-hint" className="w-full text-sm text-stone-700">
            {t("progress.report.hint")}
          </p>
        </Form>
        {report ? (
          <div className="mt-4 flex flex-wrap items-center gap-4">
            <button type="button" className="btn-secondary" onClick={() => window.print()}>
              {t("progress.report.print")}
            </button>
            <p className="text-sm text-stone-700">{t("progress.report.printHint")}</p>
          </div>
        ) : null}
      </div>
      {report ? (
        <article className="space-y-8 print:space-y-4" data-testid="report">
          <header>
            <h2 className="text-2xl font-bold print:text-xl">
              {t("progress.report.period", { from: formatMonth(locale, report.from), to: formatMonth(locale, report.to) })}
            </h2>
            <p className="text-sm text-stone-700">{t("progress.report.generated", { date: formatDateTime(locale, generatedAt) })}</p>
          </header>
          <section aria-labelledby="report-summary" className="card break-inside-avoid print:p-3 print:shadow-none">
            <h2 id="report-summary" className="mb-3 text-xl font-bold">
              {t("progress.report.summary")}
            </h2>
            <dl className="grid gap-3 sm:grid-cols-3">
              {(
                [
                  ["progress.report.newMembers", report.newMembers.length],
                  ["progress.report.newSignatories", report.newSignatories.length],
                  ["progress.report.newInitiatives", report.newInitiatives.length],
                  ["progress.col.held", report.events.reduce((sum, y) => sum + y.held, 0)],
                  ["progress.col.confirmed", report.events.reduce((sum, y) => sum + y.confirmed, 0)],
                  ["progress.col.attended", report.events.reduce((sum, y) => sum + y.attended, 0)],
                ] as Array<[MessageKey, number]>
              ).map(([key, value]) => (
                <div key={key}>
                  <dt className="text-sm text-stone-700">{t(key)}</dt>
                  <dd className="text-2xl font-bold" data-figure={key}>
                    {formatNumber(locale, value)}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
          <ReportList
            id="report-new-members"
            title={t("progress.report.newMembers")}
            none={t("progress.report.noneMembers")}
            headers={[t("progress.col.organisation"), t("progress.col.actorType"), t("progress.col.region"), t("progress.col.date")]}
            rows={report.newMembers.map((m) => [m.name, actorTypeLabel(t, m.actorType), regionName(m.hqRegion), formatDate(locale, m.at)])}
          />
          <ReportList
            id="report-new-signatories"
            title={t("progress.report.newSignatories")}
            none={t("progress.report.noneSignatories")}
            headers={[t("progress.col.organisation"), t("progress.col.actorType"), t("progress.col.date")]}
            rows={report.newSignatories.map((m) => [m.name, actorTypeLabel(t, m.actorType), formatDate(locale, m.at)])}
          />
          <ReportList
            id="report-new-initiatives"
            title={t("progress.report.newInitiatives")}
            none={t("progress.report.noneInitiatives")}
            headers={[t("progress.col.initiative"), t("progress.col.lead"), t("progress.col.roadmap"), t("progress.col.status"), t("progress.col.date")]}
            rows={report.newInitiatives.map((i) => [
              i.title,
              i.leadName,
              lineLabel(t, i),
              initiativeStatusLabel(t, i.status),
              formatDate(locale, i.publishedAt),
            ])}
          />
          <ProgressSections source={report} partners={false} printable />
        </article>
      ) : null}
      <p className="print:hidden">
        <Link to="/progress">← {t("progress.title")}</Link>
      </p>
    </div>
  );
}

/**
 * A list of the period's news as a table, or `none` when it is empty. Words never break inside
 * (on paper a squeezed column wraps at spaces only); each row stays whole on a page.
 */
function ReportList({ id, title, none, headers, rows }: { id: string; title: string; none: string; headers: string[]; rows: string[][] }) {
  const t = useT();
  return (
    <section aria-labelledby={id} className="card print:p-3 print:shadow-none">
      <h2 id={id} className="mb-3 text-xl font-bold break-after-avoid print:mb-1">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p>{none}</p>
      ) : (
        <div className="scroll-cue print:overflow-visible print:bg-none" tabIndex={0} role="region" aria-label={t("table.region", { name: title })}>
          <table className="w-full border-collapse text-left text-sm [overflow-wrap:normal] print:text-xs" data-table={id}>
            <thead>
              <tr className="border-b border-stone-300">
                {headers.map((h) => (
                  <th key={h} scope="col" className="p-2 align-bottom print:p-1">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, r) => (
                <tr key={r} className="border-b border-stone-200 break-inside-avoid">
                  {row.map((cell, c) => (
                    <td key={c} className={`p-2 print:p-1 ${c === 0 ? "min-w-[10rem]" : "min-w-[6rem]"}`}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
