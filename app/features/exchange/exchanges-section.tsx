// Recorded exchanges on a listing page and the listing's coordination log (issue 12). Work without
// JavaScript; the record form is in record-exchange-form.tsx, the figures in exchange-figures.tsx.
import { Form, Link } from "@remix-run/react";
import { SubmitButton } from "#app/components/ui/forms.tsx";
import { formatDate, formatDateTime, formatPen } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { quantityText } from "./labels.ts";
import { type QuantityUnit } from "./taxonomy.ts";
import { ScrollTable } from "./exchange-figures.tsx";

export type ExchangeRow = {
  id: number;
  supplier: string;
  receiver: string;
  occurredOn: string;
  quantity: number;
  unit: string;
  valueCents: number | null;
  status: string;
  canAnswer: boolean;
};

const dayOf = (day: string) => new Date(`${day}T12:00:00Z`);

/** The listing page's section: its exchanges (newest first), the other side's answer buttons, and the way to record one. */
export function ExchangesSection({ listingId, rows, canRecord }: { listingId: number; rows: ExchangeRow[]; canRecord: boolean }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section id="exchanges" aria-labelledby="exchanges-heading" className="card space-y-3">
      <h2 id="exchanges-heading" className="text-xl font-bold">
        {t("xr.section.title")}
      </h2>
      <p className="text-sm text-stone-700">{t("xr.section.lead")}</p>
      {rows.length === 0 ? (
        <p>{t("xr.section.empty")}</p>
      ) : (
        <ScrollTable
          caption={t("xr.section.caption")}
          columns={[t("xr.col.date"), t("xr.col.supplier"), t("xr.col.receiver"), t("xr.col.quantity"), t("xr.col.value"), t("xr.col.status")]}
        >
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-stone-200 align-top" data-exchange={row.id} data-status={row.status}>
              <td className="p-2 whitespace-nowrap">{formatDate(locale, dayOf(row.occurredOn))}</td>
              <td className="p-2">{row.supplier}</td>
              <td className="p-2">{row.receiver}</td>
              <td className="p-2 whitespace-nowrap">{quantityText(t, locale, row.quantity, row.unit as QuantityUnit)}</td>
              <td className="p-2 whitespace-nowrap">{row.valueCents === null ? "—" : formatPen(locale, row.valueCents)}</td>
              <td className="p-2">
                {t(`xr.status.${row.status as "pending" | "confirmed" | "declined"}`)}
                {row.canAnswer ? (
                  <Form method="post" action={`/exchange/exchanges/${row.id}`} className="mt-2 flex flex-wrap gap-2">
                    <fieldset className="flex flex-wrap gap-2">
                      <legend className="sr-only">
                        {t("xr.answerLabel", { date: formatDate(locale, dayOf(row.occurredOn)), supplier: row.supplier, receiver: row.receiver })}
                      </legend>
                      <SubmitButton name="decision" value="confirm" className="btn-primary" pendingLabel={t("form.saving")}>
                        {t("xr.confirm")}
                      </SubmitButton>
                      <SubmitButton name="decision" value="decline" className="btn-secondary" pendingLabel={t("form.saving")}>
                        {t("xr.decline")}
                      </SubmitButton>
                    </fieldset>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
      {canRecord ? (
        <p>
          <Link to={`/exchange/${listingId}/exchanges`} className="btn-secondary">
            {t("xr.section.record")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

/** A listing's coordination log (coordinators only), with the link to hide or show it. */
export function ListingAuditSection({
  listingId,
  audit,
}: {
  listingId: number;
  audit: ReadonlyArray<{ id: number; action: string; reason: string; actor: string | null; createdAt: Date | string | number }>;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="audit-heading" className="card space-y-2">
      <h2 id="audit-heading" className="text-xl font-bold">
        {t("xr.audit.title")}
      </h2>
      {audit.length === 0 ? (
        <p>{t("xr.audit.empty")}</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {audit.map((entry) => (
            <li key={entry.id}>
              <time dateTime={new Date(entry.createdAt).toISOString()}>{formatDateTime(locale, new Date(entry.createdAt))}</time>:{" "}
              {t(entry.action === "hide" ? "xr.audit.hide" : "xr.audit.show", { actor: entry.actor ?? t("xr.audit.someone"), reason: entry.reason })}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={`/exchange/${listingId}/hide`}>{t("xr.hide.link")}</Link>
      </p>
    </section>
  );
}
