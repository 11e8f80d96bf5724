import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { ChoiceGroup } from "#app/components/ui/choice-group.tsx";
import { ConditionalFields } from "#app/components/ui/conditional-fields.tsx";
import { FormToken } from "#app/components/form-token.tsx";
import { Field, FormErrors, SelectField, SubmitButton, TextareaField } from "#app/components/ui/forms.tsx";
import { useT } from "#app/utils/i18n.tsx";
import { OrganisationProfileSchema } from "./schemas.ts";
import { ACTOR_TYPES, COMPANY_SIZES, REGIONS, ROADMAPS, VALUE_CHAINS, hasCompanySize } from "./taxonomy.ts";

type ProfileInput = z.input<typeof OrganisationProfileSchema>;
export type ProfileDefaults = { [K in keyof ProfileInput]?: ProfileInput[K] | null };

/** The organisation profile form, used to apply and to edit. */
export function OrganisationProfileForm({
  id,
  lastResult,
  defaultValue,
  submitLabel,
  formToken,
}: {
  id: string;
  /** A create form's one-time token (see app/.server/form-token.ts); edit forms have none. */
  formToken?: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: ProfileDefaults;
  submitLabel: string;
}) {
  const t = useT();
  const [form, fields] = useForm<ProfileInput>({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(OrganisationProfileSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganisationProfileSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card" autoComplete={formToken ? "off" : undefined}>
      {formToken ? <FormToken value={formToken} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field meta={fields.name} label={t("org.fields.name")} autoComplete="organization" />
      <Field meta={fields.acronym} label={t("org.fields.acronym")} />
      <SelectField
        meta={fields.actorType}
        label={t("org.fields.actorType")}
        options={[{ value: "", label: t("org.fields.choose") }, ...ACTOR_TYPES.map((v) => ({ value: v, label: t(`org.actorType.${v}`) }))]}
      />
      <Field meta={fields.ruc} label={t("org.fields.ruc")} description={t("org.fields.rucHint")} />
      <ConditionalFields applies={hasCompanySize(fields.actorType.value)} testId="company-size-fields">
        <ChoiceGroup
          meta={fields.companySize}
          type="radio"
          legend={t("org.fields.companySize")}
          description={t("org.fields.companySizeHint")}
          options={COMPANY_SIZES.map((v) => ({ value: v, label: t(`org.size.${v}`) }))}
        />
      </ConditionalFields>
      <SelectField
        meta={fields.hqRegion}
        label={t("org.fields.hqRegion")}
        options={[{ value: "", label: t("org.fields.choose") }, ...REGIONS.map((r) => ({ value: r.code, label: r.name }))]}
      />
      <ChoiceGroup
        meta={fields.operatingRegions}
        legend={t("org.fields.operatingRegions")}
        columns="grid-cols-2 sm:grid-cols-3"
        options={REGIONS.map((r) => ({ value: r.code, label: r.name }))}
      />
      <ChoiceGroup
        meta={fields.roadmaps}
        legend={t("org.fields.roadmaps")}
        options={ROADMAPS.map((v) => ({ value: v, label: t(`org.roadmap.${v}`) }))}
      />
      <ChoiceGroup
        meta={fields.valueChains}
        legend={t("org.fields.valueChains")}
        options={VALUE_CHAINS.map((v) => ({ value: v, label: t(`org.chain.${v}`) }))}
      />
      <TextareaField meta={fields.description} label={t("org.fields.description")} description={t("org.fields.descriptionHint")} rows={6} />
      <Field meta={fields.website} label={t("org.fields.website")} type="url" autoComplete="url" />
      <Field meta={fields.contactEmail} label={t("org.fields.contactEmail")} type="email" />
      <Field meta={fields.foundedYear} label={t("org.fields.foundedYear")} type="number" />
      <SubmitButton pendingLabel={t("form.sending")}>{submitLabel}</SubmitButton>
    </Form>
  );
}
