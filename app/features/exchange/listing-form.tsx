import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { ChoiceGroup } from "#app/components/ui/choice-group.tsx";
import { FormToken } from "#app/components/form-token.tsx";
import { Field, FormErrors, SelectField, SubmitButton, TextareaField } from "#app/components/ui/forms.tsx";
import { REGIONS } from "#app/features/organisations/taxonomy.ts";
import { useT } from "#app/utils/i18n.tsx";
import { HazardNotice } from "./hazard-notice.tsx";
import { categoryLabel, frequencyLabel, kindLabel, priceModeLabel, unitLabel } from "./labels.ts";
import { listingSchema, type ListingIntent } from "./schemas.ts";
import { FREQUENCIES, LISTING_KINDS, MATERIAL_CATEGORIES, PRICE_MODES, QUANTITY_UNIT_CODES } from "./taxonomy.ts";

type Input = z.input<ReturnType<typeof listingSchema>>;
type Output = z.output<ReturnType<typeof listingSchema>>;
export type ListingDefaults = { [K in keyof Input]?: Input[K] | null };

/**
 * The listing form, to post and to edit a have or a want. Works without JavaScript; with it, fields
 * are checked as they change. `organisations`: those the person may post for (new listings only);
 * `initiatives`: those the listing may be linked to. `buttons`: the submit buttons and their intent.
 */
export function ListingForm({
  id,
  lastResult,
  defaultValue,
  organisations,
  initiatives,
  buttons,
  formToken,
}: {
  id: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: ListingDefaults;
  organisations?: Array<{ id: number; name: string }>;
  initiatives: Array<{ id: number; title: string }>;
  buttons: Array<{ intent: ListingIntent; label: string; primary?: boolean }>;
  formToken?: string;
}) {
  const t = useT();
  const withOrganisation = Boolean(organisations);
  const [form, fields] = useForm<Input, Output>({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(listingSchema({ withOrganisation })),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: listingSchema({ withOrganisation }) }),
  });
  const { key: hazardKey, ...hazardProps } = getInputProps(fields.hazardous, { type: "checkbox", value: "on", ariaAttributes: false });
  const choose = { value: "", label: t("exch.fields.choose") };
  return (
    <Form method="post" {...getFormProps(form)} className="card" autoComplete={formToken ? "off" : undefined}>
      {formToken ? <FormToken value={formToken} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      {organisations && organisations.length > 1 ? (
        <SelectField meta={fields.organisationId} label={t("exch.fields.organisation")} options={organisations.map((o) => ({ value: String(o.id), label: o.name }))} />
      ) : organisations?.[0] ? (
        <input type="hidden" name={fields.organisationId.name} value={organisations[0].id} />
      ) : null}
      <ChoiceGroup
        meta={fields.kind}
        type="radio"
        legend={t("exch.fields.kind")}
        columns="grid-cols-2"
        options={LISTING_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
      />
      <Field meta={fields.title} label={t("exch.fields.title")} description={t("exch.fields.titleHint")} />
      <SelectField meta={fields.category} label={t("exch.fields.category")} options={[choose, ...MATERIAL_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))]} />
      <TextareaField meta={fields.description} label={t("exch.fields.description")} rows={5} />
      <TextareaField meta={fields.specification} label={t("exch.fields.specification")} description={t("exch.fields.specificationHint")} rows={3} />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <Field meta={fields.quantity} label={t("exch.fields.quantity")} description={t("exch.fields.quantityHint")} extra={{ maxLength: 30 }} />
        <SelectField meta={fields.unit} label={t("exch.fields.unit")} options={[choose, ...QUANTITY_UNIT_CODES.map((u) => ({ value: u, label: unitLabel(t, u) }))]} />
        <SelectField meta={fields.frequency} label={t("exch.fields.frequency")} options={[choose, ...FREQUENCIES.map((f) => ({ value: f, label: frequencyLabel(t, f) }))]} />
      </div>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField meta={fields.region} label={t("exch.fields.region")} options={[choose, ...REGIONS.map((r) => ({ value: r.code, label: r.name }))]} />
        <Field meta={fields.province} label={t("exch.fields.province")} />
      </div>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field meta={fields.availableFrom} label={t("exch.fields.availableFrom")} type="date" />
        <Field meta={fields.availableUntil} label={t("exch.fields.availableUntil")} description={t("exch.fields.availableUntilHint")} type="date" />
      </div>
      <ChoiceGroup
        meta={fields.priceMode}
        type="radio"
        legend={t("exch.fields.priceMode")}
        columns="sm:grid-cols-3"
        options={PRICE_MODES.map((m) => ({ value: m, label: priceModeLabel(t, m) }))}
      />
      <Field meta={fields.price} label={t("exch.fields.price")} description={t("exch.fields.priceHint")} extra={{ maxLength: 30 }} />
      <div className="mb-4">
        <label className="flex items-start gap-2 font-semibold">
          <input key={hazardKey} {...hazardProps} aria-describedby={`${id}-hazard`} className="mt-1 h-5 w-5 shrink-0 accent-brand-700" />
          <span>{t("exch.fields.hazardous")}</span>
        </label>
        <HazardNotice id={`${id}-hazard`} className="mt-2" />
      </div>
      {initiatives.length ? (
        <SelectField
          meta={fields.initiativeId}
          label={t("exch.fields.initiative")}
          options={[{ value: "", label: t("exch.fields.initiativeNone") }, ...initiatives.map((i) => ({ value: String(i.id), label: i.title }))]}
        />
      ) : null}
      <div className="flex flex-wrap gap-3">
        {buttons.map((button) => (
          <SubmitButton
            key={button.intent}
            name="intent"
            value={button.intent}
            className={button.primary ? "btn-primary" : "btn-secondary"}
            pendingLabel={t("form.saving")}
          >
            {button.label}
          </SubmitButton>
        ))}
      </div>
    </Form>
  );
}
