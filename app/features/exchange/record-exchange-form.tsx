// The form recording an exchange on a listing (issue 12), with its schema; works without JavaScript.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { FormToken } from "#app/components/form-token.tsx";
import { Field, FormErrors, SelectField, SubmitButton } from "#app/components/ui/forms.tsx";
import { useT } from "#app/utils/i18n.tsx";
import { exchangeRecordSchema } from "./exchange-schemas.ts";
import { unitLabel } from "./labels.ts";
import { QUANTITY_UNIT_CODES, QUANTITY_UNITS, type Dimension } from "./taxonomy.ts";

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
