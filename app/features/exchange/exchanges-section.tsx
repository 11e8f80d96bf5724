// Recorded exchanges on a listing page, the record form, and the roll-up and CO₂e figures shown on
// organisation, initiative, roadmap and overview pages (issue 12). Work without JavaScript.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormToken } from "#app/components/form-token.tsx";
import { Field, FormErrors, SelectField, SubmitButton } from "#app/components/ui/forms.tsx";
import { formatMonth } from "#app/components/charts/progress-tables.ts";
import { formatDate, formatDateTime, formatNumber, formatPen } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { CO2E_SOURCES } from "./co2e-factors.ts";
import { exchangeRecordSchema } from "./exchange-schemas.ts";
import { categoryLabel, quantityText, unitLabel } from "./labels.ts";
import { QUANTITY_UNIT_CODES, QUANTITY_UNITS, type Dimension, type QuantityUnit } from "./taxonomy.ts";

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

/**
 * The record form. `organisations`: those the person may act for (a choice only when several);
 * `counterparts`: organisations that talked about the listing (for the listing's side);
 * `listingOrganisation`: named as the other side when the person acts for another organisation.
 */
export function RecordExchangeForm({
  lastResult,
  dimension,
  today,
  organisations,
  counterparts,
  listingOrganisation,
  formToken,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  dimension: Dimension;
  today: string;
  organisations: Array<{ id: number; name: string; listingSide: boolean }>;
  counterparts: Array<{ id: number; name: string }>;
  listingOrganisation: { id: number; name: string };
  formToken: string;
}) {
  const t = useT();
  const schema = exchangeRecordSchema({ dimension, today });
  const units = QUANTITY_UNIT_CODES.filter((u) => QUANTITY_UNITS[u].dimension === dimension);
  const [form, fields] = useForm({
    id: "record-exchange",
    lastResult,
    defaultValue: { occurredOn: today, unit: units[0], actingOrganisationId: organisations.length === 1 ? String(organisations[0]!.id) : undefined },
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const listingSideOnly = organisations.every((o) => o.listingSide);
  const otherSideOnly = organisations.every((o) => !o.listingSide);
  return (
    <Form method="post" {...getFormProps(form)} className="card" autoComplete="off">
      <FormToken value={formToken} />
      <FormErrors id={form.errorId} errors={form.errors} />
      {organisations.length > 1 ? (
        <SelectField
          meta={fields.actingOrganisationId}
          label={t("xr.fields.acting")}
          options={[{ value: "", label: t("exch.fields.choose") }, ...organisations.map((o) => ({ value: String(o.id), label: o.name }))]}
        />
      ) : (
        <input type="hidden" name={fields.actingOrganisationId.name} value={organisations[0]?.id ?? ""} />
      )}
      {otherSideOnly ? <p className="mb-4">{t("xr.record.otherSide", { org: listingOrganisation.name })}</p> : null}
      {!otherSideOnly ? (
        <>
          {counterparts.length ? (
            <SelectField
              meta={fields.counterpartOrganisationId}
              label={t("xr.fields.counterpart")}
              options={[{ value: "", label: t("xr.fields.counterpartNone") }, ...counterparts.map((o) => ({ value: String(o.id), label: o.name }))]}
            />
          ) : null}
          <Field meta={fields.counterpartName} label={t("xr.fields.counterpartName")} description={t("xr.fields.counterpartNameHint")} />
          {!listingSideOnly ? <p className="mb-4 text-sm text-stone-700">{t("xr.record.otherSide", { org: listingOrganisation.name })}</p> : null}
        </>
      ) : null}
      <Field meta={fields.occurredOn} type="date" label={t("xr.fields.occurredOn")} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field meta={fields.quantity} label={t("xr.fields.quantity")} description={t("xr.fields.quantityHint")} extra={{ maxLength: 30 }} />
        <SelectField meta={fields.unit} label={t("xr.fields.unit")} options={units.map((u) => ({ value: u, label: unitLabel(t, u) }))} />
      </div>
      <Field meta={fields.value} label={t("xr.fields.value")} description={t("xr.fields.valueHint")} extra={{ maxLength: 30 }} />
      <SubmitButton pendingLabel={t("form.saving")}>{t("xr.record.submit")}</SubmitButton>
    </Form>
  );
}

/** Grams as tonnes for reading: up to three decimals, the reader's separators. */
export function tonnesText(locale: ReturnType<typeof useLocale>, grams: number) {
  return formatNumber(locale, Math.round(grams / 1000) / 1000);
}

/** A CO₂e estimate as co2e.ts summarises it (kg; grams per category, each with its factor or none). */
export type Co2e = {
  kg: number;
  categories: ReadonlyArray<{ category: string; grams: number; kgPerTonne: number | null; sourceId: string | null }>;
  gramsWithoutFactor: number;
};

/**
 * A CO₂e avoided estimate with, beside it, what it rests on: each factor used and its source and
 * year, that it is an estimate, and the categories without a factor (never estimated).
 */
export function Co2eEstimate({ co2e, className }: { co2e: Co2e; className?: string }) {
  const t = useT();
  const locale = useLocale();
  const factors = new Map<string, number>();
  for (const c of co2e.categories) if (c.sourceId && c.kgPerTonne !== null) factors.set(c.sourceId, c.kgPerTonne);
  const without = co2e.categories.filter((c) => c.kgPerTonne === null);
  return (
    <div data-co2e-kg={co2e.kg} className={className}>
      <dt className="text-stone-700">{t("xr.co2e.label")}</dt>
      <dd className="font-semibold">{factors.size ? t("xr.co2e.value", { value: formatNumber(locale, co2e.kg / 1000) }) : "—"}</dd>
      <dd className="text-xs text-stone-700">
        {[...factors].map(([sourceId, factor]) => {
          const source = CO2E_SOURCES.find((s) => s.id === sourceId)!;
          return (
            <span key={sourceId} className="block">
              {t("xr.co2e.note", {
                factor: formatNumber(locale, factor),
                basis: t(`xr.co2e.basis.${sourceId}` as "xr.co2e.basis.epa-warm15-recycled-vs-landfilled"),
                publisher: source.publisher,
                title: source.title,
                version: source.version,
                year: source.year,
              })}{" "}
              <a href={source.url}>{source.url.replace(/^https:\/\//, "")}</a>
            </span>
          );
        })}
        {without.length ? (
          <span className="block">
            {factors.size
              ? t("xr.co2e.noFactor", {
                  categories: without.map((c) => categoryLabel(t, c.category)).join(", "),
                  value: tonnesText(locale, co2e.gramsWithoutFactor),
                })
              : t("xr.co2e.none")}
          </span>
        ) : null}
      </dd>
    </div>
  );
}

type Totals = { grams: number; exchanges: number; co2e: Co2e };

/**
 * An organisation's confirmed exchanges: tonnes diverted (as supplier) and used (as receiver), how
 * many exchanges, and the CO₂e estimate over both. Nothing when it has none.
 */
export function OrganisationExchangeTotals({ totals }: { totals: { diverted: Totals; used: Totals; all: Totals } }) {
  const t = useT();
  const locale = useLocale();
  if (totals.all.exchanges === 0) return null;
  return (
    <section aria-labelledby="exchange-totals-heading" className="card" data-exchange-totals>
      <h2 id="exchange-totals-heading" className="mb-2 text-xl font-bold">
        {t("xr.rollup.title")}
      </h2>
      <p className="mb-3 text-sm text-stone-700">{t("xr.rollup.lead")}</p>
      <dl className="grid gap-3 sm:grid-cols-3">
        {(["diverted", "used"] as const).map((side) => (
          <div key={side} data-indicator={side === "diverted" ? "waste_diverted_t" : "secondary_material_t"} data-grams={totals[side].grams}>
            <dt className="text-stone-700">{t(side === "diverted" ? "xr.rollup.diverted" : "xr.rollup.used")}</dt>
            <dd className="font-semibold">{t("xr.rollup.tonnes", { value: tonnesText(locale, totals[side].grams) })}</dd>
            <dd className="text-sm text-stone-700">{t.count("xr.rollup.exchanges", totals[side].exchanges)}</dd>
          </div>
        ))}
        <Co2eEstimate co2e={totals.all.co2e} />
      </dl>
    </section>
  );
}

/** "of which X t from N confirmed exchanges", beside an indicator total that includes them. */
export function OfWhichFromExchanges({ totals }: { totals: { grams: number; exchanges: number } }) {
  const t = useT();
  const locale = useLocale();
  if (totals.exchanges === 0) return null;
  return (
    <span className="block text-xs font-normal text-stone-700" data-from-exchanges={totals.grams}>
      {t.count("xr.rollup.ofWhich", totals.exchanges, { value: tonnesText(locale, totals.grams) })}
    </span>
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

/** Alliance-wide confirmed exchanges as rollups.ts `exchangeFigures` gives them. */
export type ExchangeFigures = {
  months: ReadonlyArray<{ month: string; tonnes: number; exchanges: number; co2eT: number }>;
  total: { tonnes: number; exchanges: number; co2eT: number };
  co2e: Co2e;
};

/** Confirmed exchanges per month (tonnes, how many, CO₂e), then the total with its CO₂e estimate and basis. */
export function ExchangeFiguresTable({ figures }: { figures: ExchangeFigures }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {figures.months.length === 0 ? (
        <p>{t("progress.empty")}</p>
      ) : (
        <ScrollTable caption={t("xr.progress.caption")} columns={[t("xr.col.month"), t("xr.col.tonnes"), t("xr.col.exchanges"), t("xr.col.co2e")]}>
          {figures.months.map((row) => (
            <tr key={row.month} className="border-b border-stone-200" data-month={row.month}>
              <th scope="row" className="p-2 font-normal whitespace-nowrap">
                {formatMonth(locale, row.month)}
              </th>
              <td className="p-2 text-right">{formatNumber(locale, row.tonnes)}</td>
              <td className="p-2 text-right">{formatNumber(locale, row.exchanges)}</td>
              <td className="p-2 text-right">{formatNumber(locale, row.co2eT)}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
      <ExchangeTotals figures={figures} />
    </>
  );
}

/** The confirmed exchanges' total tonnes and count, and the CO₂e estimate with its basis. */
export function ExchangeTotals({ figures }: { figures: ExchangeFigures }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <dl className="grid gap-3 sm:grid-cols-3" data-exchanges-total={figures.total.tonnes}>
        <div>
          <dt className="text-stone-700">{t("xr.col.tonnes")}</dt>
          <dd className="font-semibold">{t("xr.rollup.tonnes", { value: formatNumber(locale, figures.total.tonnes) })}</dd>
          <dd className="text-sm text-stone-700">{t.count("xr.rollup.exchanges", figures.total.exchanges)}</dd>
        </div>
        <Co2eEstimate co2e={figures.co2e} />
      </dl>
    </>
  );
}

/** A table in a box that scrolls sideways on phones (focusable, named "Table: …"), with a caption for screen readers. */
export function ScrollTable({ caption, columns, children }: { caption: string; columns: string[]; children: ReactNode }) {
  const t = useT();
  return (
    <div className="scroll-cue rounded-md border border-stone-200" role="region" aria-label={t("table.region", { name: caption })} tabIndex={0}>
      <table className="w-full min-w-[32rem] border-collapse text-left text-sm [overflow-wrap:normal]">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-stone-300">
            {columns.map((column) => (
              <th key={column} scope="col" className="p-2">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
